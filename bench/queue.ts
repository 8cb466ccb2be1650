/**
 * (c) The job queue: jobs per second claimed and completed with a no-op action, on 1 and 2
 * instances on PostgreSQL and 1 on SQLite, beside pg-boss working the same number of jobs with a
 * no-op handler at the same concurrency on the same PostgreSQL; duplicates (a job started more
 * than once) counted; then the scheduler's lateness with 1,000 jobs due at the same moment.
 *
 * The no-op: a `tag` job (as a Flow operation hands it over, so no rule is read) adding a tag the
 * record already has. It runs the whole job path (claim, lease, the record read as the automation
 * user, the action's transaction, the job marked succeeded in it) and writes nothing to the
 * record. The jobs are inserted straight into workflow_jobs, due at once (or all at one moment,
 * for the lateness), and found by the workers' own polls (WORKFLOW_POLL_INTERVAL_MS below).
 */
import knex, { type Knex } from 'knex';
import { PgBoss } from 'pg-boss';
import { pathToFileURL } from 'node:url';
import { buildExtension } from '../scripts/lib/build-extension.js';
import type { ScratchInstance } from '../scripts/lib/scratch-instance.js';
import { startScratchInstance } from '../scripts/lib/scratch-instance.js';

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

/** A lead already tagged `bench`: the record every no-op job reads. */
async function benchLead(db: Knex): Promise<string> {
	const id = crypto.randomUUID();
	const now = new Date();
	await db('leads').insert({ id, name: 'Queue bench', tags: JSON.stringify(['bench']), date_created: now, date_updated: now });
	return id;
}

function noopJobs(count: number, lead: string, dueAt: Date, label: string) {
	const action = { type: 'tag', timing: { type: 'instant' }, options: { add: ['bench'] } };
	return Array.from({ length: count }, (_, index) => ({
		idempotency_key: `bench:${label}:${index}`,
		status: 'pending',
		action_index: 0,
		action_type: 'tag',
		timing: 'instant',
		collection: 'leads',
		item: lead,
		event: 'bench',
		due_at: dueAt,
		attempts: 0,
		max_attempts: 1,
		depth: 0,
		context: JSON.stringify({ event: 'bench', previous: null, record: null, action }),
		date_created: dueAt,
		date_updated: dueAt,
	}));
}

async function insertJobs(db: Knex, rows: ReturnType<typeof noopJobs>): Promise<void> {
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
export async function engineRate(instance: ScratchInstance, count: number, label: string): Promise<QueueRate> {
	const db = database(instance);
	try {
		const lead = await benchLead(db);
		const rows = noopJobs(count, lead, new Date(), label);
		const started = Date.now();
		await insertJobs(db, rows);
		const mine = () => db('workflow_jobs').where('event', 'bench').where('idempotency_key', 'like', `bench:${label}:%`);
		await until(async () => Number((await mine().clone().whereIn('status', ['pending', 'running']).count({ n: '*' }))[0]!.n) === 0, `${label} jobs`);
		const done = await mine().clone().select('status', 'attempts', 'locked_by', 'finished_at');
		const failed = done.filter((row) => row.status !== 'succeeded');
		if (failed.length > 0) throw new Error(`${failed.length} ${label} jobs did not succeed`);
		const last = Math.max(...done.map((row) => ms(row.finished_at)));
		const elapsed = last - started;
		return { jobs: count, ms: elapsed, perSecond: Math.round((count / elapsed) * 1000), duplicates: done.filter((row) => Number(row.attempts) > 1).length, instances: new Set(done.map((row) => row.locked_by)).size };
	} finally {
		await db.destroy();
	}
}

/** pg-boss on the same PostgreSQL: N jobs sent, then worked by a no-op handler, 10 at a time. */
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
		await boss.work<{ n: number }>(queue, { localConcurrency: CONCURRENCY, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
			seen.set(job!.id, (seen.get(job!.id) ?? 0) + 1);
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
		const lead = await benchLead(db);
		const due = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
		await insertJobs(db, noopJobs(count, lead, due, label));
		const mine = () => db('workflow_jobs').where('event', 'bench').where('idempotency_key', 'like', `bench:${label}:%`);
		await until(async () => Number((await mine().clone().whereIn('status', ['pending', 'running']).count({ n: '*' }))[0]!.n) === 0, `${label} jobs`);
		const late = (await mine().clone().select('finished_at')).map((row) => ms(row.finished_at) - due.getTime()).sort((a, b) => a - b);
		return { jobs: count, p50Ms: percentile(late, 50), p95Ms: percentile(late, 95), maxMs: late[late.length - 1]! };
	} finally {
		await db.destroy();
	}
}

export interface QueueBench {
	pgUrl: string | undefined;
	sqlite: QueueRate;
	pgOne: QueueRate | null;
	pgTwo: QueueRate | null;
	pgBoss: QueueRate | null;
	latenessPg: Lateness | null;
	latenessSqlite: Lateness;
}

/** The whole phase: its own instances, started and stopped here. */
export async function benchQueue(pgUrl: string | undefined, count: number): Promise<QueueBench> {
	const sqliteInstance = await startScratchInstance({ seed: false, env: QUEUE_ENV });
	let sqlite: QueueRate;
	let latenessSqlite: Lateness;
	try {
		sqlite = await engineRate(sqliteInstance, count, 'sqlite');
		latenessSqlite = await lateness(sqliteInstance, 1_000, 'sqlite-late');
	} finally {
		await sqliteInstance.stop();
	}
	if (!pgUrl) return { pgUrl, sqlite, pgOne: null, pgTwo: null, pgBoss: null, latenessPg: null, latenessSqlite };

	const pg = await startScratchInstance({ pgUrl, seed: false, env: QUEUE_ENV });
	try {
		const pgOne = await engineRate(pg, count, 'pg-one');
		const latenessPg = await lateness(pg, 1_000, 'pg-late');
		const pgBoss = await pgBossRate((pg.dbConnection as { connection: string }).connection, count);
		await pg.startPeer();
		const pgTwo = await engineRate(pg, count, 'pg-two');
		return { pgUrl, sqlite, pgOne, pgTwo, pgBoss, latenessPg, latenessSqlite };
	} finally {
		await pg.stop();
	}
}

export function printQueueBench(result: QueueBench): void {
	const rate = (name: string, r: QueueRate) => console.log(`    ${name}: ${r.perSecond.toLocaleString('en-US')} jobs/s (${r.jobs} jobs in ${r.ms} ms, ${r.instances} instance(s) ran them, ${r.duplicates} duplicates)`);
	console.log(`\n(c) job queue: no-op jobs claimed and completed, concurrency ${CONCURRENCY} per instance, poll ${QUEUE_ENV.WORKFLOW_POLL_INTERVAL_MS} ms`);
	if (result.pgOne && result.pgTwo && result.pgBoss) {
		rate('engine, PostgreSQL, 1 instance ', result.pgOne);
		rate('engine, PostgreSQL, 2 instances', result.pgTwo);
		rate('pg-boss, same PostgreSQL       ', result.pgBoss);
	} else {
		console.log('    PostgreSQL rows skipped: set BENCH_PG_URL (or TEST_PG_URL)');
	}
	rate('engine, SQLite, 1 instance     ', result.sqlite);
	if (result.pgOne && result.pgTwo && result.pgBoss) {
		console.log(`    ratio engine / pg-boss: 1 instance ${(result.pgOne.perSecond / result.pgBoss.perSecond).toFixed(2)}, 2 instances ${(result.pgTwo.perSecond / result.pgBoss.perSecond).toFixed(2)}; 2 instances / 1: ${(result.pgTwo.perSecond / result.pgOne.perSecond).toFixed(2)}`);
	}
	const late = (name: string, l: Lateness) => console.log(`    lateness, ${l.jobs} jobs due at one moment, ${name}: p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, max ${l.maxMs} ms (goal p95 ≤ 1000 ms)`);
	if (result.latenessPg) late('PostgreSQL, 1 instance', result.latenessPg);
	late('SQLite, 1 instance', result.latenessSqlite);
}

// `npx tsx bench/queue.ts`: this phase alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await buildExtension({ quiet: true });
	printQueueBench(await benchQueue(process.env['BENCH_PG_URL'] || process.env['TEST_PG_URL'] || undefined, Number(process.env['BENCH_QUEUE_COUNT'] ?? 2_000)));
}
