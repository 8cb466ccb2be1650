import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { WriteKind } from '../../core/events/index.js';
import { writeAtCommit } from '../db/at-commit.js';
import { fromJson, toDate, toJson } from '../db/rows.js';
import type { Item } from './before-state.js';

export const INTENTS_TABLE = 'workflow_intents';

/**
 * An evaluation still owed for one record of a write. Written before the write (inside the
 * write's own transaction for creates, just before it for updates and deletes) and settled with
 * the write's runs, so that a process killed in between leaves a row that a later poll of any
 * instance finds: the record is then evaluated as it now is, or dropped when the write never
 * committed.
 */
export interface WriteIntent {
	id: string;
	/** The write this record belongs to: names its jobs (see record-firing.ts). */
	writeId: string;
	collection: string;
	item: string;
	kind: WriteKind;
	/** The record before an update or delete. */
	before: Item | null;
	written: string[];
	user: string | null;
	role: string | null;
	depth: number;
	createdAt: Date;
}

export interface NewWrite {
	writeId?: string;
	collection: string;
	kind: WriteKind;
	/** The records written, by key, with their before state (null for creates). */
	records: [string, Item | null][];
	written: string[];
	user: string | null;
	role: string | null;
	depth: number;
}

/** The write id of a create is named after its record, so that the action hook finds it without memory. */
export function createWriteId(collection: string, key: string): string {
	return `create:${collection}:${key}`;
}

/** An intent's key: the write and the record, hashed when a long record key would not fit the column (255). */
function intentId(writeId: string, item: string): string {
	const id = `${writeId}|${item}`;
	return id.length <= 255 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** Rows per insert: far under SQLite's and PostgreSQL's limits on bound values. */
const INSERT_CHUNK = 500;

/**
 * Records a write's intents, one per record; returns the write id. Inside a transaction they are
 * inserted when it commits, with the other intents of that transaction (see at-commit.ts), so
 * they commit or roll back with the records. `ON CONFLICT DO NOTHING`: on PostgreSQL a failed
 * insert would abort the write's own transaction.
 */
export async function recordIntents(knex: Knex, write: NewWrite, owner: string, leaseMs: number, now: Date, onError: (error: unknown) => void): Promise<string> {
	const writeId = write.writeId ?? randomUUID();
	const rows = write.records.map(([item, before]) => ({
		id: intentId(writeId, item),
		write_id: writeId,
		collection: write.collection,
		item,
		kind: write.kind,
		before: toJson(before),
		written: toJson(write.written),
		user: write.user,
		role: write.role,
		depth: write.depth,
		locked_by: owner,
		locked_until: new Date(now.getTime() + leaseMs),
		date_created: now,
	}));
	await writeAtCommit(knex, INTENTS_TABLE, rows, insertIntentRows, onError);
	return writeId;
}

async function insertIntentRows(knex: Knex, rows: Record<string, unknown>[]): Promise<void> {
	for (let i = 0; i < rows.length; i += INSERT_CHUNK) await knex(INTENTS_TABLE).insert(rows.slice(i, i + INSERT_CHUNK)).onConflict('id').ignore();
}

export interface Settled {
	/** A whole write (its evaluation ran in the process that made it), or one recovered intent. */
	writeId?: string;
	intentId?: string;
	collection: string;
	/** The records of an update or delete: their older intents go too (see settleIntents). */
	items: string[];
	/** When the write's intents were recorded. */
	at: Date;
}

/** Whose older intents a settle may remove: see settleIntents. */
export interface SettleScope {
	/** This process's name, on the intents it recorded. */
	owner: string;
	/** Writes this process has seen commit (their action hook ran) and is evaluating now. */
	evaluating: ReadonlySet<string>;
}

/**
 * Removes the intents of writes whose evaluation is stored, and older update and delete intents
 * of the same records that belong to writes Directus refused after the filter hooks ran
 * (validation, permissions, a booking check), which, left behind, would later pass for this
 * write's change once the record carries it. An older intent is taken for refused only when this
 * process recorded it and never saw its write commit, or when its lease ran out: an intent of a
 * write still being evaluated, here or on a live instance, stays, or a crash before its
 * evaluation is stored would lose it.
 */
export async function settleIntents(knex: Knex, settled: readonly Settled[], scope: SettleScope, now = new Date()): Promise<void> {
	if (settled.length === 0) return;
	const writes = settled.flatMap((write) => (write.writeId ? [write.writeId] : []));
	const intents = settled.flatMap((write) => (write.intentId ? [write.intentId] : []));
	if (writes.length > 0) await knex(INTENTS_TABLE).whereIn('write_id', writes).delete();
	if (intents.length > 0) await knex(INTENTS_TABLE).whereIn('id', intents).delete();
	const evaluating = [...scope.evaluating];
	for (const { collection, items, at } of settled) {
		if (items.length === 0) continue;
		await knex(INTENTS_TABLE)
			.where('collection', collection)
			.whereIn('item', items)
			.whereNot('kind', 'create')
			.andWhere('date_created', '<', at)
			.andWhere((refused) => refused.where('locked_by', scope.owner).orWhere('locked_until', '<', now))
			.modify((query) => {
				if (evaluating.length > 0) query.whereNotIn('write_id', evaluating);
			})
			.delete();
	}
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
		writeId: String(row['write_id']),
		collection: String(row['collection']),
		item: String(row['item']),
		kind: row['kind'] as WriteKind,
		before: fromJson<Item | null>(row['before'], null),
		written: fromJson<unknown[]>(row['written'], []).map(String),
		user: (row['user'] as string | null) ?? null,
		role: (row['role'] as string | null) ?? null,
		depth: Number(row['depth'] ?? 0),
		createdAt: toDate(row['date_created']) ?? new Date(0),
	};
}
