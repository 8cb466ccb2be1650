import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleCache, RULES_TABLE } from './rule-cache.js';

describe('RuleCache', () => {
	let db: Knex;
	const rule = (id: string, sort: number) => ({ id, name: id, status: 'active', collection: 'leads', trigger: JSON.stringify({ type: 'event', events: ['created'] }), actions: '[]', execution: 'every_time', sort, date_created: new Date(), date_updated: new Date() });

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable(RULES_TABLE, (table) => {
			for (const column of ['id', 'name', 'status', 'collection', 'trigger', 'conditions', 'previous_conditions', 'actions', 'execution', 'description']) table.text(column);
			table.integer('sort');
			table.timestamp('date_created');
			table.timestamp('date_updated');
		});
		await db.schema.createTable('workflow_actions', (table) => {
			for (const column of ['id', 'name', 'type', 'options', 'timing']) table.text(column);
			table.timestamp('date_created');
			table.timestamp('date_updated');
		});
		await db(RULES_TABLE).insert(rule('b', 2));
	});

	afterAll(() => db.destroy());

	/**
	 * A knex whose first read of the rules has run but answers only when `release` is called:
	 * a load caught between reading the table and storing what it read.
	 */
	function heldFirstRead(): { knex: Knex; read: Promise<void>; release: () => void } {
		let release!: () => void;
		let markRead!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const read = new Promise<void>((resolve) => (markRead = resolve));
		let calls = 0;

		// A load reads the rules table twice: its fingerprint, then the rules; the second read is held.
		const wrapped = ((table: string) => {
			const builder = db(table);
			if (table !== RULES_TABLE || ++calls !== 2) return builder;
			const run = builder.then.bind(builder);
			(builder as { then: unknown }).then = (ok: (rows: unknown) => unknown, fail: (error: unknown) => unknown) =>
				run((rows: unknown) => (markRead(), released.then(() => rows))).then(ok, fail);
			return builder;
		}) as unknown as Knex;

		return { knex: wrapped, read, release };
	}

	it('a rule saved while the rules are loading is not lost to that load', async () => {
		const { knex: held, read, release } = heldFirstRead();
		const cache = new RuleCache(held);
		const inFlight = cache.forCollection('leads');
		await read; // the load has read the table: only rule b
		await db(RULES_TABLE).insert(rule('a', 1));
		cache.invalidate(); // what saving a rule does

		const fresh = cache.forCollection('leads');
		release();
		expect((await fresh).map((r) => r.id)).toEqual(['a', 'b']);
		await inFlight;
		expect((await cache.forCollection('leads')).map((r) => r.id)).toEqual(['a', 'b']);
	});
});
