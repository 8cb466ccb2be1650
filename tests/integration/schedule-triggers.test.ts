/**
 * Schedule triggers (SPEC §3 `{"type":"schedule","cron":…}`): every occurrence of the cron applies
 * the rule's actions to the records matching its conditions exactly once, however many Directus
 * processes share the database (two on PostgreSQL), with one run per occurrence that counts them
 * and shows in the usage report. Counted at a real HTTP server by `webhook-id`.
 */
import { randomUUID } from 'node:crypto';
import knex, { type Knex } from 'knex';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually, type Run } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const OCCURRENCES = 4;
let instance: ScratchInstance;
let receiver: Receiver;
const call = instanceApi(() => instance);

beforeAll(async () => {
	receiver = await startReceiver();
	instance = await startScratchInstance({
		pgUrl: process.env['TEST_PG_URL'] || undefined,
		seed: false,
		env: { WORKFLOW_POLL_INTERVAL_MS: '200', WORKFLOW_WEBHOOK_ALLOW: '127.0.0.1' },
	});
	// Two processes on one database where the database allows it (PostgreSQL), as behind a load balancer.
	if (instance.dbClient === 'pg') await instance.startPeer();
}, 180_000);

afterAll(async () => {
	await instance?.stop(path.join('test-results', `directus-schedule-triggers-${instance.dbClient}.log`));
	await receiver?.close();
}, 60_000);

it('runs each occurrence once for the matching records, with one counted run per occurrence', async () => {
	const city = `Schedule ${randomUUID().slice(0, 8)}`;
	const leads = await call<{ id: string }[]>('POST', '/items/leads', [1, 2, 3].map((n) => ({ name: `Lead ${n}`, city })));
	await call('POST', '/items/leads', { name: 'Elsewhere', city: 'Elsewhere' });
	const rule = (await call<{ id: string }>('POST', '/items/workflow_rules', {
		name: 'Every two seconds',
		status: 'active',
		collection: 'leads',
		execution: 'every_time',
		trigger: { type: 'schedule', cron: '*/2 * * * * *' },
		conditions: { city: { _eq: city } },
		actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url('/scheduled'), method: 'POST', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } }],
	})).id;

	const summaries = () => call<Run[]>('GET', `/items/workflow_runs?limit=-1&sort=id&filter[rule][_eq]=${rule}&filter[event][_eq]=schedule&filter[item][_null]=true`);
	await eventually(summaries, (runs) => runs.length >= OCCURRENCES, 60_000, `${OCCURRENCES} occurrences`);
	await call('PATCH', `/items/workflow_rules/${rule}`, { status: 'inactive' });
	// Whatever occurrence was under way when the rule was switched off finishes: wait until every run's jobs are done
	// (jobs still pending when the rule went inactive are skipped, as for any rule switched off).
	const settled = async () => {
		const [found, jobs] = await Promise.all([summaries(), call<{ status: string; last_error: string | null }[]>('GET', `/items/workflow_jobs?limit=-1&fields=status,last_error&filter[rule][_eq]=${rule}`)]);
		const statuses = Object.fromEntries(['succeeded', 'skipped', 'pending', 'running', 'failed'].map((status) => [status, jobs.filter((job) => job.status === status).length]));
		return { runs: found, occurrences: found.length, jobs: jobs.length, statuses, error: jobs.find((job) => job.last_error)?.last_error };
	};
	const { runs, jobs, statuses } = await eventually(settled, (state) => state.statuses['succeeded']! + state.statuses['skipped']! === state.jobs && state.jobs === 3 * state.runs.length, 60_000, 'every occurrence’s jobs to finish').catch(async (error) => {
		const { runs: _runs, ...state } = await settled();
		throw new Error(`${(error as Error).message.slice(0, 60)}: ${JSON.stringify(state)}`);
	});
	expect(runs.every((run) => /applied to 3 record\(s\) of 3 /.test(run.message ?? ''))).toBe(true);
	expect(jobs).toBe(3 * runs.length);

	const occurrences = runs.map((run) => /occurrence (\S+)/.exec(run.message ?? '')?.[1]);
	expect(new Set(occurrences).size).toBe(runs.length);
	for (const at of occurrences) expect(new Date(at!).getUTCSeconds() % 2).toBe(0);

	const recordRuns = await call<Run[]>('GET', `/items/workflow_runs?limit=-1&filter[rule][_eq]=${rule}&filter[item][_nnull]=true`);
	expect(recordRuns.filter((run) => run.outcome === 'matched')).toHaveLength(3 * runs.length);
	expect(new Set(recordRuns.map((run) => run.item))).toEqual(new Set(leads.map((lead) => lead.id)));

	const deliveries = receiver.received('/scheduled');
	const ids = deliveries.map((request) => String(request.headers['webhook-id']));
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toHaveLength(statuses['succeeded']!);
	expect(statuses['succeeded']).toBeGreaterThanOrEqual(3 * (OCCURRENCES - 1));

	const [usage] = await call<{ runs: number; matched: number }[]>('GET', `/workflows/usage?rule=${rule}`);
	expect(usage).toMatchObject({ runs: runs.length, matched: runs.length });
}, 180_000);

it('finishes an occurrence a stopped process left claimed but unfinished, once', async () => {
	const city = `Abandoned ${randomUUID().slice(0, 8)}`;
	await call('POST', '/items/leads', [1, 2].map((n) => ({ name: `Lead ${n}`, city })));
	const rule = (await call<{ id: string }>('POST', '/items/workflow_rules', {
		name: 'New Year',
		status: 'active',
		collection: 'leads',
		execution: 'every_time',
		trigger: { type: 'schedule', cron: '0 0 1 1 *' },
		conditions: { city: { _eq: city } },
		actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['new-year'] } }],
	})).id;
	// What a process killed while running the occurrence leaves: its claim, unfinished, untouched for two minutes.
	const occurrence = '2026-01-01T00:00:00.000Z';
	const stale = new Date(Date.now() - 120_000);
	const db: Knex = knex({ ...instance.dbConnection, useNullAsDefault: true, pool: { min: 1, max: 1, afterCreate: (conn: { run?: (sql: string, done: () => void) => void }, done: () => void) => (conn.run ? conn.run('PRAGMA busy_timeout = 10000', done) : done()) } } as Knex.Config);
	try {
		await db('workflow_rule_state').insert({ key: `schedule:${rule}:${occurrence}`, rule, collection: 'leads', item: occurrence, matched: false, fired_at: new Date(occurrence), date_created: stale, date_updated: stale });
	} finally {
		await db.destroy();
	}

	const summaries = () => call<Run[]>('GET', `/items/workflow_runs?limit=-1&filter[rule][_eq]=${rule}&filter[item][_null]=true`);
	const [run, ...others] = await eventually(summaries, (runs) => runs.length > 0, 30_000, 'the abandoned occurrence to finish');
	expect(others).toEqual([]);
	expect(run!.message).toContain(`occurrence ${occurrence}`);
	expect(run!.message).toContain('applied to 2 record(s)');
	const leads = await eventually(() => call<{ tags: string[] | null }[]>('GET', `/items/leads?fields=tags&filter[city][_eq]=${encodeURIComponent(city)}`), (found) => found.every((lead) => lead.tags?.includes('new-year')), 15_000, 'both leads tagged');
	expect(leads).toHaveLength(2);
	const [state] = await call<{ matched: boolean }[]>('GET', `/items/workflow_rule_state?filter[key][_eq]=${encodeURIComponent(`schedule:${rule}:${occurrence}`)}&fields=matched`);
	expect(state!.matched).toBe(true);
}, 120_000);
