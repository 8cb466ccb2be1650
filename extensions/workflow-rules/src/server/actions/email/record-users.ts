import type { SchemaOverview } from '@directus/types';
import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { parseAddress, type EmailAddress } from '../../../core/actions/email-addresses.js';
import type { Item } from '../../engine/record-reader.js';
import { primaryKeyOf } from '../../rules/schema-info-adapter.js';
import type { ActionRun } from '../action-definition.js';
import { assertHeaderValue } from './headers.js';

export type UserKeyword = 'owner' | 'members';

/** The users a keyword names, as addresses, and why there are none when there are none. */
export interface KeywordRecipients {
	addresses: EmailAddress[];
	/** Why no address came of the keyword, for the error when `to` ends up empty. */
	empty: string | null;
}

const USERS = 'directus_users';

/** How a keyword reaches users from the record: a field of it, and for `members` the junction's user field. */
function userPath(schema: SchemaOverview, collection: string, keyword: UserKeyword): string | null {
	if (keyword === 'owner') {
		const owner = schema.relations.find((relation) => relation.collection === collection && relation.field === 'owner' && relation.related_collection === USERS);
		return owner ? 'owner' : null;
	}
	const toJunction = schema.relations.find((relation) => relation.related_collection === collection && relation.meta?.one_field === 'members');
	const junctionField = toJunction?.meta?.junction_field;
	const toUsers = junctionField && schema.relations.find((relation) => relation.collection === toJunction.collection && relation.field === junctionField && relation.related_collection === USERS);
	return toUsers ? `members.${junctionField}` : null;
}

/** The user keys at `path` of a row: `owner` → the owner's key, `members.directus_users_id` → each member's key. */
function keysAt(row: Item, path: string): string[] {
	const [field, junctionField] = path.split('.') as [string, string | undefined];
	const value = row[field];
	const values = junctionField === undefined ? [value] : Array.isArray(value) ? value.map((link) => (link as Item | null)?.[junctionField]) : [];
	return values.flatMap((key) => (typeof key === 'string' || typeof key === 'number' ? [String(key)] : key && typeof key === 'object' && 'id' in key ? [String((key as Item)['id'])] : []));
}

/**
 * The email addresses of the record's owner or members, read when the job runs (a reassignment
 * made after the rule fired is honoured) as the system, on the run's connection: the
 * automation user needs no right to read users. A record deleted since keeps the owner it had.
 */
export async function keywordRecipients(run: ActionRun, keyword: UserKeyword, where: string): Promise<KeywordRecipients> {
	const { runtime, schema, collection, item, knex } = run;
	const path = collection ? userPath(schema, collection, keyword) : null;
	if (!collection || !path) {
		const relation = keyword === 'owner' ? 'an `owner` field relating to users' : 'a `members` many-to-many field to users';
		throw new PermanentActionError(`${where}: "${keyword}" needs ${relation}, which ${collection ?? 'this run'} does not have`, { kind: 'invalid' });
	}

	const system = (name: string) => new runtime.services.ItemsService(name, { schema, accountability: null, knex });
	const [row] = item === null ? [] : await system(collection).readByQuery({ filter: { [primaryKeyOf(schema, collection)]: { _eq: item } }, fields: [path], limit: 1 }, { emitEvents: false });
	const keys = [...new Set(row ? keysAt(row, path) : keyword === 'owner' && run.record ? keysAt(run.record, path) : [])];
	if (keys.length === 0) return { addresses: [], empty: `${where}: the record has no ${keyword}` };

	const users = await system(USERS).readMany(keys, { fields: ['id', 'email', 'first_name', 'last_name'], limit: -1 }, { emitEvents: false });
	const addresses = users.flatMap((user): EmailAddress[] => {
		if (typeof user['email'] !== 'string' || user['email'] === '') return [];
		const who = `${where} (user ${String(user['id'])})`;
		const address = parseAddress(assertHeaderValue(user['email'], who));
		if (!address) throw new PermanentActionError(`${who}: ${JSON.stringify(user['email'])} is not an email address`, { kind: 'invalid_address' });
		const name = [user['first_name'], user['last_name']].filter((part) => typeof part === 'string' && part !== '').join(' ');
		return [{ name: name === '' ? null : assertHeaderValue(name, who), address: address.address }];
	});
	return { addresses, empty: addresses.length > 0 ? null : `${where}: the record's ${keyword === 'owner' ? 'owner has no email address' : 'members have no email addresses'}` };
}
