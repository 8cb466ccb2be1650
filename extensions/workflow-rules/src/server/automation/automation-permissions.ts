import type { Knex } from 'knex';
import type { RuleDefinition } from '../../core/rule/rule-types.js';
import { fieldsUsedBy } from '../../core/engine/needed-fields.js';
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
	return permittedFields(knex, await automationAccess(knex), collection, 'update');
}

/** The fields of `collection` a user may read or update, from the permissions of their policies. */
async function permittedFields(knex: Knex, access: UserAccess | null, collection: string, action: 'read' | 'update'): Promise<Set<string>> {
	if (!access || access.user.status !== 'active') return new Set();
	if (access.policies.some((policy) => policy.admin)) return new Set(['*']);

	const rows = await knex('directus_permissions')
		.whereIn(
			'policy',
			access.policies.map((policy) => policy.id),
		)
		.where({ collection, action })
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
	if (author?.user && !author.admin) await assertAuthorMaySendOut(rule, knex, author.user);
	if (rule.status !== 'active') return;
	const written = rule.actions.flatMap((action, index) => writtenFields(action, index));
	if (written.length === 0) return;

	const writers: [string, Promise<Set<string>>][] = [[`the automation user (${AUTOMATION_USER.email})`, automationUpdatableFields(knex, rule.collection)]];
	if (author?.user && !author.admin) writers.push(['you, the rule’s author,', userAccess(knex, author.user).then((access) => permittedFields(knex, access, rule.collection, 'update'))]);

	const problems: InstanceType<typeof InvalidRuleError>[] = [];
	for (const [who, fields] of writers) {
		const allowed = await fields;
		for (const { field, path } of written) if (!allowed.has('*') && !allowed.has(field)) problems.push(new InvalidRuleError({ path, problem: `${who} may not update ${rule.collection}.${field}` }));
	}
	if (problems.length > 0) throw problems;
}

/**
 * What a rule saved by someone other than an admin may make the automation user do besides
 * writing: start a Flow (it runs as the automation user and may carry its own `$full`
 * permissions: admins only), read a secret from the server's environment (`$env.NAME`: admins
 * only), and send a record out by mail or webhook (only one its author may read: the action reads
 * it as the system).
 */
async function assertAuthorMaySendOut(rule: RuleDefinition, knex: Knex, user: string): Promise<void> {
	const problems: InstanceType<typeof InvalidRuleError>[] = [];
	const sending = rule.actions.map((action, index) => ({ action, index })).filter(({ action }) => action.type === 'email' || action.type === 'webhook');
	const readable = sending.length > 0 ? await userAccess(knex, user).then((access) => permittedFields(knex, access, rule.collection, 'read')) : new Set<string>();

	rule.actions.forEach((action, index) => {
		if (action.type === 'run_flow') problems.push(new InvalidRuleError({ path: `actions[${index}].type`, problem: 'only an admin may save a rule that runs a Flow: the Flow runs as the automation user' }));
		const secret = action.type === 'webhook' ? action.options['secret'] : null;
		if (typeof secret === 'string' && secret.startsWith('$env.')) problems.push(new InvalidRuleError({ path: `actions[${index}].options.secret`, problem: 'only an admin may have a rule read a secret from the server’s environment' }));
	});
	for (const { action, index } of sending) {
		// A webhook without a body sends the whole record.
		const wholeRecord = action.type === 'webhook' && typeof action.options['body'] !== 'string';
		const used = [...new Set(fieldsUsedBy({ ...rule, actions: [action] }).map((path) => path.split('.')[0]!))];
		const unreadable = readable.has('*') ? [] : wholeRecord ? ['*'] : used.filter((field) => !readable.has(field));
		if (readable.size === 0 || unreadable.length > 0) problems.push(new InvalidRuleError({ path: `actions[${index}].type`, problem: `you, the rule’s author, may not read ${rule.collection}${readable.size === 0 || unreadable.includes('*') ? '' : `.${unreadable.join(', .')}`}, which this action would send out` }));
	}
	if (problems.length > 0) throw problems;
}
