import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_TABLE } from './execution-gate.js';
import { acquireSweepLease } from './sweep-lease.js';

describe('acquireSweepLease', () => {
	let db: Knex;
	const t0 = new Date('2026-11-23T12:00:00Z');
	const later = (ms: number) => new Date(t0.getTime() + ms);

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable(STATE_TABLE, (table) => {
			table.increments('id');
			table.string('key').unique();
			table.string('rule');
			table.string('collection');
			table.string('item');
			table.boolean('matched');
			table.timestamp('fired_at');
			table.timestamp('date_created');
			table.timestamp('date_updated');
		});
	});

	afterAll(() => db.destroy());

	it('gives the sweep to one instance until its lease runs out', async () => {
		expect(await acquireSweepLease(db, 'overdue', 'a', 5000, t0)).toBe(true);
		expect(await acquireSweepLease(db, 'overdue', 'b', 5000, later(1000))).toBe(false);
		expect(await acquireSweepLease(db, 'overdue', 'a', 5000, later(1000))).toBe(true);
		expect(await acquireSweepLease(db, 'overdue', 'b', 5000, later(2000))).toBe(false);
		expect(await acquireSweepLease(db, 'overdue', 'b', 5000, later(7000))).toBe(true);
		expect(await acquireSweepLease(db, 'overdue', 'a', 5000, later(8000))).toBe(false);
	});

	it('two instances racing for a new lease: exactly one wins', async () => {
		const results = await Promise.all(['x', 'y', 'z'].map((owner) => acquireSweepLease(db, 'race', owner, 5000, t0)));
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});
