/**
 * Two Directus processes on one PostgreSQL database, as two instances behind a load balancer:
 * 500 instant webhook jobs queued by writes to one of them are each delivered exactly once to a
 * real HTTP server (counted by `webhook-id`), and both instances run some. Both poll rarely, so
 * the second instance takes part only because the first wakes it: PostgreSQL `LISTEN/NOTIFY`
 * without Redis, Directus' own bus when `REDIS` is set. PostgreSQL only: SQLite is one process's.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDirectus } from '../../scripts/lib/directus-process.js';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const pgUrl = process.env['TEST_PG_URL'] || undefined;
const JOBS = 500;
let instance: ScratchInstance;
let receiver: Receiver;
let peer: RunningDirectus;

const call = instanceApi(() => instance);

interface JobRow {
	status: string;
	idempotency_key: string;
	locked_by: string | null;
}

const jobsOf = (rule: string) => call<JobRow[]>('GET', `/items/workflow_jobs?limit=-1&fields=status,idempotency_key,locked_by&filter[rule][_eq]=${rule}`);

function deliveries(route: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of receiver.received(route)) {
		const id = String(request.headers['webhook-id']);
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return counts;
}

/** 500 leads created on the first instance, a webhook job each; answers the jobs once all settled. */
async function deliverAll(city: string, route: string): Promise<JobRow[]> {
	const rule = (
		await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Tell ${city}`,
			status: 'active',
			collection: 'leads',
			execution: 'every_time',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: city } },
			actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url(route) } }],
		})
	).id;
	await call('POST', '/items/leads', Array.from({ length: JOBS }, (_, index) => ({ name: `${city} ${index}`, city })));
	return eventually(() => jobsOf(rule), (jobs) => jobs.length === JOBS && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'), 120_000, `${JOBS} jobs to settle`);
}

function expectDeliveredOnceByBoth(jobs: JobRow[], route: string): void {
	expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);
	const counts = deliveries(route);
	expect(counts.size).toBe(JOBS);
	expect([...counts.keys()].sort()).toEqual(jobs.map((job) => job.idempotency_key).sort());
	expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
	expect(new Set(jobs.map((job) => job.locked_by)).size).toBe(2);
}

describe.skipIf(!pgUrl)('two instances on one PostgreSQL database', () => {
	beforeAll(async () => {
		receiver = await startReceiver();
		// A poll far longer than the test: only a wake makes the second instance look for jobs.
		instance = await startScratchInstance({ pgUrl, seed: false, env: { WORKFLOW_POLL_INTERVAL_MS: '600000', WORKFLOW_WEBHOOK_ALLOW: '127.0.0.1', WORKFLOW_CONCURRENCY: '10' } });
		peer = await instance.startPeer();
	}, 240_000);

	afterAll(async () => {
		await instance?.stop(path.join('test-results', 'directus-queue-instances.log'));
		await receiver?.close();
	}, 60_000);

	it('deliver 500 webhooks exactly once between them, the second woken by PostgreSQL notifications', async () => {
		receiver.answer('/notify', () => ({ delayMs: 20 }));
		expectDeliveredOnceByBoth(await deliverAll('Notifyville', '/notify'), '/notify');
	}, 180_000);

	it('deliver 500 webhooks exactly once between them, the second woken through Directus’ bus over Redis', async () => {
		const env = { REDIS: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379', REDIS_BUS_NAMESPACE: `wr-test-${process.pid}` };
		await peer.stop();
		await instance.restart(env);
		peer = await instance.startPeer(env);
		receiver.answer('/bus', () => ({ delayMs: 20 }));
		expectDeliveredOnceByBoth(await deliverAll('Busville', '/bus'), '/bus');
	}, 240_000);
});
