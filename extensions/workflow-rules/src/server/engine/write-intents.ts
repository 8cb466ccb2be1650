import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { WriteKind } from '../../core/events/index.js';
import { fromJson, toJson } from '../db/rows.js';
import type { Item } from './before-state.js';

export const INTENTS_TABLE = 'workflow_intents';

/**
 * An evaluation still owed for a write. Written before the write (in its own transaction for
 * creates, just before it for updates and deletes) and settled once the write's runs and jobs are
 * stored, so that a process killed in between leaves a row that another poll finds: the write is
 * then evaluated from the record as it now is, or dropped when it never committed.
 */
export interface WriteIntent {
	id: string;
	collection: string;
	kind: WriteKind;
	keys: string[];
	/** The records before an update or delete, by key. */
	before: Record<string, Item>;
	written: string[];
	user: string | null;
	role: string | null;
	depth: number;
}

export type NewIntent = Omit<WriteIntent, 'id'> & { id?: string };

/** The intent of a create is named after its record, so that the action hook finds it without memory. */
export function createIntentId(collection: string, key: string): string {
	return `create:${collection}:${key}`;
}

export async function recordIntent(knex: Knex, intent: NewIntent, owner: string, leaseMs: number, now = new Date()): Promise<string> {
	const id = intent.id ?? randomUUID();
	await knex(INTENTS_TABLE).insert({
		id,
		collection: intent.collection,
		kind: intent.kind,
		keys: toJson(intent.keys),
		before: toJson(intent.before),
		written: toJson(intent.written),
		user: intent.user,
		role: intent.role,
		depth: intent.depth,
		locked_by: owner,
		locked_until: new Date(now.getTime() + leaseMs),
		date_created: now,
	});
	return id;
}

/** Removes intents whose evaluation is stored; `trx` is the transaction that stored it. */
export async function settleIntents(knex: Knex, ids: string[]): Promise<void> {
	if (ids.length > 0) await knex(INTENTS_TABLE).whereIn('id', ids).delete();
}

/**
 * Claims intents whose lease ran out: their process died, or took far longer than the lease to
 * evaluate. Each claim is a conditional update, so one instance wins each intent.
 */
export async function claimStaleIntents(knex: Knex, owner: string, leaseMs: number, limit: number, now = new Date()): Promise<WriteIntent[]> {
	const candidates: { id: string }[] = await knex(INTENTS_TABLE).select('id').where('locked_until', '<', now).orderBy('date_created', 'asc').limit(limit);
	const claimed: WriteIntent[] = [];
	for (const { id } of candidates) {
		const won = await knex(INTENTS_TABLE).where('id', id).andWhere('locked_until', '<', now).update({ locked_by: owner, locked_until: new Date(now.getTime() + leaseMs) });
		if (won === 1) claimed.push(intentFromRow(await knex(INTENTS_TABLE).where('id', id).first()));
	}
	return claimed;
}

function intentFromRow(row: Record<string, unknown>): WriteIntent {
	return {
		id: String(row['id']),
		collection: String(row['collection']),
		kind: row['kind'] as WriteKind,
		keys: fromJson<unknown[]>(row['keys'], []).map(String),
		before: fromJson<Record<string, Item>>(row['before'], {}),
		written: fromJson<unknown[]>(row['written'], []).map(String),
		user: (row['user'] as string | null) ?? null,
		role: (row['role'] as string | null) ?? null,
		depth: Number(row['depth'] ?? 0),
	};
}
