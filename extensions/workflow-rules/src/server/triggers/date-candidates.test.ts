import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateQuery, fieldBounds, type DateColumn } from './date-candidates.js';
import { advanceCursor, forgetCursors, readCursor } from './trigger-cursor.js';

/** SQLite as Directus writes it: a date is the Date of its local midnight, an instant a Date, both bound as epoch milliseconds. */
describe('date candidates and cursors on SQLite', () => {
	let db: Knex;
	const contacts: DateColumn = { table: 'contacts', primaryKey: 'id', field: 'subscription_date', dateOnly: true };
	const calls: DateColumn = { table: 'calls', primaryKey: 'id', field: 'start_at', dateOnly: false };

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable('contacts', (table) => {
			table.string('id').primary();
			table.date('subscription_date').index();
		});
		await db.schema.createTable('calls', (table) => {
			table.string('id').primary();
			table.timestamp('start_at').index();
		});
		await db.schema.createTable('workflow_rule_state', (table) => {
			table.increments('id');
			table.string('key').unique();
			for (const column of ['rule', 'collection', 'item']) table.string(column);
			table.boolean('matched');
			for (const column of ['fired_at', 'date_created', 'date_updated']) table.timestamp(column);
		});
		const local = (ymd: string) => new Date(`${ymd}T00:00:00`);
		await db('contacts').insert([
			{ id: 'a', subscription_date: local('2020-12-02') },
			{ id: 'b', subscription_date: local('2020-12-03') },
			{ id: 'c', subscription_date: local('2023-12-03') },
			{ id: 'd', subscription_date: local('2023-12-04') },
			{ id: 'e', subscription_date: null },
		]);
		await db('calls').insert([
			{ id: 'early', start_at: new Date('2026-06-01T10:59:59Z') },
			{ id: 'due', start_at: new Date('2026-06-01T11:00:03Z') },
			{ id: 'late', start_at: new Date('2026-06-01T11:00:06Z') },
		]);
	});
	afterAll(() => db.destroy());

	it('reads the stored values’ ends, a day wider', async () => {
		expect(await fieldBounds(db, contacts)).toEqual({ min: '2020-12-01', max: '2023-12-05' });
		expect(await fieldBounds(db, calls)).toEqual({ min: new Date('2026-05-31T10:59:59Z'), max: new Date('2026-06-02T11:00:06Z') });
	});

	it('finds the records in the ranges, through the field’s index', async () => {
		const ranges = [{ from: '2020-12-03', to: '2020-12-03' }, { from: '2023-12-03', to: '2023-12-03' }];
		const keys = (await candidateQuery(db, contacts, ranges)).map((row: { id: string }) => row.id).sort();
		expect(keys).toEqual(['b', 'c']);
		const plan = (await db.raw(`EXPLAIN QUERY PLAN ${candidateQuery(db, contacts, ranges).toString()}`)) as { detail: string }[];
		expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX contacts_subscription_date_index/);

		const instants = await candidateQuery(db, calls, [{ from: new Date('2026-06-01T11:00:00.001Z'), to: new Date('2026-06-01T11:00:05Z') }]);
		expect(instants.map((row: { id: string }) => row.id)).toEqual(['due']);
	});

	it('starts a cursor at its first reading, moves it only forward, and forgets it when the rule is no longer active', async () => {
		const now = new Date('2026-06-01T12:00:00Z');
		expect(await readCursor(db, 'date', 'r1', now)).toBeNull();
		expect(await readCursor(db, 'date', 'r1', new Date('2026-06-01T13:00:00Z'))).toEqual(now);
		await advanceCursor(db, 'date', 'r1', new Date('2026-06-01T12:00:05Z'));
		await advanceCursor(db, 'date', 'r1', new Date('2026-06-01T12:00:02Z'));
		expect(await readCursor(db, 'date', 'r1', now)).toEqual(new Date('2026-06-01T12:00:05Z'));
		await forgetCursors(db, 'date', ['other']);
		expect(await readCursor(db, 'date', 'r1', now)).toBeNull();
	});
});
