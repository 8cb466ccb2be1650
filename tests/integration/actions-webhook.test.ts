/**
 * SPEC §5 `webhook`: requests as a receiver gets them (method, headers, body, Standard Webhooks
 * signature verified with the package receivers use), retries as the receiver's answers ask for,
 * no redirects, the SSRF guard and WORKFLOW_WEBHOOK_ALLOW, and secrets kept out of runs and
 * responses. The receivers are real HTTP servers in this process; the shared Directus may reach
 * 127.0.0.1 only, a scratch Directus is started for other allow-lists and settings.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { instanceApi } from '../support/instance-api.js';
import { cleanUpRules, createRule, eventually, runsOf, settledJobs } from '../support/rules.js';
import { startReceiver, type Received, type Receiver } from '../support/webhook-receiver.js';

cleanUpRules();

/** A job row as GET /items/workflow_jobs returns it, with the columns a webhook's outcome lands in. */
interface WebhookJob {
	status: string;
	attempts: number;
	idempotency_key: string;
	last_error: string | null;
	error_class: string | null;
	error_status: number | null;
	result: { status: number; response: string } | null;
}

const PLAIN_SECRET = `plain-${randomBytes(12).toString('hex')}`;
/** Standard Webhooks' plain secrets are verified with the base64 of their text (see the action's sign.ts). */
const plainKey = (secret: string) => Buffer.from(secret, 'utf8').toString('base64');
const verify = (key: string, request: Received) => new Webhook(key).verify(request.body, request.headers as Record<string, string>);

let receiver: Receiver;

beforeAll(async () => {
	receiver = await startReceiver();
});

afterAll(() => receiver?.close());

const settled = (rule: string, count = 1) => settledJobs(rule, undefined, count) as unknown as Promise<WebhookJob[]>;
const arrived = (route: string, count = 1, timeoutMs = 20_000) => eventually(async () => receiver.received(route), (requests) => requests.length >= count, timeoutMs, `${count} request(s) to ${route}`);

/** A rule that sends each given webhook action when a lead of its own town is created. */
async function leadRule(town: string, actions: Record<string, unknown>[]): Promise<string> {
	return createRule({
		name: `Webhook ${town}`,
		collection: 'leads',
		trigger: { type: 'event', events: ['created'] },
		conditions: { city: { _eq: town } },
		actions: actions.map((options) => ({ type: 'webhook', timing: { type: 'instant' }, options })),
	});
}

async function lead(town: string, name = `Lead of ${town}`): Promise<string> {
	return (await data<{ id: string }>('POST', '/items/leads', { name, city: town })).id;
}

describe('a lawn-care appointment booked', () => {
	it('sends the contractor the signed event, as the seeded sample rule describes it', async () => {
		const [sample] = await data<{ collection: string; trigger: unknown; conditions: unknown; actions: { options: Record<string, unknown> }[] }[]>('GET', `/items/workflow_rules?filter[name][_eq]=${encodeURIComponent('Lawn care: tell the contractor')}&limit=1`);
		expect(sample).toBeDefined();
		const rule = await createRule({
			name: 'Lawn care: tell our test contractor',
			collection: sample!.collection,
			trigger: sample!.trigger,
			conditions: sample!.conditions,
			actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { ...sample!.actions[0]!.options, url: receiver.url('/contractor'), secret: PLAIN_SECRET, headers: { 'X-Appointment': '{{ record.title }}' } } }],
		});

		const other = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Deep clean', ...(await slot('Home deep cleaning')), status: 'scheduled' })).id;
		const appointment = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Mow the back lawn', ...(await slot('Lawn care')), status: 'scheduled' })).id;

		const [request] = await arrived('/contractor');
		const [job] = await settled(rule);
		expect(job).toMatchObject({ status: 'succeeded', attempts: 1, result: { status: 200, response: 'ok' } });
		expect(request).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', 'x-appointment': 'Mow the back lawn', 'webhook-id': job!.idempotency_key } });
		const event = verify(plainKey(PLAIN_SECRET), request!) as { event: unknown; rule: unknown; record: { id: string; service: unknown }; previous: unknown };
		expect(event).toMatchObject({ event: { name: 'scheduled', collection: 'appointments', key: appointment }, rule: { id: rule, collection: 'appointments' }, record: { id: appointment, title: 'Mow the back lawn' }, previous: null });
		expect(() => verify(plainKey('some other secret of length'), request!)).toThrow();
		// The other appointment was evaluated too, and not sent.
		await eventually(() => runsOf(rule, other), (runs) => runs.length > 0, 15_000, 'the evaluation of the other appointment');
		expect(receiver.received('/contractor')).toHaveLength(1);
	});
});

describe('the request', () => {
	it('has the method, headers and body the action sets; record values arrive as data, never as templates', async () => {
		const town = 'Webhook request town';
		const rule = await leadRule(town, [
			{ url: receiver.url('/templated'), method: 'PUT', headers: { 'X-Lead': '{{ record.name }}', Authorization: 'Bearer token-{{ record.city | size }}' }, body: '{"name": {{ record.name | json }}, "answer": "{{ 7 | times: 6 }}"}' },
			{ url: receiver.url('/text'), method: 'PATCH', headers: { 'Content-Type': 'text/plain' }, body: 'plain: {{ record.name }}' },
			{ url: receiver.url('/event'), method: 'DELETE' },
			{ url: `${receiver.url('/query')}?town={{ record.city | url_encode }}`, method: 'GET' },
		]);
		const name = '{{ 7 | times: 6 }}';
		const id = await lead(town, name);

		await settled(rule, 4);
		const [templated] = receiver.received('/templated');
		expect(templated).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/json', 'x-lead': name, authorization: `Bearer token-${town.length}` } });
		expect(JSON.parse(templated!.body)).toEqual({ name, answer: '42' });
		expect(receiver.received('/text')[0]).toMatchObject({ method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: `plain: ${name}` });
		const [event] = receiver.received('/event');
		expect(event).toMatchObject({ method: 'DELETE', headers: { 'content-type': 'application/json' } });
		expect(JSON.parse(event!.body)).toMatchObject({ event: { name: 'created', collection: 'leads', key: id }, record: { id, name, city: town } });
		expect(receiver.received(`/query?town=${encodeURIComponent(town).replace(/%20/g, '+')}`)[0]).toMatchObject({ method: 'GET', body: '' });
		// Without a secret nothing is signed, but the id a receiver drops repeats by is there.
		expect(event!.headers['webhook-id']).toBeTruthy();
		expect(event!.headers['webhook-signature']).toBeUndefined();
	});
});

describe('answers and retries', () => {
	it('retries a 500 and a 503, then succeeds once: three attempts with one webhook-id, each signed', async () => {
		receiver.answer('/flaky', (_request, nth) => ({ status: [500, 503][nth] ?? 200 }));
		const rule = await leadRule('Flaky town', [{ url: receiver.url('/flaky'), secret: PLAIN_SECRET }]);
		await lead('Flaky town');

		const [job] = await settled(rule);
		const requests = receiver.received('/flaky');
		expect(job).toMatchObject({ status: 'succeeded', attempts: 3, result: { status: 200 } });
		expect(requests).toHaveLength(3);
		expect(new Set(requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([job!.idempotency_key]));
		for (const request of requests) expect(() => verify(plainKey(PLAIN_SECRET), request)).not.toThrow();
	});

	it.each([400, 410])('fails for good after one attempt on a %i, keeping the status on the job', async (status) => {
		receiver.answer(`/refuse-${status}`, () => ({ status, body: `{"error":"refused with ${status}"}` }));
		const rule = await leadRule(`Refusing town ${status}`, [{ url: receiver.url(`/refuse-${status}`) }]);
		await lead(`Refusing town ${status}`);

		const [job] = await settled(rule);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'http', error_status: status });
		expect(job!.last_error).toContain(`answered ${status}: {"error":"refused with ${status}"}`);
		expect(receiver.received(`/refuse-${status}`)).toHaveLength(1);
	});

	it('waits as long as a 429’s Retry-After asks before trying again', async () => {
		receiver.answer('/busy', (_request, nth) => (nth === 0 ? { status: 429, headers: { 'Retry-After': '2' } } : {}));
		const rule = await leadRule('Busy town', [{ url: receiver.url('/busy') }]);
		await lead('Busy town');

		const [job] = await settled(rule);
		const [first, second] = receiver.received('/busy');
		expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
		// The backoff alone would try again after about one second.
		expect(second!.at - first!.at).toBeGreaterThanOrEqual(2000);
	});

	it('gives a receiver 10 seconds, then tries again', async () => {
		receiver.answer('/slow', (_request, nth) => (nth === 0 ? { delayMs: 15_000 } : {}));
		const rule = await leadRule('Slow town', [{ url: receiver.url('/slow') }]);
		await lead('Slow town');

		const [job] = await settled(rule);
		const [first, second] = receiver.received('/slow');
		expect(job).toMatchObject({ status: 'succeeded', attempts: 2, result: { status: 200 } });
		expect(second!.at - first!.at).toBeGreaterThanOrEqual(10_000);
		expect(second!.at - first!.at).toBeLessThan(15_000);
	}, 90_000);

	it('does not follow a redirect: the target receives nothing and the job fails with the 302', async () => {
		receiver.answer('/moved', () => ({ status: 302, headers: { Location: receiver.url('/moved-here') } }));
		const rule = await leadRule('Redirect town', [{ url: receiver.url('/moved') }]);
		await lead('Redirect town');

		const [job] = await settled(rule);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'http', error_status: 302 });
		expect(job!.last_error).toContain('redirects are not followed');
		expect(receiver.received('/moved')).toHaveLength(1);
		expect(receiver.received('/moved-here')).toEqual([]);
	});
});

describe('the SSRF guard', () => {
	it('refuses a loopback address that WORKFLOW_WEBHOOK_ALLOW does not list, before connecting', async () => {
		const elsewhere = await startReceiver('127.0.0.2');
		try {
			const rule = await leadRule('Loopback town', [{ url: elsewhere.url('/internal') }]);
			await lead('Loopback town');

			const [job] = await settled(rule);
			expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'ssrf' });
			expect(job!.last_error).toMatch(/^refused to connect to 127\.0\.0\.2: .*WORKFLOW_WEBHOOK_ALLOW/);
			expect(elsewhere.received()).toEqual([]);
		} finally {
			await elsewhere.close();
		}
	});
});

describe('secrets', () => {
	it('never appear in the run’s rule snapshot or on the job; a $env.NAME reference stays readable', async () => {
		// A receiver that echoes a credential back: the job keeps its answer, masked.
		receiver.answer('/secret', (request) => ({ body: `you sent ${String(request.headers['x-api-key'])}` }));
		const rule = await leadRule('Secret town', [{ url: receiver.url('/secret'), secret: PLAIN_SECRET, headers: { 'X-Api-Key': `key-${PLAIN_SECRET}` } }, { url: receiver.url('/secret-env'), secret: '$env.WR_TEST_UNSET_SECRET' }]);
		await lead('Secret town');

		const jobs = await settled(rule, 2);
		const runs = await runsOf(rule);
		expect(runs).toHaveLength(1);
		expect(runs[0]!.rule_snapshot.actions.map((action: { options: Record<string, unknown> }) => action.options)).toMatchObject([
			{ secret: '[redacted]', headers: { 'X-Api-Key': '[redacted]' } },
			{ secret: '$env.WR_TEST_UNSET_SECRET' },
		]);
		expect(receiver.received('/secret')[0]?.headers['x-api-key']).toBe(`key-${PLAIN_SECRET}`);
		expect(jobs.find((job) => job.status === 'succeeded')?.result).toEqual({ status: 200, response: 'you sent [redacted]' });
		expect(JSON.stringify(runs)).not.toContain(PLAIN_SECRET);
		expect(JSON.stringify(jobs)).not.toContain(PLAIN_SECRET);
		// A missing variable is named, and nothing is sent unsigned instead.
		expect(jobs.find((job) => job.error_class === 'config')).toMatchObject({ status: 'failed', attempts: 1, last_error: 'the webhook secret $env.WR_TEST_UNSET_SECRET: the environment variable WR_TEST_UNSET_SECRET is not set' });
		expect(receiver.received('/secret-env')).toEqual([]);
	});

	it('never leave through a read of the rule, of a run’s rule or of its revisions; a save that sends the mask back keeps them', async () => {
		const secretHeader = `key-${PLAIN_SECRET}`;
		const rule = await leadRule('Kept town', [{ url: receiver.url('/kept'), secret: PLAIN_SECRET, headers: { 'X-Api-Key': secretHeader, 'X-Town': 'kept' } }]);

		const read = await data<{ name: string; actions: { options: Record<string, unknown> }[] }>('GET', `/items/workflow_rules/${rule}`);
		expect(read.actions[0]!.options).toMatchObject({ secret: '[redacted]', headers: { 'X-Api-Key': '[redacted]', 'X-Town': 'kept' } });
		const revisions = await api('GET', `/revisions?filter[collection][_eq]=workflow_rules&filter[item][_eq]=${rule}`);
		expect(revisions.status).toBe(200);
		expect(revisions.body.data.length).toBeGreaterThan(0);
		expect(JSON.stringify(revisions.body)).not.toContain(PLAIN_SECRET);

		// The studio saves back what it read, renamed: the stored secret and header are kept, not replaced by the mask.
		const saved = await api('PATCH', `/items/workflow_rules/${rule}`, { name: `${read.name} (renamed)`, actions: read.actions });
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		expect(JSON.stringify(saved.body)).not.toContain(PLAIN_SECRET);
		await lead('Kept town');
		const [request] = await arrived('/kept');
		expect(() => verify(plainKey(PLAIN_SECRET), request!)).not.toThrow();
		expect(request!.headers['x-api-key']).toBe(secretHeader);

		const runs = await api('GET', `/items/workflow_runs?filter[rule][_eq]=${rule}&fields=id,rule.actions`);
		expect(runs.body.data.length).toBe(1);
		expect(JSON.stringify(runs.body)).not.toContain(PLAIN_SECRET);
		const jobs = await api('GET', `/items/workflow_jobs?filter[rule][_eq]=${rule}&fields=id,rule.*`);
		expect(jobs.body.data.length).toBe(1);
		expect(JSON.stringify(jobs.body)).not.toContain(PLAIN_SECRET);
	});

	it('cannot be stood for by the mask where none is stored: the secret must be typed', async () => {
		const created = await api('POST', '/items/workflow_rules', {
			name: 'Masked from the start',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: null,
			actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://hooks.example/x', secret: '[redacted]' } }],
		});
		expect(created.status).toBe(400);
		expect(created.body.errors[0].message).toContain('actions[0].options.secret');

		const action = await api('POST', '/items/workflow_actions', { name: 'Masked saved webhook', type: 'webhook', options: { url: 'https://hooks.example/y', headers: { Authorization: '[redacted]' } } });
		expect(action.status).toBe(400);
		expect(action.body.errors[0].message).toContain('options.headers.Authorization');
	});

	it('of a saved action are masked on read and kept when the mask is sent back', async () => {
		const action = await data<{ id: string }>('POST', '/items/workflow_actions', { name: 'Saved signed webhook', type: 'webhook', options: { url: receiver.url('/saved-kept'), secret: PLAIN_SECRET } });
		try {
			const read = await data<{ options: Record<string, unknown> }>('GET', `/items/workflow_actions/${action.id}`);
			expect(read.options['secret']).toBe('[redacted]');
			const saved = await api('PATCH', `/items/workflow_actions/${action.id}`, { name: 'Saved signed webhook (renamed)', options: read.options });
			expect(saved.status, JSON.stringify(saved.body)).toBe(200);
			const rule = await createRule({ name: 'Uses the saved signed webhook', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Saved town' } }, actions: [{ use: action.id }] });
			await lead('Saved town');
			const [request] = await arrived('/saved-kept');
			expect(() => verify(plainKey(PLAIN_SECRET), request!)).not.toThrow();
			await data('DELETE', `/items/workflow_rules/${rule}`);
		} finally {
			await api('DELETE', `/items/workflow_actions/${action.id}`);
		}
	});

	it('never appear in the validate or dry-run responses', async () => {
		const id = await lead('Dry town');
		const rule = {
			name: 'Dry webhook',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: null,
			actions: [
				{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://hooks.example/x', secret: PLAIN_SECRET, headers: { Authorization: `Bearer ${PLAIN_SECRET}` } } },
				{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://hooks.example/y', secret: '$env.CONTRACTOR_SECRET' } },
			],
		};

		const validated = await api('POST', '/workflows/rules/validate', rule);
		const tested = await api('POST', '/workflows/rules/test', { rule, item: id, event: 'created' });
		for (const response of [validated, tested]) {
			expect(response.status).toBe(200);
			expect(JSON.stringify(response.body)).not.toContain(PLAIN_SECRET);
			expect(response.body.data.rule.actions.map((action: { options: Record<string, unknown> }) => action.options.secret)).toEqual(['[redacted]', '$env.CONTRACTOR_SECRET']);
		}
		expect(tested.body.data.actions).toMatchObject([{ would_run: true }, { would_run: true }]);
	});
});

describe('on a Directus with its own settings (WORKFLOW_WEBHOOK_ALLOW, WORKFLOW_MAX_ATTEMPTS=3, a secret in its environment)', () => {
	const ENV_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
	let instance: ScratchInstance;
	let loopback2: Receiver;
	const call = instanceApi(() => instance);

	beforeAll(async () => {
		loopback2 = await startReceiver('127.0.0.2');
		instance = await startScratchInstance({
			pgUrl: process.env['TEST_PG_URL'] || undefined,
			seed: false,
			env: { WORKFLOW_POLL_INTERVAL_MS: '200', WORKFLOW_MAX_ATTEMPTS: '3', CONTRACTOR_SECRET: ENV_SECRET },
		});
	}, 240_000);

	afterAll(async () => {
		await instance?.stop(path.join('test-results', `directus-webhook-${instance.dbClient}.log`));
		await loopback2?.close();
	}, 60_000);

	async function scratchRule(town: string, urls: string[], options: Record<string, unknown> = {}): Promise<string> {
		const rule = await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Webhook ${town}`,
			status: 'active',
			collection: 'leads',
			execution: 'every_time',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: town } },
			actions: urls.map((url) => ({ type: 'webhook', timing: { type: 'instant' }, options: { url, ...options } })),
		});
		await call('POST', '/items/leads', { name: `Lead of ${town}`, city: town });
		return rule.id;
	}

	const scratchJobs = (rule: string, count: number) =>
		eventually(
			() => call<WebhookJob[]>('GET', `/items/workflow_jobs?limit=-1&sort=action_index&filter[rule][_eq]=${rule}`),
			(jobs) => jobs.length >= count && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'),
			30_000,
			`jobs of rule ${rule}`,
		);

	it('refuses 127.0.0.2 and a host name resolving to a loopback address while they are not listed, reaches both once they are', async () => {
		const unlisted = await scratchRule('Unlisted town', [loopback2.url('/unlisted'), receiver.url('/unlisted', 'localhost')]);
		const refused = await scratchJobs(unlisted, 2);
		expect(refused).toMatchObject([
			{ status: 'failed', attempts: 1, error_class: 'ssrf' },
			{ status: 'failed', attempts: 1, error_class: 'ssrf' },
		]);
		expect(refused[0]!.last_error).toMatch(/^refused to connect to 127\.0\.0\.2: .*WORKFLOW_WEBHOOK_ALLOW/);
		expect(refused[1]!.last_error).toMatch(/^refused to connect to 127\.0\.0\.1 \(localhost\): .*WORKFLOW_WEBHOOK_ALLOW/);
		expect([...loopback2.received('/unlisted'), ...receiver.received('/unlisted')]).toEqual([]);

		await instance.restart({ WORKFLOW_WEBHOOK_ALLOW: 'localhost, 127.0.0.2/32' });
		const listed = await scratchRule('Listed town', [loopback2.url('/listed'), receiver.url('/listed', 'localhost')]);
		expect(await scratchJobs(listed, 2)).toMatchObject([
			{ status: 'succeeded', attempts: 1 },
			{ status: 'succeeded', attempts: 1 },
		]);
		expect(loopback2.received('/listed')).toHaveLength(1);
		expect(receiver.received('/listed')).toHaveLength(1);
		// Listing the name `localhost` is not listing every address: 127.0.0.1 itself stays refused.
		const byAddress = await scratchRule('Address town', [receiver.url('/by-address')]);
		expect(await scratchJobs(byAddress, 1)).toMatchObject([{ status: 'failed', error_class: 'ssrf' }]);
	}, 120_000);

	it('signs with a $env.NAME secret read from the environment', async () => {
		const rule = await scratchRule('Env secret town', [receiver.url('/env-signed', 'localhost')], { secret: '$env.CONTRACTOR_SECRET' });
		const [job] = await scratchJobs(rule, 1);
		const [request] = receiver.received('/env-signed');
		expect(job).toMatchObject({ status: 'succeeded' });
		expect(verify(ENV_SECRET, request!)).toMatchObject({ event: { name: 'created' }, record: { city: 'Env secret town' } });
		expect(request!.headers['webhook-id']).toBe(job!.idempotency_key);
		const [run] = await call<{ rule_snapshot: { actions: { options: { secret: string } }[] } }[]>('GET', `/items/workflow_runs?filter[rule][_eq]=${rule}`);
		expect(run!.rule_snapshot.actions[0]!.options.secret).toBe('$env.CONTRACTOR_SECRET');
	});

	it('ends failed after WORKFLOW_MAX_ATTEMPTS when the receiver always answers 500', async () => {
		receiver.answer('/down', () => ({ status: 500, body: 'down for maintenance' }));
		const rule = await scratchRule('Down town', [receiver.url('/down', 'localhost')]);
		const [job] = await scratchJobs(rule, 1);
		expect(job).toMatchObject({ status: 'failed', attempts: 3, error_class: 'http', error_status: 500 });
		expect(job!.last_error).toContain('answered 500: down for maintenance');
		expect(receiver.received('/down')).toHaveLength(3);
		expect(new Set(receiver.received('/down').map((request) => request.headers['webhook-id'])).size).toBe(1);
	});
});
