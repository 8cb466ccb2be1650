import type { Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { jsonDepthIssue } from '../../core/rule/json-limits.js';
import type { RuleDefinition } from '../../core/rule/rule-types.js';
import { validateRule } from '../../core/rule/validate-rule.js';
import { assertRuleWritesAllowed } from '../automation/automation-permissions.js';
import { resolveSavedActions } from '../actions/saved-actions.js';
import { InvalidRuleError } from '../errors.js';
import { ruleFromRow } from './rule-row.js';
import { RULES_TABLE } from './rule-cache.js';
import { schemaInfoFrom } from './schema-info-adapter.js';

const RULE_FIELDS = ['name', 'description', 'status', 'collection', 'trigger', 'conditions', 'previous_conditions', 'execution', 'actions', 'sort'] as const;

function ruleFields(source: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(RULE_FIELDS.filter((field) => field in source).map((field) => [field, source[field]]));
}

/**
 * Validates a rule as it will be once the write applies: the payload alone on create, the stored
 * rule with the payload over it on update; saved actions it uses are validated as they are now.
 * Throws one 400 error per problem, each naming its path.
 */
export async function assertValidRule(candidate: Record<string, unknown>, schema: SchemaOverview, knex: Knex): Promise<RuleDefinition> {
	const fields = ruleFields(candidate);
	const saved = 'actions' in fields ? await resolveSavedActions(knex, fields['actions']) : { actions: undefined, issues: [] };
	const { rule, issues } = validateRule(saved.actions === undefined ? fields : { ...fields, actions: saved.actions }, schemaInfoFrom(schema));
	const all = [...saved.issues, ...issues.filter((issue) => !saved.issues.some((known) => issue.path.startsWith(known.path.replace(/\.use$/, ''))))];
	if (all.length > 0 || !rule) throw all.map((issue) => new InvalidRuleError({ path: issue.path, problem: issue.message }));
	return rule;
}

export async function assertValidRuleWrite(payload: Record<string, unknown>, keys: (string | number)[] | null, knex: Knex, schema: SchemaOverview, author: Accountability | null = null): Promise<void> {
	if (!keys) {
		await assertRuleWritesAllowed(await assertValidRule(payload, schema, knex), knex, author);
		return;
	}

	const rows = await knex(RULES_TABLE).whereIn('id', keys);
	for (const row of rows) {
		const { id: _id, ...stored } = ruleFromRow(row);
		await assertRuleWritesAllowed(await assertValidRule({ ...stored, ...payload }, schema, knex), knex, author);
	}
}

/**
 * Express middleware on the items routes of rules. Directus deep-clones a payload, recursively,
 * before any filter hook sees it, so a rule nested thousands of levels would overflow the stack
 * there (a 500); refused here instead, with the same error as the rule validation.
 */
export function refuseDeepRulePayloads(req: Request, _res: Response, next: NextFunction): void {
	const body: unknown = req.body;
	// One item, a list of items (batch create or update), or `{ keys | query, data }`.
	const payloads = Array.isArray(body) ? body : body && typeof body === 'object' && 'data' in body ? [body.data] : [body];
	for (const payload of payloads) {
		if (!payload || typeof payload !== 'object') continue;
		for (const [field, value] of Object.entries(payload as Record<string, unknown>)) {
			const issue = jsonDepthIssue(value, field);
			if (issue) return next(new InvalidRuleError({ path: issue.path, problem: issue.message }));
		}
	}
	next();
}
