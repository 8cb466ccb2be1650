import knex, { type Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateFilter } from '../../core/conditions/index.js';
import type { ActionEvent } from '../automation/held-events.js';
import type { Item, ItemsServiceClass, ItemsServiceLike } from './record-reader.js';
import { markOverdue } from './overdue.js';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
const schema = {
	collections: {
		appointments: { primary: 'id', fields: { status: {} } },
		calls: { primary: 'id', fields: { status: {} } },
	},
} as unknown as SchemaOverview;

let db: Knex;
let emitted: ActionEvent[];
/** Runs once the sweep has read the due keys, before it writes: another writer's moment. */
let afterScan: (() => Promise<void>) | null;

/**
 * ItemsService over a real SQLite table, filters applied as Directus would; mutations hand their
 * action event to `bypassEmitAction` when given one, as Directus' ItemsService does.
 */
class TableItems implements ItemsServiceLike {
	private readonly db: Knex;
	constructor(private readonly collection: string, options: { knex?: Knex }) {
		this.db = options.knex ?? db;
	}
	private async matching(filter: unknown): Promise<Item[]> {
		const rows: Item[] = await this.db(this.collection).select();
		return rows.filter((row) => evaluateFilter(filter as never, row, { now }).result);
	}
	private async write(keys: (string | number)[], data: Item, opts?: Record<string, unknown>): Promise<(string | number)[]> {
		if (keys.length === 0) return keys;
		await this.db(this.collection).whereIn('id', keys).update(data);
		const event = { event: ['items.update', `${this.collection}.items.update`], meta: { keys, payload: data, collection: this.collection }, context: null };
		const hold = opts?.['bypassEmitAction'] as ((event: ActionEvent) => void) | undefined;
		if (hold) hold(event);
		else emitted.push(event);
		return keys;
	}
	async readByQuery(query: Record<string, unknown>): Promise<Item[]> {
		const rows = await this.matching(query['filter']);
		const scan = afterScan;
		afterScan = null;
		await scan?.();
		return rows;
	}
	async updateByQuery(query: Record<string, unknown>, data: Item, opts?: Record<string, unknown>) {
		return this.write((await this.matching(query['filter'])).map((row) => row['id'] as string), data, opts);
	}
	async updateOne(key: string | number, data: Item, opts?: Record<string, unknown>) {
		await this.write([key], data, opts);
		return key;
	}
	async updateMany(keys: (string | number)[], data: Item, opts?: Record<string, unknown>) {
		return this.write(keys, data, opts);
	}
	readMany(): Promise<Item[]> {
		throw new Error('not used');
	}
	readOne(): Promise<Item> {
		throw new Error('not used');
	}
	createOne(): Promise<string | number> {
		throw new Error('not used');
	}
}

const deps = () => ({ knex: db, ItemsService: TableItems as unknown as ItemsServiceClass, emitter: { emitAction: (event: string | string[], meta: Record<string, unknown>) => emitted.push({ event, meta, context: null }) } });
const statusOf = async (collection: string, id: string) => ((await db(collection).where('id', id).first('status')) as { status: string }).status;

describe('markOverdue', () => {
	beforeEach(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable('appointments', (table) => {
			table.string('id').primary();
			table.string('status');
			table.string('end_at');
		});
		await db.schema.createTable('calls', (table) => {
			table.string('id').primary();
			table.string('status');
			table.string('start_at');
		});
		emitted = [];
		afterScan = null;
	});

	afterEach(() => db.destroy());

	it('marks scheduled records past due as overdue, one event per record', async () => {
		await db('appointments').insert([
			{ id: 'past', status: 'scheduled', end_at: hoursAgo(1) },
			{ id: 'future', status: 'scheduled', end_at: hoursAgo(-1) },
			{ id: 'done', status: 'completed', end_at: hoursAgo(1) },
		]);
		await db('calls').insert([
			{ id: 'late', status: 'scheduled', start_at: hoursAgo(1) },
			{ id: 'recent', status: 'scheduled', start_at: hoursAgo(0.25) },
		]);

		expect(await markOverdue(deps(), schema, 30, now)).toBe(2);

		expect(await db('appointments').orderBy('id').select('id', 'status')).toEqual([
			{ id: 'done', status: 'completed' },
			{ id: 'future', status: 'scheduled' },
			{ id: 'past', status: 'overdue' },
		]);
		expect(await db('calls').orderBy('id').select('id', 'status')).toEqual([
			{ id: 'late', status: 'overdue' },
			{ id: 'recent', status: 'scheduled' },
		]);
		expect(emitted.map(({ meta }) => meta['keys'])).toEqual([['past'], ['late']]);
	});

	it('leaves a record completed between the sweep’s read and its write completed, with no event', async () => {
		await db('appointments').insert([
			{ id: 'raced', status: 'scheduled', end_at: hoursAgo(1) },
			{ id: 'past', status: 'scheduled', end_at: hoursAgo(2) },
		]);
		afterScan = async () => {
			await db('appointments').where('id', 'raced').update({ status: 'completed' });
		};

		expect(await markOverdue(deps(), schema, 30, now)).toBe(1);

		expect(await statusOf('appointments', 'raced')).toBe('completed');
		expect(await statusOf('appointments', 'past')).toBe('overdue');
		expect(emitted.map(({ meta }) => meta['keys'])).toEqual([['past']]);
	});
});
