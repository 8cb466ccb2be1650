import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimDueJobs, failSpentJobs, nextDueAt, releaseJobs, renewLeases, retryJobLater } from './job-store.js';

/** The job table on a real SQLite database, with the columns the queue uses. */
async function jobsTable(db: Knex): Promise<void> {
	await db.schema.createTable('workflow_jobs', (table) => {
		table.increments('id');
		table.integer('run');
		table.string('idempotency_key').unique();
		for (const column of ['rule', 'status', 'action_type', 'timing', 'collection', 'item', 'event', 'locked_by', 'last_error', 'error_class']) table.string(column);
		for (const column of ['action_index', 'attempts', 'max_attempts', 'depth', 'error_status']) table.integer(column);
		for (const column of ['context', 'result']) table.text(column);
		for (const column of ['due_at', 'locked_until', 'finished_at', 'date_created', 'date_updated']) table.timestamp(column);
	});
}

describe('the job store', () => {
	let db: Knex;
	const now = new Date('2026-12-01T12:00:00Z');
	const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
	let key = 0;
	const job = (values: Record<string, unknown>) => ({ idempotency_key: `k${++key}`, status: 'pending', action_index: 0, action_type: 'tag', timing: 'instant', collection: 'leads', item: `record-${key}`, event: 'create', due_at: at(-1), attempts: 0, max_attempts: 3, depth: 0, context: '{}', ...values });
	const insert = async (...rows: Record<string, unknown>[]) => (await Promise.all(rows.map((row) => db('workflow_jobs').insert(job(row)).returning('id')))).map(([row]) => Number((row as { id: number }).id));
	const row = (id: number) => db('workflow_jobs').where('id', id).first();

	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await jobsTable(db);
	});
	beforeEach(() => db('workflow_jobs').delete());
	afterAll(() => db.destroy());

	it('claims at most the free slots, due jobs only, oldest first, leased to the claimer', async () => {
		const [late, early, , future] = await insert({ due_at: at(-5) }, { due_at: at(-10) }, { due_at: at(-1) }, { due_at: at(60) });
		const claimed = await claimDueJobs(db, 'me', 30_000, 2, now);
		expect(claimed.map((claim) => claim.id)).toEqual([early, late]);
		expect(claimed.map((claim) => [claim.status, claim.attempts])).toEqual([['running', 1], ['running', 1]]);
		expect(await row(early!)).toMatchObject({ locked_by: 'me', status: 'running' });
		expect(await row(future!)).toMatchObject({ status: 'pending', attempts: 0 });
		// The rest: the one left due, never the future one nor those already held.
		expect((await claimDueJobs(db, 'other', 30_000, 10, now)).map((claim) => claim.id)).toHaveLength(1);
	});

	it('takes back a running job whose lease ran out while it has attempts left, never a spent one', async () => {
		const [expired, spent, held] = await insert(
			{ status: 'running', locked_by: 'dead', locked_until: at(-1), attempts: 1 },
			{ status: 'running', locked_by: 'dead', locked_until: at(-1), attempts: 3 },
			{ status: 'running', locked_by: 'alive', locked_until: at(10), attempts: 1 },
		);
		expect((await claimDueJobs(db, 'me', 30_000, 10, now)).map((claim) => [claim.id, claim.attempts])).toEqual([[expired, 2]]);
		expect(await row(spent!)).toMatchObject({ status: 'running', locked_by: 'dead' });
		expect(await row(held!)).toMatchObject({ status: 'running', locked_by: 'alive' });
	});

	it('leaves the jobs of a record while another job of it runs under a live lease', async () => {
		await insert({ item: 'busy', status: 'running', locked_by: 'other', locked_until: at(10), attempts: 1 }, { item: 'dead', status: 'running', locked_by: 'gone', locked_until: at(-10), attempts: 3 });
		const [waiting, free, alsoDead] = await insert({ item: 'busy' }, { item: 'free' }, { item: 'dead' });
		expect((await claimDueJobs(db, 'me', 30_000, 10, now)).map((claim) => claim.id).sort()).toEqual([free, alsoDead].sort());
		expect(await row(waiting!)).toMatchObject({ status: 'pending' });
	});

	it('fails a job whose process stopped on all its attempts, saying so', async () => {
		const [spent, alive] = await insert({ status: 'running', locked_by: 'dead', locked_until: at(-1), attempts: 3 }, { status: 'running', locked_by: 'alive', locked_until: at(10), attempts: 3 });
		expect(await failSpentJobs(db, now)).toEqual([{ id: spent, attempts: 3 }]);
		const failed = await row(spent!);
		expect(failed).toMatchObject({ status: 'failed', error_class: 'crashed', locked_until: null });
		expect(failed.last_error).toMatch(/stopped before it finished, on all 3 attempts/);
		expect(await row(alive!)).toMatchObject({ status: 'running' });
		expect(await failSpentJobs(db, now)).toEqual([]);
	});

	it('renews the leases it holds in one go and names those it lost', async () => {
		const [mine, taken, finished] = await insert({ status: 'running', locked_by: 'me', locked_until: at(1) }, { status: 'running', locked_by: 'other', locked_until: at(1) }, { status: 'succeeded', locked_by: 'me', locked_until: null });
		// A job that finished between the snapshot of the held ids and the renewal is not lost.
		expect(await renewLeases(db, [mine!, taken!, finished!], 'me', 30_000, now)).toEqual([taken]);
		expect(new Date((await row(mine!)).locked_until).getTime()).toBe(at(30).getTime());
	});

	it('retries and releases only the jobs it still holds', async () => {
		const [mine, taken] = await insert({ status: 'running', locked_by: 'me', locked_until: at(1) }, { status: 'running', locked_by: 'other', locked_until: at(1) });
		expect(await retryJobLater(db, taken!, 'me', at(5), { error: 'busy' }, now)).toBe(false);
		expect(await releaseJobs(db, [mine!, taken!], 'me', now)).toBe(1);
		expect(await row(mine!)).toMatchObject({ status: 'pending', locked_by: null, locked_until: null });
		expect(await row(taken!)).toMatchObject({ status: 'running', locked_by: 'other' });
	});

	it('tells when the next pending job falls due within the horizon', async () => {
		await insert({ due_at: at(3) }, { due_at: at(2) }, { due_at: at(-1) });
		expect((await nextDueAt(db, now, at(5)))?.getTime()).toBe(at(2).getTime());
		expect(await nextDueAt(db, now, at(1))).toBeNull();
	});
});
