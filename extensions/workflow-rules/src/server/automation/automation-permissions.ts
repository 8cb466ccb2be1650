import type { Knex } from 'knex';
import type { RuleDefinition } from '../../core/rule/rule-types.js';
import { writtenFields } from '../actions/written-fields.js';
import { InvalidRuleError } from '../errors.js';
import { AUTOMATION_USER, automationAccess } from './automation-user.js';

/**
 * The fields of `collection` the automation user may update, from its policies' permissions:
 * `'*'` for all of them. Item-level permission filters depend on the record and are left to
 * Directus when the action runs.
 */
export async function automationUpdatableFields(knex: Knex, collection: string): Promise<Set<string>> {
	const access = await automationAccess(knex);
	if (!access || access.user.status !== 'active') return new Set();
	if (access.policies.some((policy) => policy.admin)) return new Set(['*']);

	const rows = await knex('directus_permissions')
		.whereIn(
			'policy',
			access.policies.map((policy) => policy.id),
		)
		.where({ collection, action: 'update' })
		.select('fields');
	return new Set(rows.flatMap((row: { fields: unknown }) => fieldList(row.fields)));
}

/** directus_permissions.fields is a CSV column; a JSON array is accepted as well. */
function fieldList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value !== 'string' || value === '') return [];
	return value.split(',').map((field) => field.trim());
}

/**
 * Refuses an active rule whose actions write fields the automation user may not update: it
 * would fail on every run. Inactive rules pass, so a rule can still be switched off after an
 * admin narrowed the automation role.
 */
export async function assertAutomationMayWrite(rule: RuleDefinition, knex: Knex): Promise<void> {
	if (rule.status !== 'active') return;
	const written = rule.actions.flatMap((action, index) => writtenFields(action, index));
	if (written.length === 0) return;

	const allowed = await automationUpdatableFields(knex, rule.collection);
	const refused = written.filter(({ field }) => !allowed.has('*') && !allowed.has(field));
	if (refused.length > 0) {
		throw refused.map(({ field, path }) => new InvalidRuleError({ path, problem: `the automation user (${AUTOMATION_USER.email}) may not update ${rule.collection}.${field}` }));
	}
}
