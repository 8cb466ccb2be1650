/**
 * Exactly once under a crash: Directus is killed with SIGKILL while a rule's jobs run, or right
 * after a burst of writes, started again on the same database, and every job's write must have
 * applied once: not lost with the jobs the dead process held or the evaluations it still owed,
 * not repeated for the ones whose write had committed.
 */
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually } from '../support/rules.js';

const LEADS = 200;
const KILLS = 3;
let instance: ScratchInstance;

const call = instanceApi(() => instance);

interface JobRow {
	status: string;
	attempts: number;
	last_error: string | null;
}

const jobsOf = (rule: string) => call<JobRow[]>('GET', `/items/workflow_jobs?limit=-1&fields=status,attempts,last_error&filter[rule][_eq]=${rule}`);
const succeeded = async (rule: string) => (await jobsOf(rule)).filter((job) => job.status === 'succeeded').length;

beforeAll(async () => {
	instance = await startScratchInstance({
		pgUrl: process.env['TEST_PG_URL'] || undefined,
		seed: false,
		// A short lease, so the jobs the killed process held are claimed again soon after the restart.
		env: { WORKFLOW_POLL_INTERVAL_MS: '200', WORKFLOW_JOB_LEASE_MS: '2000', WORKFLOW_JOB_BATCH_SIZE: '5', WORKFLOW_INTENT_LEASE_MS: '2000' },
	});
}, 180_000);

afterAll(async () => {
	await instance?.stop(path.join('test-results', `directus-crash-${instance.dbClient}.log`));
}, 60_000);

it('applies each job’s write exactly once though Directus is killed (SIGKILL) mid-batch, again and again', async () => {
	const rule = (
		await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: 'Score once',
			status: 'active',
			collection: 'leads',
			execution: 'every_time',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: 'Crashville' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { score: '{{ record.score | plus: 1 }}' } } }],
		})
	).id;
	await call('POST', '/items/leads', Array.from({ length: LEADS }, (_, index) => ({ name: `Crash ${index}`, city: 'Crashville', score: 0 })));

	for (let kill = 0; kill < KILLS; kill++) {
		const before = await succeeded(rule);
		const progress = await eventually(() => succeeded(rule), (count) => count >= before + 10, 60_000, 'jobs to make progress');
		if (progress >= LEADS) throw new Error(`all ${LEADS} jobs were done before kill ${kill + 1}: raise LEADS so the kill lands mid-batch`);

		const exited = once(instance.directus.process, 'exit');
		instance.directus.process.kill('SIGKILL');
		await exited;
		await instance.restart();
	}

	const jobs = await eventually(
		() => jobsOf(rule),
		(jobs) => jobs.length === LEADS && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'),
		120_000,
		'every job to settle after the restarts',
	);
	expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);
	// The kills interrupted jobs the dead process had claimed: they ran again after the restart.
	expect(jobs.some((job) => job.attempts > 1)).toBe(true);

	const leads = await call<{ score: number }[]>('GET', '/items/leads?limit=-1&fields=score&filter[city][_eq]=Crashville');
	expect(leads).toHaveLength(LEADS);
	expect(leads.filter((lead) => lead.score !== 1)).toEqual([]);
}, 400_000);

it('evaluates every committed write of a burst exactly once though Directus is killed (SIGKILL) right after it', async () => {
	const LEADS_IN_BURST = 30;
	const RENAMES = 10;
	const rule = (
		await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: 'Count renames',
			status: 'active',
			collection: 'leads',
			execution: 'every_time',
			// `fields`: the job's own write of the score is not a rename.
			trigger: { type: 'event', events: ['updated'], fields: ['name'] },
			conditions: { city: { _eq: 'Burstville' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { score: '{{ record.score | plus: 1 }}' } } }],
		})
	).id;
	const leads = await call<{ id: string }[]>('POST', '/items/leads', Array.from({ length: LEADS_IN_BURST }, (_, index) => ({ name: `Burst ${index}`, city: 'Burstville', score: 0 })));

	// Every lead renamed RENAMES times, the leads in parallel: 300 writes answered, then the kill
	// at once, while the evaluations of the last writes are still under way.
	await Promise.all(leads.map(async ({ id }) => {
		for (let rename = 1; rename <= RENAMES; rename++) await call('PATCH', `/items/leads/${id}`, { name: `Burst ${id.slice(0, 8)} #${rename}` });
	}));
	const exited = once(instance.directus.process, 'exit');
	instance.directus.process.kill('SIGKILL');
	await exited;
	await instance.restart();

	const total = LEADS_IN_BURST * RENAMES;
	await eventually(
		async () => ({ jobs: await jobsOf(rule), owed: await call<unknown[]>('GET', '/items/workflow_intents?limit=-1&fields=id') }),
		({ jobs, owed }) => owed.length === 0 && jobs.length >= total && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'),
		120_000,
		'every rename evaluated and its job settled after the restart',
	);
	const jobs = await jobsOf(rule);
	expect(jobs).toHaveLength(total);
	expect(jobs.filter((job) => job.status !== 'succeeded')).toEqual([]);

	const scores = await call<{ score: number }[]>('GET', '/items/leads?limit=-1&fields=score&filter[city][_eq]=Burstville');
	expect(scores.map((lead) => lead.score)).toEqual(Array(LEADS_IN_BURST).fill(RENAMES));
}, 400_000);
