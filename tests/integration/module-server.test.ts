/**
 * The module's server parts: a failed job is announced to its rule's owner (the admins when the
 * owner is gone) with a studio notification, once per rule and recipient per 15 minutes; runs and jobs are read-only audit records (no create, update or delete through the
 * API, admins included, while the retry endpoint still replays); the module is in the module bar.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, data } from '../support/api.js';
import { roleUser } from '../support/roles.js';
import { cleanUpRules, createRule, eventually, jobsOf, runsOf, settledJobs } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

cleanUpRules('all');

let receiver: Receiver;
let admin: string;
const leads: string[] = [];

beforeAll(async () => {
	receiver = await startReceiver();
	admin = (await data<{ id: string }>('GET', '/users/me?fields=id')).id;
});

afterAll(async () => {
	await receiver?.close();
	for (const lead of leads) await api('DELETE', `/items/leads/${lead}`);
});

const auditor = roleUser('Module test auditor', [
	{ collection: 'workflow_rules', action: 'read' },
	...['create', 'read', 'update', 'delete'].flatMap((action) => [
		{ collection: 'workflow_runs', action },
		{ collection: 'workflow_jobs', action },
	]),
]);

/** A rule whose only action is a webhook the receiver refuses with a 400 (not retried): its job ends failed. */
async function failingRule(town: string) {
	receiver.answer(`/refuse-${town}`, () => ({ status: 400, body: 'no such contractor' }));
	const rule = await createRule({
		name: `Module test: refused webhook ${town}`,
		collection: 'leads',
		trigger: { type: 'event', events: ['created'] },
		conditions: { city: { _eq: town } },
		actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url(`/refuse-${town}`), method: 'POST' } }],
	});
	const lead = (await data<{ id: string }>('POST', '/items/leads', { name: `Lead of ${town}`, city: town })).id;
	leads.push(lead);
	const [job] = await settledJobs(rule, lead, 1);
	return { rule, lead, job: job! };
}

describe('a job that ends failed', () => {
	it('notifies the rule’s owner in the studio, naming the rule, the action, the error and the run', async () => {
		const { rule, job } = await failingRule('Failburg');
		expect(job.status).toBe('failed');
		const [owner] = await data<{ user_created: string }[]>('GET', `/items/workflow_rules?filter[id][_eq]=${rule}&fields=user_created`);
		expect(owner!.user_created).toBe(admin);

		const query = `/notifications?filter[collection][_eq]=workflow_jobs&filter[item][_eq]=${job.id}&fields=recipient,subject,message,item`;
		const notices = await eventually(() => data<{ recipient: string; subject: string; message: string }[]>('GET', query), (rows) => rows.length > 0, 15_000, 'the failure notification');
		expect(notices).toHaveLength(1);
		expect(notices[0]!.recipient).toBe(admin);
		expect(notices[0]!.subject).toBe('Workflow rule “Module test: refused webhook Failburg”: webhook action failed');
		// The error verbatim in a code block; the run's link absolute, under PUBLIC_URL, for the mailed copy too.
		expect(notices[0]!.message).toMatch(/\n```\n[^\n]*400[^\n]*\n```\n/);
		expect(notices[0]!.message).toContain(`(${inject('directusUrl')}/admin/workflow-rules/runs/${job.run})`);
		await api('DELETE', `/notifications/${(await data<{ id: number }[]>('GET', query.replace('fields=', 'fields=id,')))[0]!.id}`);
	});

	/** The failure notifications of a rule's jobs, once the notices of all its settled jobs had time to be sent. */
	async function noticesOf(rule: string) {
		const jobs = await jobsOf(rule);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		const filter = { collection: { _eq: 'workflow_jobs' }, item: { _in: jobs.map((job) => String(job.id)) } };
		return data<{ id: number; recipient: string; item: string }[]>('GET', `/notifications?limit=-1&fields=id,recipient,item&filter=${encodeURIComponent(JSON.stringify(filter))}`);
	}

	it('notifies once per rule and recipient in 15 minutes, however many of its jobs fail', async () => {
		const town = 'Burstbury';
		receiver.answer(`/refuse-${town}`, () => ({ status: 400, body: 'no such contractor' }));
		const rule = await createRule({ name: 'Module test: burst', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: town } }, actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url(`/refuse-${town}`), method: 'POST' } }] });
		const created = await data<{ id: string }[]>('POST', '/items/leads', Array.from({ length: 30 }, (_, i) => ({ name: `Burst lead ${i}`, city: town })));
		leads.push(...created.map((lead) => lead.id));
		const jobs = await eventually(() => jobsOf(rule), (rows) => rows.length === 30 && rows.every((job) => job.status === 'failed'), 30_000, '30 failed jobs');
		expect(jobs).toHaveLength(30);

		// And a failure after the burst, within the window: still the one notification.
		leads.push((await data<{ id: string }>('POST', '/items/leads', { name: 'Late lead', city: town })).id);
		await eventually(() => jobsOf(rule), (rows) => rows.length === 31 && rows.every((job) => job.status === 'failed'), 15_000, 'the late job failed');

		const notices = await noticesOf(rule);
		expect(notices).toHaveLength(1);
		expect(notices[0]!.recipient).toBe(admin);
	});

	it('notifies the active admins when the rule’s creator is gone', async () => {
		const town = 'Orphanton';
		receiver.answer(`/refuse-${town}`, () => ({ status: 400, body: 'no such contractor' }));
		const rule = await createRule({ name: 'Module test: orphaned', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: town } }, actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url(`/refuse-${town}`), method: 'POST' } }] });
		// The rule made by a colleague who has since left: their user deleted.
		const colleague = (await data<{ id: string }>('POST', '/users', { email: `leaver-${Date.now()}@example.com`, password: 'not-used-anymore-1', status: 'active' })).id;
		await data('PATCH', `/items/workflow_rules/${rule}`, { user_created: colleague });
		expect(await data('GET', `/items/workflow_rules/${rule}?fields=user_created`)).toEqual({ user_created: colleague });
		expect((await api('DELETE', `/users/${colleague}`)).status).toBe(204);

		leads.push((await data<{ id: string }>('POST', '/items/leads', { name: 'Orphaned lead', city: town })).id);
		await eventually(() => jobsOf(rule), (rows) => rows.length === 1 && rows[0]!.status === 'failed', 15_000, 'the failed job');
		const notices = await eventually(() => noticesOf(rule), (rows) => rows.length > 0, 15_000, 'the failure notification');
		expect(notices.map((notice) => notice.recipient)).toContain(admin);
		expect(notices.map((notice) => notice.recipient)).not.toContain(colleague);
	});

	it('notifies nobody for a job that succeeds', async () => {
		const rule = await createRule({ name: 'Module test: fine', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Fineville' } }, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['fine'] } }] });
		const lead = (await data<{ id: string }>('POST', '/items/leads', { name: 'Fine lead', city: 'Fineville' })).id;
		leads.push(lead);
		const [job] = await settledJobs(rule, lead, 1);
		expect(job!.status).toBe('succeeded');
		expect(await data('GET', `/notifications?filter[collection][_eq]=workflow_jobs&filter[item][_eq]=${job!.id}`)).toEqual([]);
	});
});

describe('runs and jobs in the studio', () => {
	it('are read-only: creates, updates and deletes are refused, for admins and for roles allowed to write them', async () => {
		const { rule, lead, job } = await failingRule('Readonlyton');
		const [run] = await runsOf(rule, lead);
		expect(run).toBeDefined();

		for (const token of [undefined, auditor.token] as const) {
			const as = (method: string, path: string, body?: unknown) => (token ? api(method, path, body, token) : api(method, path, body));
			expect((await as('PATCH', `/items/workflow_runs/${run!.id}`, { matched: true })).status).toBe(403);
			expect((await as('PATCH', `/items/workflow_jobs/${job.id}`, { status: 'succeeded' })).status).toBe(403);
			expect((await as('DELETE', `/items/workflow_runs/${run!.id}`)).status).toBe(403);
			expect((await as('DELETE', `/items/workflow_jobs/${job.id}`)).status).toBe(403);
			expect((await as('POST', '/items/workflow_runs', { collection: 'leads', item: lead, event: 'created', outcome: 'matched', matched: true })).status).toBe(403);
			expect((await as('POST', '/items/workflow_jobs', { collection: 'leads', item: lead, event: 'created', status: 'pending', action_index: 0, action_type: 'tag', timing: 'instant', idempotency_key: `forged-${job.id}`, due_at: new Date().toISOString() })).status).toBe(403);
			// Reading stays open to whoever may read them.
			expect((await as('GET', `/items/workflow_jobs/${job.id}`)).status).toBe(200);
		}

		const [unchanged] = await jobsOf(rule, lead);
		expect(unchanged).toMatchObject({ id: job.id, status: 'failed' });
		expect((await runsOf(rule, lead))[0]).toMatchObject({ id: run!.id, matched: true });

		// The retry endpoint is the one way to change a job: it replays it (and the auditor may update jobs).
		receiver.answer('/refuse-Readonlyton', () => ({ status: 200 }));
		expect((await api('POST', `/workflows/jobs/${job.id}/retry`, undefined, auditor.token)).status).toBe(200);
		const [replayed] = await settledJobs(rule, lead, 1);
		expect(replayed).toMatchObject({ id: job.id, status: 'succeeded' });
	});
});

describe('runs and jobs without a token', () => {
	// The public policy (the access row with neither role nor user) granted every write on them.
	const granted: number[] = [];
	afterAll(async () => {
		for (const id of granted) await api('DELETE', `/permissions/${id}`);
	});

	it('are read-only too, when the public policy is allowed to create, update and delete them', async () => {
		const { rule, lead, job } = await failingRule('Anonymouston');
		const [run] = await runsOf(rule, lead);
		const [publicAccess] = await data<{ policy: string }[]>('GET', '/access?filter[role][_null]=true&filter[user][_null]=true&fields=policy');
		for (const collection of ['workflow_runs', 'workflow_jobs']) {
			for (const action of ['create', 'update', 'delete']) granted.push((await data<{ id: number }>('POST', '/permissions', { policy: publicAccess!.policy, collection, action, fields: ['*'] })).id);
		}

		const anonymous = (method: string, path: string, body?: unknown) => api(method, path, body, null);
		expect((await anonymous('PATCH', `/items/workflow_runs/${run!.id}`, { matched: false })).status).toBe(403);
		expect((await anonymous('PATCH', `/items/workflow_jobs/${job.id}`, { status: 'succeeded' })).status).toBe(403);
		expect((await anonymous('DELETE', `/items/workflow_runs/${run!.id}`)).status).toBe(403);
		expect((await anonymous('DELETE', `/items/workflow_jobs/${job.id}`)).status).toBe(403);
		expect((await anonymous('POST', '/items/workflow_runs', { collection: 'leads', item: lead, event: 'created', outcome: 'matched', matched: true })).status).toBe(403);
		expect((await anonymous('POST', '/items/workflow_jobs', { collection: 'leads', item: lead, event: 'created', status: 'pending', action_index: 0, action_type: 'tag', timing: 'instant', idempotency_key: `anonymous-${job.id}`, due_at: new Date().toISOString() })).status).toBe(403);

		expect(await jobsOf(rule, lead)).toEqual([expect.objectContaining({ id: job.id, status: 'failed' })]);
		expect(await runsOf(rule, lead)).toEqual([expect.objectContaining({ id: run!.id, matched: true })]);
		expect(await data('GET', `/items/workflow_jobs?filter[idempotency_key][_eq]=anonymous-${job.id}`)).toEqual([]);
		expect(await data('GET', `/items/workflow_runs?filter[item][_eq]=${lead}&filter[rule][_null]=true`)).toEqual([]);
	});
});

describe('the module bar', () => {
	it('lists the Workflow rules module, enabled, before Settings', async () => {
		const settings = await data<{ module_bar: { type: string; id: string; enabled: boolean }[] }>('GET', '/settings?fields=module_bar');
		const ids = settings.module_bar.map((part) => part.id);
		expect(settings.module_bar.find((part) => part.id === 'workflow-rules')).toMatchObject({ type: 'module', enabled: true });
		expect(ids.indexOf('workflow-rules')).toBe(ids.indexOf('settings') - 1);
		expect(ids).toContain('content');
	});
});
