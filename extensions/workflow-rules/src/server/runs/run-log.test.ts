import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeRuns, RUNS_TABLE } from './run-log.js';

describe('purgeRuns', () => {
	let db: Knex;
	const now = new Date('2026-11-23T12:00:00Z');
	const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable(RUNS_TABLE, (table) => {
			table.increments('id');
			table.timestamp('date_created');
		});
		await db(RUNS_TABLE).insert([{ date_created: daysAgo(45) }, { date_created: daysAgo(31) }, { date_created: daysAgo(29) }, { date_created: daysAgo(1) }]);
	});

	afterAll(() => db.destroy());

	it('deletes the runs older than the retention period and keeps the rest', async () => {
		expect(await purgeRuns(db, 30, now)).toBe(2);
		expect((await db(RUNS_TABLE).select('id')).map((row) => row.id)).toEqual([3, 4]);
	});

	it('keeps everything when retention is 0', async () => {
		expect(await purgeRuns(db, 0, now)).toBe(0);
		expect(await db(RUNS_TABLE).count({ n: '*' })).toEqual([{ n: 2 }]);
	});
});
