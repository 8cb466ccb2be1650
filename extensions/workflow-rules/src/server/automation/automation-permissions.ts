import type { Knex } from 'knex';
import type { RuleDefinition } from '../../core/rule/rule-types.js';
import { writtenFields } from '../actions/written-fields.js';
import { InvalidRuleError } from '../errors.js';
import type { Accountability } from '@directus/types';
import { AUTOMATION_USER, automationAccess, userAccess, type UserAccess } from './automation-user.js';

/**
 * The fields of `collection` the automation user may update, from its policies' permissions:
 * `'*'` for all of them. Item-level permission filters depend on the record and are left to
 * Directus when the action runs.
 */
export async function automationUpdatableFields(knex: Knex, collection: string): Promise<Set<string>> {
	return updatableFields(knex, await automationAccess(knex), collection);
}

/** The fields of `collection` a user may update, from the permissions of their policies. */
async function updatableFields(knex: Knex, access: UserAccess | null, collection: string): Promise<Set<string>> {
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
 * Refuses an active rule whose actions write fields the automation user may not update (it would
 * fail on every run), or, saved by someone other than an admin, fields its author may not update
 * (a rule must not write for its author what the author could not). Inactive rules pass, so a
 * rule can still be switched off after an admin narrowed the automation role.
 */
export async function assertRuleWritesAllowed(rule: RuleDefinition, knex: Knex, author: Accountability | null): Promise<void> {
	// A Flow run by a rule runs as the automation user and may carry its own `$full` permissions:
	// only an admin, who may build such a Flow anyway, may have a rule start one.
	if (author?.user && !author.admin) {
		const flows = rule.actions.flatMap((action, index) => (action.type === 'run_flow' ? [new InvalidRuleError({ path: `actions[${index}].type`, problem: 'only an admin may save a rule that runs a Flow: the Flow runs as the automation user' })] : []));
		if (flows.length > 0) throw flows;
	}
	if (rule.status !== 'active') return;
	const written = rule.actions.flatMap((action, index) => writtenFields(action, index));
	if (written.length === 0) return;

	const writers: [string, Promise<Set<string>>][] = [[`the automation user (${AUTOMATION_USER.email})`, automationUpdatableFields(knex, rule.collection)]];
	if (author?.user && !author.admin) writers.push(['you, the rule’s author,', userAccess(knex, author.user).then((access) => updatableFields(knex, access, rule.collection))]);

	const problems: InstanceType<typeof InvalidRuleError>[] = [];
	for (const [who, fields] of writers) {
		const allowed = await fields;
		for (const { field, path } of written) if (!allowed.has('*') && !allowed.has(field)) problems.push(new InvalidRuleError({ path, problem: `${who} may not update ${rule.collection}.${field}` }));
	}
	if (problems.length > 0) throw problems;
}
