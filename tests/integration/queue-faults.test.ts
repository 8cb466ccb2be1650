/**
 * The job queue under faults, on one Directus of its own with a short lease: a job slower than
 * its lease runs once (its lease is renewed while it runs); SIGTERM during a batch of slow webhooks
 * loses and repeats nothing; `kill -9` with jobs pending and leased, then a restart, runs every job
 * exactly once; a job whose process stopped on every attempt ends `failed` and is not run again.
 * Webhooks go to a real HTTP server and are counted by their `webhook-id` (one per job).
 */
import { once } from 'node:events';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const LEASE_MS = 1500;
let instance: ScratchInstance;
let receiver: Receiver;
let db: Knex;

const call = instanceApi(() => instance);

interface JobRow {
	id: number;
	status: string;
	attempts: number;
	idempotency_key: string;
	last_error: string | null;
	error_class: string | null;
}

const jobsOf = (rule: string) => call<JobRow[]>('GET', `/items/workflow_jobs?limit=-1&fields=id,status,attempts,idempotency_key,last_error,error_class&filter[rule][_eq]=${rule}`);
const settled = (rule: string, count: number, timeoutMs = 60_000) =>
	eventually(() => jobsOf(rule), (jobs) => jobs.length >= count && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'), timeoutMs, `${count} jobs of rule ${rule} to settle`);

/** How many requests each `webhook-id` that reached `route` brought. */
function deliveries(route: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of receiver.received(route)) {
		const id = String(request.headers['webhook-id']);
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return counts;
}

async function rule(name: string, city: string, action: Record<string, unknown>): Promise<string> {
	return (await call<{ id: string }>('POST', '/items/workflow_rules', { name, status: 'active', collection: 'leads', execution: 'every_time', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: city } }, actions: [{ timing: { type: 'instant' }, ...action }] })).id;
}

const webhookRule = (name: string, city: string, route: string) => rule(name, city, { type: 'webhook', options: { url: receiver.url(route) } });

async function leads(city: string, count: number): Promise<string[]> {
	const created = await call<{ id: string }[]>('POST', '/items/leads', Array.from({ length: count }, (_, index) => ({ name: `${city} ${index}`, city, score: 0 })));
	return created.map((lead) => lead.id);
}

async function kill(signal: NodeJS.Signals): Promise<void> {
	const exited = once(instance.directus.process, 'exit');
	instance.directus.process.kill(signal);
	await exited;
}

beforeAll(async () => {
	receiver = await startReceiver();
	instance = await startScratchInstance({
		pgUrl: process.env['TEST_PG_URL'] || undefined,
		seed: false,
		env: { WORKFLOW_POLL_INTERVAL_MS: '200', WORKFLOW_JOB_LEASE_MS: String(LEASE_MS), WORKFLOW_INTENT_LEASE_MS: '2000', WORKFLOW_WEBHOOK_ALLOW: '127.0.0.1', WORKFLOW_CONCURRENCY: '10', WORKFLOW_SHUTDOWN_GRACE_MS: '8000' },
	});
	db = knex({ ...instance.dbConnection, useNullAsDefault: true, pool: { min: 0, max: 1 } } as Knex.Config);
}, 180_000);

afterAll(async () => {
	await db?.destroy();
	await instance?.stop(path.join('test-results', `directus-queue-faults-${instance.dbClient}.log`));
	await receiver?.close();
}, 60_000);

describe('a job slower than its lease', () => {
	it('is sent once: its lease is renewed while the receiver takes more than three leases to answer', async () => {
		receiver.answer('/slow', () => ({ delayMs: LEASE_MS * 3 + 500 }));
		const id = await webhookRule('Slow receiver', 'Slowtown', '/slow');
		await leads('Slowtown', 1);

		const [job] = await settled(id, 1);
		expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
		expect(receiver.received('/slow')).toHaveLength(1);
	});
});

describe('SIGTERM during a batch of slow webhooks', () => {
	it('lets the running jobs finish, and after the restart every job is delivered exactly once', async () => {
		const COUNT = 30;
		receiver.answer('/graceful', () => ({ delayMs: 1500 }));
		const id = await webhookRule('Graceful stop', 'Termville', '/graceful');
		await leads('Termville', COUNT);

		// Ten webhooks answered or under way: the SIGTERM lands with jobs running and jobs pending.
		await eventually(async () => receiver.received('/graceful').length, (count) => count >= 10, 60_000, 'the first webhooks');
		await kill('SIGTERM');

		const after = await db('workflow_jobs').where('rule', id).select('status');
		await instance.restart();
		// Stopped with nothing left running: the jobs under way finished, the others waited, pending.
		expect(after.filter((job) => job.status === 'running')).toEqual([]);
		expect(after.filter((job) => job.status === 'pending').length).toBeGreaterThan(0);
		const jobs = await settled(id, COUNT);
		expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);
		const counts = deliveries('/graceful');
		expect([...counts.keys()].sort()).toEqual(jobs.map((job) => job.idempotency_key).sort());
		expect([...counts.values()].filter((count) => count !== 1)).toEqual([]);
	}, 120_000);
});

describe('kill -9 with jobs pending and leased', () => {
	it('runs every job exactly once after the restart, the leased ones once their lease ran out', async () => {
		const COUNT = 300;
		const id = await rule('Score once', 'Killville', { type: 'update_fields', options: { values: { score: '{{ record.score | plus: 1 }}' } } });
		await leads('Killville', COUNT);

		await eventually(async () => (await jobsOf(id)).filter((job) => job.status === 'succeeded').length, (done) => done >= 20, 60_000, 'jobs to make progress');
		await kill('SIGKILL');

		const atKill = await db('workflow_jobs').where('rule', id).select('id', 'status', 'attempts', 'locked_until');
		await instance.restart();
		const leased = atKill.filter((job) => job.status === 'running');
		expect(leased.length).toBeGreaterThan(0);
		expect(atKill.filter((job) => job.status === 'pending').length).toBeGreaterThan(0);
		const jobs = await settled(id, COUNT, 120_000);
		expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);
		// The leased jobs ran once more (their first attempt died with the process), after their lease.
		const rows = new Map((await db('workflow_jobs').where('rule', id).select('id', 'attempts', 'finished_at')).map((row) => [Number(row.id), row]));
		for (const job of leased) {
			const row = rows.get(Number(job.id))!;
			expect(Number(row.attempts)).toBe(Number(job.attempts) + 1);
			expect(new Date(row.finished_at).getTime()).toBeGreaterThanOrEqual(new Date(job.locked_until).getTime());
		}

		const scores = await call<{ score: number }[]>('GET', '/items/leads?limit=-1&fields=score&filter[city][_eq]=Killville');
		expect(scores).toHaveLength(COUNT);
		expect(scores.filter((lead) => lead.score !== 1)).toEqual([]);
	}, 240_000);
});

describe('a job whose process stopped on each of its attempts', () => {
	it('ends failed, saying so, and is not sent again; one with an attempt left is sent once', async () => {
		const id = await webhookRule('Crashing job', 'Nowhere', '/crashed');
		const [lead] = await leads('Elsewhere', 1);
		const expired = new Date(Date.now() - 60_000);
		// As a process that died running them leaves them: running, under a lease that ran out.
		const left = (key: string, attempts: number) => ({
			rule: id,
			idempotency_key: key,
			status: 'running',
			action_index: 0,
			action_type: 'webhook',
			timing: 'instant',
			collection: 'leads',
			item: lead,
			event: 'create',
			due_at: expired,
			attempts,
			max_attempts: 2,
			locked_by: 'a-dead-instance',
			locked_until: expired,
			depth: 0,
			context: JSON.stringify({ event: 'create', previous: null, record: null }),
			date_created: expired,
			date_updated: expired,
		});
		await db('workflow_jobs').insert([left(`crashed-twice-${id}`, 2), left(`crashed-once-${id}`, 1)]);

		const jobs = await settled(id, 2);
		const spent = jobs.find((job) => job.idempotency_key === `crashed-twice-${id}`)!;
		expect(spent).toMatchObject({ status: 'failed', attempts: 2, error_class: 'crashed' });
		expect(spent.last_error).toMatch(/stopped before it finished, on all 2 attempts/);
		expect(jobs.find((job) => job.idempotency_key === `crashed-once-${id}`)).toMatchObject({ status: 'succeeded', attempts: 2 });
		expect([...deliveries('/crashed').entries()]).toEqual([[`crashed-once-${id}`, 1]]);
	});
});

describe('SIGTERM while a job outlasts the grace period', () => {
	it('hands the job back to the queue, pending and free, and the restart runs it at once', async () => {
		await instance.restart({ WORKFLOW_SHUTDOWN_GRACE_MS: '500', WORKFLOW_JOB_LEASE_MS: '60000' });
		receiver.answer('/outlasting', (_request, nth) => ({ delayMs: nth === 0 ? 8_000 : 0 }));
		const id = await webhookRule('Outlasting job', 'Lateville', '/outlasting');
		await leads('Lateville', 1);

		await eventually(async () => receiver.received('/outlasting').length, (count) => count >= 1, 30_000, 'the webhook to be under way');
		await kill('SIGTERM');
		const [after] = await db('workflow_jobs').where('rule', id).select('status', 'locked_by', 'locked_until');
		await instance.restart();
		// Handed back, not left leased for a minute: the restart takes it at once.
		expect(after).toMatchObject({ status: 'pending', locked_by: null, locked_until: null });
		const [job] = await settled(id, 1, 20_000);
		expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
	}, 90_000);
});
