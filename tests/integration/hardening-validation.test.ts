/**
 * Input the engine must refuse with a 400 naming the path instead of storing it or failing with a
 * 500 (filters too deep or too large, durations beyond any calendar, prototype keys, oversized
 * texts, far-away dates), and what a role that only reads rules may not see or do.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, count, data, type ApiResponse } from '../support/api.js';
import { roleUser } from '../support/roles.js';
import { cleanUpRules, createRule, settledJobs } from '../support/rules.js';

cleanUpRules();

const VALID = {
	name: 'Hardening probe',
	status: 'active',
	collection: 'appointments',
	trigger: { type: 'event', events: ['scheduled'] },
	conditions: { service: { name: { _eq: 'Lawn care' } } },
	execution: 'every_time',
	actions: [{ type: 'email', timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, options: { to: ['owner'], subject: 'See you tomorrow', body: 'Hello' } }],
};

interface Refusal {
	errors: { message: string; extensions: { code: string; path?: string; field?: string } }[];
}

/** `{ _and: [{ _and: [ … { status: { _eq: "scheduled" } } … ] }] }`, `levels` deep. */
function nestedFilter(levels: number): Record<string, unknown> {
	let filter: Record<string, unknown> = { status: { _eq: 'scheduled' } };
	for (let level = 0; level < levels; level++) filter = { _and: [filter] };
	return filter;
}

/**
 * The same filter as JSON text: thousands of levels overflow JSON.stringify in the test itself, so
 * such a rule is sent as text built level by level.
 */
function nestedFilterJson(levels: number): string {
	return `${'{"_and":['.repeat(levels)}{"status":{"_eq":"scheduled"}}${']}'.repeat(levels)}`;
}

/** A request whose JSON body is `fields` over VALID, with `conditions` given as JSON text. */
async function sendWithConditions(method: string, path: string, conditionsJson: string, fields: Record<string, unknown> = VALID): Promise<ApiResponse<Refusal>> {
	const body = JSON.stringify({ ...fields, conditions: null }).replace('"conditions":null', `"conditions":${conditionsJson}`);
	const response = await fetch(`${inject('directusUrl')}${path}`, { method, headers: { authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' }, body });
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : null) as Refusal };
}

function expectRefusedAt(response: { status: number; body: Refusal }, path: string): void {
	expect(response.status, JSON.stringify(response.body).slice(0, 1000)).toBe(400);
	const paths = response.body.errors.map((error) => error.extensions.path ?? error.extensions.field ?? '');
	expect(paths.some((found) => found === path || found.startsWith(`${path}.`) || found.startsWith(`${path}[`)), `${paths.join(', ')} names ${path}`).toBe(true);
}

const CASES: [string, Record<string, unknown>, string][] = [
	['a filter nested 1,000 levels deep', { conditions: nestedFilter(1000) }, 'conditions'],
	['a filter nested 30 levels deep', { conditions: nestedFilter(30) }, 'conditions'],
	['previous conditions nested 1,000 levels deep', { previous_conditions: nestedFilter(1000) }, 'previous_conditions'],
	['a filter of more than 64 KB', { conditions: { title: { _in: Array.from({ length: 7000 }, (_, index) => `title ${index}`) } } }, 'conditions'],
	['an offset of 300,000 years', { actions: [{ ...VALID.actions[0], timing: { type: 'relative_to_field', field: 'start_at', offset: 'P300000Y' } }] }, 'actions[0].timing.offset'],
	['an offset of 101 years', { actions: [{ ...VALID.actions[0], timing: { type: 'relative_to_field', field: 'start_at', offset: '-P101Y' } }] }, 'actions[0].timing.offset'],
	['an offset in a hundred billion hours', { actions: [{ ...VALID.actions[0], timing: { type: 'relative_to_field', field: 'start_at', offset: 'PT100000000000H' } }] }, 'actions[0].timing.offset'],
	['a task due in 300,000 years', { collection: 'contacts', conditions: null, trigger: { type: 'event', events: ['created'] }, actions: [{ type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Call', due_in: 'P300000Y' } }] }, 'actions[0].options.due_in'],
	['a date trigger 300,000 years off', { collection: 'contacts', conditions: null, trigger: { type: 'date', field: 'subscription_date', offset: 'P300000Y' }, actions: [] }, 'trigger.offset'],
	['the collection "constructor"', { collection: 'constructor', conditions: null, actions: [] }, 'collection'],
	['the collection "__proto__"', { collection: '__proto__', conditions: null, actions: [] }, 'collection'],
	['a name of 1,000,000 characters', { name: 'n'.repeat(1_000_000) }, 'name'],
	['a name of 256 characters', { name: 'n'.repeat(256) }, 'name'],
	['a description of 10,001 characters', { description: 'd'.repeat(10_001) }, 'description'],
	['actions of more than 64 KB', { actions: [{ ...VALID.actions[0], options: { ...VALID.actions[0]!.options, body: 'b'.repeat(70_000) } }] }, 'actions'],
	['more than 50 actions', { actions: Array.from({ length: 51 }, () => VALID.actions[0]) }, 'actions'],
	['update values nested 1,000 levels deep', { collection: 'contacts', conditions: null, trigger: { type: 'event', events: ['created'] }, actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { city: nestedFilter(1000) } } }] }, 'actions'],
];

describe('rule limits', () => {
	it.each(CASES)('refuses %s on create with a 400 naming the path', async (_name, change, path) => {
		const before = await count('workflow_rules');
		const response = await api<Refusal>('POST', '/items/workflow_rules', { ...VALID, ...change });
		expectRefusedAt(response, path);
		expect(response.body.errors.every((error) => error.extensions.code === 'INVALID_RULE')).toBe(true);
		expect(await count('workflow_rules')).toBe(before);
	});

	it.each(CASES)('POST /workflows/rules/validate refuses %s the same way', async (_name, change, path) => {
		expectRefusedAt(await api<Refusal>('POST', '/workflows/rules/validate', { ...VALID, ...change }), path);
	});

	it.each([5_000, 20_000])('refuses a filter nested %i levels deep with a 400, on create, validate and update', async (levels) => {
		const before = await count('workflow_rules');
		expectRefusedAt(await sendWithConditions('POST', '/items/workflow_rules', nestedFilterJson(levels)), 'conditions');
		expect(await count('workflow_rules')).toBe(before);
		expectRefusedAt(await sendWithConditions('POST', '/workflows/rules/validate', nestedFilterJson(levels)), 'conditions');

		const id = await createRule(VALID);
		expectRefusedAt(await sendWithConditions('PATCH', `/items/workflow_rules/${id}`, nestedFilterJson(levels), {}), 'conditions');
		expect((await data<{ conditions: unknown }>('GET', `/items/workflow_rules/${id}?fields=conditions`)).conditions).toEqual(VALID.conditions);
	});

	it('accepts each limit itself and refuses one step past it', async () => {
		const atLimit = { ...VALID, name: 'n'.repeat(255), description: 'd'.repeat(10_000), conditions: nestedFilter(15), actions: [{ ...VALID.actions[0], timing: { type: 'relative_to_field', field: 'start_at', offset: '-P100Y' } }] };
		const accepted = await api('POST', '/workflows/rules/validate', atLimit);
		expect(accepted.status, JSON.stringify(accepted.body).slice(0, 1000)).toBe(200);

		expectRefusedAt(await api<Refusal>('POST', '/workflows/rules/validate', { ...atLimit, conditions: nestedFilter(16) }), 'conditions');
		expectRefusedAt(await api<Refusal>('POST', '/workflows/rules/validate', { ...atLimit, actions: [{ ...atLimit.actions[0], timing: { type: 'relative_to_field', field: 'start_at', offset: '-P100YT1S' } }] }), 'actions[0].timing.offset');
	});
});

describe('quick action "until a date"', () => {
	let service: string;

	beforeAll(async () => {
		service = (await data<{ id: string }>('POST', '/items/services', { name: `Until probe ${randomBytes(4).toString('hex')}`, status: 'active' })).id;
	});

	afterAll(async () => {
		await api('DELETE', `/items/services/${service}`);
	});

	it.each(['9999-12-31', '+275760-09-13T00:00:00Z', `${new Date().getUTCFullYear() + 1}-02-31`])('refuses until %s with a 400 naming until, leaving the service available', async (until) => {
		expectRefusedAt(await api<Refusal>('POST', `/workflows/services/${service}/unavailable`, { preset: 'until_date', until }), 'until');
		expect((await data<{ unavailable_until: string | null }>('GET', `/items/services/${service}?fields=unavailable_until`)).unavailable_until).toBeNull();
	});

	it('refuses a date more than ten years ahead and accepts one within', async () => {
		const year = new Date().getUTCFullYear();
		expectRefusedAt(await api<Refusal>('POST', `/workflows/services/${service}/unavailable`, { preset: 'until_date', until: `${year + 11}-01-01` }), 'until');
		const marked = await api('POST', `/workflows/services/${service}/unavailable`, { preset: 'until_date', until: `${year + 9}-01-01` });
		expect(marked.status).toBe(200);
		expect(new Date(marked.body.data.unavailable_until).getUTCFullYear()).toBe(year + 9);
		await data('POST', `/workflows/services/${service}/available`);
	});
});

describe('a role that only reads rules', () => {
	const readerRole = roleUser('Rule reader', [{ collection: 'workflow_rules', action: 'read' }], { appAccess: true });
	let reader: string;
	beforeAll(() => {
		reader = readerRole.token;
	});

	it('replays a job only once its policy lets it update jobs, and never sees the previous values', async () => {
		expect((await api('GET', '/items/workflow_rules?limit=1', undefined, reader)).status).toBe(200);
		const rule = await createRule({
			name: 'Fails on purpose',
			collection: 'accounts',
			trigger: { type: 'event', events: ['created'] },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { city: '{{ record.city | nope }}' } } }],
		});
		const account = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Replay probe', city: 'Salem' })).id;
		const [failed] = await settledJobs(rule, account, 1);
		expect(failed!.status).toBe('failed');

		expect((await api('POST', `/workflows/jobs/${failed!.id}/retry`, undefined, reader)).status).toBe(403);
		expect((await data<{ status: string }[]>('GET', `/items/workflow_jobs?filter[id][_eq]=${failed!.id}&fields=status`))[0]!.status).toBe('failed');

		// Directus decides: once the role's policy lets it update jobs, the same call replays the job.
		await data('POST', '/permissions', { policy: readerRole.policy, collection: 'workflow_jobs', action: 'update', fields: ['*'], permissions: {} });
		const replayed = await api('POST', `/workflows/jobs/${failed!.id}/retry`, undefined, reader);
		expect(replayed.status, JSON.stringify(replayed.body)).toBe(200);
		expect(replayed.body.data).toMatchObject({ id: failed!.id });
		expect(replayed.body.data).not.toHaveProperty('context');
		// The permission probe is no edit of the job: no revision keeps a copy of it (context included).
		expect(await data('GET', `/revisions?filter[collection][_eq]=workflow_jobs&filter[item][_eq]=${failed!.id}`)).toEqual([]);
		await settledJobs(rule, account, 1);
		await api('DELETE', `/items/accounts/${account}`);
	});

	it('sees the health status and version, but not the instance or runtime details', async () => {
		const health = await api('GET', '/workflows/health', undefined, reader);
		expect(health.status).toBe(200);
		expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String) });
		expect(health.body).not.toHaveProperty('instance');
		expect(health.body).not.toHaveProperty('hook');

		const admin = await api('GET', '/workflows/health');
		expect(admin.body).toHaveProperty('instance');
		expect(admin.body).toHaveProperty('hook');
	});
});
