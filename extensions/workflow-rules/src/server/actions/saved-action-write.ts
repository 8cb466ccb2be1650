import type { Knex } from 'knex';
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
export async function assertValidSavedActionWrite(payload: Record<string, unknown>, keys: (string | number)[] | null, knex: Knex): Promise<void> {
	const stored: Record<string, unknown>[] = keys ? await knex(SAVED_ACTIONS_TABLE).whereIn('id', keys) : [{}];
	for (const row of stored) {
		const value = (field: (typeof FIELDS)[number]) => (field in payload ? payload[field] : row[field]);
		// `options` and `timing` are JSON, which a database may hand back as text; `type` is text.
		const merged = { type: value('type'), options: fromJson(value('options'), null), timing: fromJson(value('timing'), null) };
		const result = actionSchema.safeParse({ type: merged.type, options: merged.options ?? {}, timing: merged.timing ?? { type: 'instant' } }, { error: issueMessage });
		const issues = result.success ? standaloneActionIssues(result.data as RuleAction, '').map((issue) => ({ ...issue, path: issue.path.replace(/^\./, '') })) : toRuleIssues(result.error.issues);
		if (issues.length > 0) throw issues.map((issue) => new InvalidRuleError({ path: issue.path, problem: issue.message }));
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
