import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../core/rule/rule-types.js';
import { readConfig } from '../config.js';
import { recordFiring, recordFirings, type Firing } from './record-firing.js';

/** The firing's three tables on a real SQLite database, as the snapshot makes them (the columns used). */
async function engineTables(db: Knex): Promise<void> {
	await db.schema.createTable('workflow_rule_state', (table) => {
		table.increments('id');
		table.string('key').unique();
		for (const column of ['rule', 'collection', 'item']) table.string(column);
		table.boolean('matched');
		for (const column of ['fired_at', 'date_created', 'date_updated']) table.timestamp(column);
	});
	await db.schema.createTable('workflow_runs', (table) => {
		table.increments('id');
		for (const column of ['rule', 'outcome', 'collection', 'item', 'record_title', 'event', 'message']) table.string(column);
		table.boolean('matched');
		for (const column of ['depth', 'duration_ms']) table.integer(column);
		for (const column of ['events', 'trace', 'actions', 'rule_snapshot']) table.text(column);
		table.timestamp('date_created');
	});
	await db.schema.createTable('workflow_jobs', (table) => {
		table.increments('id');
		table.integer('run');
		table.string('idempotency_key').unique();
		for (const column of ['rule', 'status', 'action_type', 'timing', 'collection', 'item', 'event']) table.string(column);
		for (const column of ['action_index', 'attempts', 'max_attempts', 'depth']) table.integer(column);
		table.text('context');
		for (const column of ['due_at', 'date_created', 'date_updated']) table.timestamp(column);
	});
}

describe('recordFiring', () => {
	let db: Knex;
	const config = readConfig({});
	const now = new Date('2026-12-01T12:00:00Z');
	const rule = (execution: Rule['execution']): Rule => ({ id: `rule-${execution}`, name: execution, status: 'active', collection: 'leads', trigger: { type: 'event', events: ['updated'] }, conditions: null, execution, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['hot'] } }] });
	const firing = (r: Rule, writeId: string): Firing => ({
		run: { rule: r, collection: 'leads', item: 'lead-1', event: 'updated', events: ['updated'], matched: true, depth: 0, durationMs: 1, trace: null, message: null },
		gate: { rule: r, collection: 'leads', item: 'lead-1', matched: true, matchedBefore: false },
		planned: r.actions.map((action, index) => ({ action, index, plan: { dueAt: now } })),
		writeId,
		previous: null,
		deletedRecord: null,
		writer: { user: null, role: null },
	});
	const count = async (table: string) => Number((await db(table).count({ n: '*' }))[0]!['n']);

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await engineTables(db);
	});
	afterAll(() => db.destroy());

	it('stores the first_time memory only with the run and jobs it fired', async () => {
		await db.raw("CREATE TRIGGER refuse_jobs BEFORE INSERT ON workflow_jobs BEGIN SELECT RAISE(ABORT, 'refused'); END");
		await expect(recordFiring(db, config, firing(rule('first_time'), 'write-1'), now)).rejects.toThrow(/refused/);
		expect([await count('workflow_rule_state'), await count('workflow_runs'), await count('workflow_jobs')]).toEqual([0, 0, 0]);

		await db.raw('DROP TRIGGER refuse_jobs');
		expect(await recordFiring(db, config, firing(rule('first_time'), 'write-2'), now)).toEqual({ fired: true, queuedInstant: true });
		expect([await count('workflow_rule_state'), await count('workflow_runs'), await count('workflow_jobs')]).toEqual([1, 1, 1]);
	});

	it('stores nothing twice when the same write is recorded again (a recovered evaluation)', async () => {
		const before = [await count('workflow_runs'), await count('workflow_jobs')];
		expect(await recordFiring(db, config, firing(rule('every_time'), 'write-3'), now)).toMatchObject({ fired: true });
		expect(await recordFiring(db, config, firing(rule('every_time'), 'write-3'), now)).toMatchObject({ fired: false, alreadyRecorded: true });
		expect([await count('workflow_runs'), await count('workflow_jobs')]).toEqual([before[0]! + 1, before[1]! + 1]);
	});

	it('stores a batch of firings in bulk, each run with its own jobs, and nothing twice when a batch is stored again', async () => {
		const items = ['a', 'b', 'c', 'd'];
		const batch = (writeId: string) => items.map((item) => {
			const one = firing(rule('every_time'), writeId);
			return { ...one, run: { ...one.run, item }, gate: { ...one.gate, item } };
		});
		expect(await recordFirings(db, config, batch('tick-1'), now)).toEqual(items.map(() => ({ fired: true, queuedInstant: true })));
		const jobs = await db('workflow_jobs').where('idempotency_key', 'like', '%:tick-1:%').select('run', 'item');
		const runs = new Map((await db('workflow_runs').whereIn('id', jobs.map((job) => job.run)).select('id', 'item')).map((run) => [run.id, run.item]));
		expect(jobs.map((job) => [job.item, runs.get(job.run)]).sort()).toEqual(items.map((item) => [item, item]));

		// One of the next batch was already recorded (a tick replayed after a crash): the others fire, it does not.
		const runsBefore = await count('workflow_runs');
		await recordFiring(db, config, batch('tick-2')[2]!, now);
		const results = await recordFirings(db, config, batch('tick-2'), now);
		expect(results.map((result) => result.fired)).toEqual([true, true, false, true]);
		expect(results[2]).toMatchObject({ alreadyRecorded: true });
		expect(await count('workflow_runs')).toBe(runsBefore + 4);
	});
});

