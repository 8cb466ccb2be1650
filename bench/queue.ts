/**
 * (c) The job queue: jobs per second claimed and completed with a no-op action, on 1 and 2
 * instances on PostgreSQL and 1 on SQLite, beside pg-boss working the same number of jobs with a
 * no-op handler at the same concurrency on the same PostgreSQL; duplicates (a job started more
 * than once) counted; then the scheduler's lateness with 1,000 jobs due at the same moment.
 *
 * Two kinds of no-op job, inserted straight into workflow_jobs and found by the workers' own polls
 * (WORKFLOW_POLL_INTERVAL_MS below):
 * - queue only: a job of an inactive rule. The runner claims it, renews its lease, reads the rule,
 *   finds it inactive and finishes the job (`skipped`): the queue's own work, as pg-boss's no-op
 *   handler is. The lateness is measured with these.
 * - no-op action: a `tag` job (as a Flow operation hands it over) adding a tag its record (one lead
 *   per job, as jobs of one record run one after the other) already has: the whole action path (schema, the record read, the automation user's accountability,
 *   the action's transaction with the job marked succeeded in it), writing nothing to the record.
 */
import knex, { type Knex } from 'knex';
import { PgBoss } from 'pg-boss';
import { pathToFileURL } from 'node:url';
import { buildExtension } from '../scripts/lib/build-extension.js';
import type { ScratchInstance } from '../scripts/lib/scratch-instance.js';
import { startScratchInstance } from '../scripts/lib/scratch-instance.js';
import { restClient } from '../scripts/lib/rest.js';

export const QUEUE_ENV = { WORKFLOW_POLL_INTERVAL_MS: '250', WORKFLOW_CONCURRENCY: '10' };
const CONCURRENCY = 10;
const TIMEOUT_MS = 60_000;

export interface QueueRate {
	jobs: number;
	ms: number;
	perSecond: number;
	duplicates: number;
	/** How many instances ran jobs (by the jobs' `locked_by`). */
	instances: number;
}

export interface Lateness {
	jobs: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
}

function database(instance: ScratchInstance): Knex {
	return knex({ ...instance.dbConnection, useNullAsDefault: true, pool: { min: 0, max: 2 } } as Knex.Config);
}

/** Leads already tagged `bench`, one per job: jobs of one record run one after the other. */
async function benchLeads(db: Knex, count: number): Promise<string[]> {
	const now = new Date();
	const rows = Array.from({ length: count }, (_, index) => ({ id: crypto.randomUUID(), name: `Queue bench ${index}`, tags: JSON.stringify(['bench']), date_created: now, date_updated: now }));
	for (let index = 0; index < rows.length; index += 200) await db('leads').insert(rows.slice(index, index + 200));
	return rows.map((row) => row.id);
}

export type JobKind = 'queue' | 'action';
const TAG = { type: 'tag', timing: { type: 'instant' }, options: { add: ['bench'] } };

/** An inactive rule: its jobs are claimed, looked up and finished as skipped, without an action. */
async function inactiveRule(instance: ScratchInstance): Promise<string> {
	const request = restClient(instance.url, instance.token);
	const created = await request<{ id: string }>('POST', '/items/workflow_rules', { name: `Queue bench ${Date.now()}`, status: 'inactive', collection: 'leads', execution: 'every_time', trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [TAG] });
	return created.id;
}

async function noopJobs(instance: ScratchInstance, db: Knex, kind: JobKind, count: number, dueAt: Date, label: string) {
	// An inactive rule's job is skipped before its record is read: any key will do.
	const leads = kind === 'action' ? await benchLeads(db, count) : Array.from({ length: count }, (_, index) => `bench-${label}-${index}`);
	const rule = kind === 'queue' ? await inactiveRule(instance) : null;
	return Array.from({ length: count }, (_, index) => ({
		rule,
		idempotency_key: `bench:${label}:${index}`,
		status: 'pending',
		action_index: 0,
		action_type: 'tag',
		timing: 'instant',
		collection: 'leads',
		item: leads[index],
		event: 'bench',
		due_at: dueAt,
		attempts: 0,
		max_attempts: 1,
		depth: 0,
		context: JSON.stringify({ event: 'bench', previous: null, record: null, ...(kind === 'action' ? { action: TAG } : {}) }),
		date_created: dueAt,
		date_updated: dueAt,
	}));
}

async function insertJobs(db: Knex, rows: Record<string, unknown>[]): Promise<void> {
	for (let index = 0; index < rows.length; index += 200) await db('workflow_jobs').insert(rows.slice(index, index + 200));
}

async function until(done: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + TIMEOUT_MS;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

const ms = (value: unknown) => new Date(value as string | number | Date).getTime();

/** N no-op jobs due now, inserted while the instance(s) run: the time until the last one finished. */
export async function engineRate(instance: ScratchInstance, kind: JobKind, count: number, label: string): Promise<QueueRate> {
	const db = database(instance);
	try {
		const rows = await noopJobs(instance, db, kind, count, new Date(), label);
		const started = Date.now();
		await insertJobs(db, rows);
		const mine = () => db('workflow_jobs').where('event', 'bench').where('idempotency_key', 'like', `bench:${label}:%`);
		await until(async () => Number((await mine().clone().whereIn('status', ['pending', 'running']).count({ n: '*' }))[0]!.n) === 0, `${label} jobs`);
		const done = await mine().clone().select('status', 'attempts', 'locked_by', 'finished_at');
		const failed = done.filter((row) => row.status !== (kind === 'queue' ? 'skipped' : 'succeeded'));
		if (failed.length > 0) throw new Error(`${failed.length} ${label} jobs did not succeed`);
		const last = Math.max(...done.map((row) => ms(row.finished_at)));
		const elapsed = last - started;
		return { jobs: count, ms: elapsed, perSecond: Math.round((count / elapsed) * 1000), duplicates: done.filter((row) => Number(row.attempts) > 1).length, instances: new Set(done.map((row) => row.locked_by)).size };
	} finally {
		await db.destroy();
	}
}

/**
 * pg-boss on the same PostgreSQL: N jobs sent, then worked by a no-op handler, 5 workers taking
 * 2 jobs at a time (10 in flight, as the engine's 10 slots), fetching again at once while fetches
 * come back full (`burstWhenBatchFull`, which pg-boss ignores for batches of one: one job per
 * worker would wait the polling interval, at least 0.5 s, after every job).
 */
export async function pgBossRate(connectionString: string, count: number): Promise<QueueRate> {
	const boss = new PgBoss({ connectionString, schema: 'pgboss_bench', max: CONCURRENCY + 2 });
	boss.on('error', (error) => console.error('pg-boss:', error));
	await boss.start();
	try {
		const queue = 'bench-noop';
		await boss.createQueue(queue);
		for (let index = 0; index < count; index += 200) await boss.insert(queue, Array.from({ length: Math.min(200, count - index) }, (_, n) => ({ data: { n: index + n } })));
		const seen = new Map<string, number>();
		const started = Date.now();
		await boss.work<{ n: number }>(queue, { localConcurrency: CONCURRENCY / 2, batchSize: 2, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true }, async (jobs) => {
			for (const job of jobs) seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
		});
		// Completed, not only handed to the handler: pg-boss marks a job completed after its handler.
		const db = knex({ client: 'pg', connection: connectionString, pool: { min: 0, max: 1 } });
		try {
			const completed = async () => (await db('pgboss_bench.job').where({ name: queue, state: 'completed' }).select(db.raw('count(*) as n, max(completed_on) as last')))[0] as { n: string; last: Date | null };
			await until(async () => Number((await completed()).n) >= count, 'pg-boss jobs');
			const elapsed = ms((await completed()).last) - started;
			return { jobs: count, ms: elapsed, perSecond: Math.round((count / elapsed) * 1000), duplicates: [...seen.values()].filter((n) => n > 1).length, instances: 1 };
		} finally {
			await db.destroy();
		}
	} finally {
		await boss.stop({ graceful: false, timeout: 2_000 });
	}
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** 1,000 jobs due at the same moment a few seconds ahead: lateness = finished_at − due_at. */
export async function lateness(instance: ScratchInstance, count: number, label: string): Promise<Lateness> {
	const db = database(instance);
	try {
		const due = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
		await insertJobs(db, await noopJobs(instance, db, 'queue', count, due, label));
		const mine = () => db('workflow_jobs').where('event', 'bench').where('idempotency_key', 'like', `bench:${label}:%`);
		await until(async () => Number((await mine().clone().whereIn('status', ['pending', 'running']).count({ n: '*' }))[0]!.n) === 0, `${label} jobs`);
		const late = (await mine().clone().select('finished_at')).map((row) => ms(row.finished_at) - due.getTime()).sort((a, b) => a - b);
		return { jobs: count, p50Ms: percentile(late, 50), p95Ms: percentile(late, 95), maxMs: late[late.length - 1]! };
	} finally {
		await db.destroy();
	}
}

export interface QueueBench {
	count: number;
	actionCount: number;
	sqlite: QueueRate;
	sqliteAction: QueueRate;
	pgOne: QueueRate | null;
	pgTwo: QueueRate | null;
	pgAction: QueueRate | null;
	pgBoss: QueueRate | null;
	latenessPg: Lateness | null;
	latenessSqlite: Lateness;
}

/** The whole phase: its own instances, started and stopped here. `count` queue-only jobs, a quarter as many with the no-op action. */
export async function benchQueue(pgUrl: string | undefined, count: number): Promise<QueueBench> {
	const actionCount = Math.max(1, Math.round(count / 4));
	const sqliteInstance = await startScratchInstance({ seed: false, env: QUEUE_ENV });
	let sqlite: QueueRate;
	let sqliteAction: QueueRate;
	let latenessSqlite: Lateness;
	try {
		sqlite = await engineRate(sqliteInstance, 'queue', count, 'sqlite');
		sqliteAction = await engineRate(sqliteInstance, 'action', actionCount, 'sqlite-action');
		latenessSqlite = await lateness(sqliteInstance, 1_000, 'sqlite-late');
	} finally {
		await sqliteInstance.stop();
	}
	const none = { pgOne: null, pgTwo: null, pgAction: null, pgBoss: null, latenessPg: null };
	if (!pgUrl) return { count, actionCount, sqlite, sqliteAction, latenessSqlite, ...none };

	const pg = await startScratchInstance({ pgUrl, seed: false, env: QUEUE_ENV });
	try {
		const pgOne = await engineRate(pg, 'queue', count, 'pg-one');
		const pgAction = await engineRate(pg, 'action', actionCount, 'pg-action');
		const latenessPg = await lateness(pg, 1_000, 'pg-late');
		const pgBoss = await pgBossRate((pg.dbConnection as { connection: string }).connection, count).catch((error: unknown) => {
			console.error('pg-boss phase failed:', error);
			return null;
		});
		await pg.startPeer();
		const pgTwo = await engineRate(pg, 'queue', count, 'pg-two');
		return { count, actionCount, sqlite, sqliteAction, latenessSqlite, pgOne, pgTwo, pgAction, pgBoss, latenessPg };
	} finally {
		await pg.stop();
	}
}

export function printQueueBench(result: QueueBench): void {
	const rate = (name: string, r: QueueRate) => console.log(`    ${name}: ${r.perSecond.toLocaleString('en-US')} jobs/s (${r.jobs} jobs in ${r.ms} ms, ${r.instances} instance(s) ran them, ${r.duplicates} duplicates)`);
	console.log(`\n(c) job queue: no-op jobs claimed and completed, concurrency ${CONCURRENCY} per instance, poll ${QUEUE_ENV.WORKFLOW_POLL_INTERVAL_MS} ms`);
	if (result.pgOne && result.pgTwo) {
		rate('queue only, PostgreSQL, 1 instance ', result.pgOne);
		rate('queue only, PostgreSQL, 2 instances', result.pgTwo);
	} else {
		console.log('    PostgreSQL rows skipped: set BENCH_PG_URL (or TEST_PG_URL)');
	}
	if (result.pgBoss) rate('pg-boss no-op, same PostgreSQL      ', result.pgBoss);
	rate('queue only, SQLite, 1 instance     ', result.sqlite);
	if (result.pgAction) rate('no-op tag action, PostgreSQL, 1     ', result.pgAction);
	rate('no-op tag action, SQLite, 1        ', result.sqliteAction);
	if (result.pgOne && result.pgTwo && result.pgBoss) {
		console.log(`    ratio engine / pg-boss (queue only): 1 instance ${(result.pgOne.perSecond / result.pgBoss.perSecond).toFixed(2)}, 2 instances ${(result.pgTwo.perSecond / result.pgBoss.perSecond).toFixed(2)}; 2 instances / 1: ${(result.pgTwo.perSecond / result.pgOne.perSecond).toFixed(2)}`);
	}
	if (result.pgAction && result.pgBoss) console.log(`    ratio no-op tag action / pg-boss: ${(result.pgAction.perSecond / result.pgBoss.perSecond).toFixed(2)}`);
	const late = (name: string, l: Lateness) => console.log(`    lateness, ${l.jobs} queue-only jobs due at one moment, ${name}: p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, max ${l.maxMs} ms (goal p95 ≤ 1000 ms)`);
	if (result.latenessPg) late('PostgreSQL, 1 instance', result.latenessPg);
	late('SQLite, 1 instance', result.latenessSqlite);
}

// `npx tsx bench/queue.ts`: this phase alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await buildExtension({ quiet: true });
	printQueueBench(await benchQueue(process.env['BENCH_PG_URL'] || process.env['TEST_PG_URL'] || undefined, Number(process.env['BENCH_QUEUE_COUNT'] ?? 2_000)));
}
