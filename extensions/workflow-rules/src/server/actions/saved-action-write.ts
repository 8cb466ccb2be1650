import type { Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import { assertRuleWritesAllowed } from '../automation/automation-permissions.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import { ruleFromRow } from '../rules/rule-row.js';
import { assertValidRule } from '../rules/validate-rule-write.js';
import { actionSchema, issueMessage, toRuleIssues } from '../../core/rule/rule-schema.js';
import type { RuleAction } from '../../core/rule/rule-types.js';
import { standaloneActionIssues } from '../../core/rule/validate-rule.js';
import { fromJson } from '../db/rows.js';
import { InvalidRuleError, SavedActionInUseError } from '../errors.js';
import { rulesUsing, SAVED_ACTIONS_TABLE } from './saved-actions.js';

const FIELDS = ['type', 'options', 'timing'] as const;

/**
 * A saved action is checked as a rule's action would be (type, options, timing), as it will be
 * once the write applies: the payload alone on create, over the stored action on update. One 400
 * per problem, at its path (`options.url`).
 */
export async function assertValidSavedActionWrite(payload: Record<string, unknown>, keys: (string | number)[] | null, knex: Knex, schema: SchemaOverview, author: Accountability | null): Promise<void> {
	const stored: Record<string, unknown>[] = keys ? await knex(SAVED_ACTIONS_TABLE).whereIn('id', keys) : [{}];
	for (const row of stored) {
		const value = (field: (typeof FIELDS)[number]) => (field in payload ? payload[field] : row[field]);
		// `options` and `timing` are JSON, which a database may hand back as text; `type` is text.
		const merged = { type: value('type'), options: fromJson(value('options'), null), timing: fromJson(value('timing'), null) };
		const result = actionSchema.safeParse({ type: merged.type, options: merged.options ?? {}, timing: merged.timing ?? { type: 'instant' } }, { error: issueMessage });
		const issues = result.success ? standaloneActionIssues(result.data as RuleAction, '').map((issue) => ({ ...issue, path: issue.path.replace(/^\./, '') })) : toRuleIssues(result.error.issues);
		if (issues.length > 0) throw issues.map((issue) => new InvalidRuleError({ path: issue.path, problem: issue.message }));
		if (row['id'] !== undefined) await assertRulesStillValid(String(row['id']), merged, knex, schema, author);
	}
}

/**
 * A change to a saved action changes every rule that uses it: each is checked as if it were saved
 * again by the one making the change (its trigger, the fields it writes, who may start a Flow).
 */
async function assertRulesStillValid(id: string, action: { type: unknown; options: unknown; timing: unknown }, knex: Knex, schema: SchemaOverview, author: Accountability | null): Promise<void> {
	for (const { id: ruleId, name } of await rulesUsing(knex, id)) {
		const { id: _id, ...rule } = ruleFromRow(await knex(RULES_TABLE).where('id', ruleId).first());
		const actions = fromJson<unknown[]>(rule.actions, []).map((entry) => {
			const reference = entry as { use?: unknown; timing?: unknown };
			return reference.use === id && !('type' in reference) ? { use: id, type: action.type, options: action.options ?? {}, timing: reference.timing ?? action.timing ?? { type: 'instant' } } : entry;
		});
		try {
			await assertRuleWritesAllowed(await assertValidRule({ ...rule, actions }, schema, knex), knex, author);
		} catch (errors) {
			const list = Array.isArray(errors) ? errors : [errors];
			throw list.map((error: { extensions?: { path?: string; problem?: string }; message?: string }) => new InvalidRuleError({ path: `rule "${name}" ${error.extensions?.path ?? ''}`.trim(), problem: error.extensions?.problem ?? String(error.message) }));
		}
	}
}

/** A saved action still used by a rule cannot be deleted: the rule would lose an action silently. */
export async function assertSavedActionsUnused(keys: (string | number)[], knex: Knex): Promise<void> {
	for (const key of keys) {
		const rules = await rulesUsing(knex, String(key));
		if (rules.length === 0) continue;
		const row = await knex(SAVED_ACTIONS_TABLE).where('id', key).first('name');
		throw new SavedActionInUseError({ action: String(row?.name ?? key), rules: rules.map((rule) => `"${rule.name}" (${rule.id})`).join(', ') });
	}
}
