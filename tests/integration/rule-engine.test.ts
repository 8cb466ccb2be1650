/**
 * SPEC §3 and §6: conditions (relational, from → to) with traces, execution modes under
 * concurrency, instant actions through durable jobs, cascades cut at WORKFLOW_MAX_DEPTH,
 * isolation of failing rules, and rules that apply as soon as they are saved.
 */
import { describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { cleanUpRules, createRule, eventually, jobsOf, newRuns, runsOf, settledJobs } from '../support/rules.js';

cleanUpRules();


async function lead(body: Record<string, unknown> = {}): Promise<string> {
	return (await data<{ id: string }>('POST', '/items/leads', { name: `Lead ${Math.random().toString(36).slice(2, 8)}`, ...body })).id;
}

async function tagsOf(collection: string, id: string): Promise<string[]> {
	return (await data<{ tags: string[] | null }>('GET', `/items/${collection}/${id}?fields=tags`)).tags ?? [];
}

describe('conditions', () => {
	it('match through a relational path and explain each leaf in the trace', async () => {
		const rule = await createRule({
			name: 'Lawn care booked',
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled'] },
			conditions: { service: { name: { _eq: 'Lawn care' } } },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['lawn'] } }],
		});

		const lawn = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Mow', ...(await slot('Lawn care')), status: 'scheduled' })).id;
		const other = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Clean', ...(await slot('Home deep cleaning')), status: 'scheduled' })).id;

		const [matched] = await newRuns(rule, lawn, 0);
		expect(matched).toMatchObject({ outcome: 'matched', event: 'scheduled', trace: { conditions: { kind: 'leaf', path: 'service.name', operator: '_eq', expected: 'Lawn care', actual: 'Lawn care', result: true } } });
		await settledJobs(rule, lawn, 1);
		expect(await tagsOf('appointments', lawn)).toEqual(['lawn']);

		const [unmatched] = await newRuns(rule, other, 0);
		expect(unmatched).toMatchObject({ outcome: 'not_matched', trace: { conditions: { path: 'service.name', actual: 'Home deep cleaning', result: false } } });
		expect(await jobsOf(rule, other)).toEqual([]);
		expect(await tagsOf('appointments', other)).toEqual([]);
	});

	it('express "from X to Y" with previous_conditions', async () => {
		const rule = await createRule({
			name: 'Won after negotiation',
			collection: 'deals',
			trigger: { type: 'event', events: ['updated'] },
			previous_conditions: { stage: { _eq: 'negotiation' } },
			conditions: { stage: { _eq: 'closed_won' } },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['negotiated-win'] } }],
		});

		const negotiated = (await data<{ id: string }>('POST', '/items/deals', { name: 'Negotiated', stage: 'negotiation' })).id;
		const direct = (await data<{ id: string }>('POST', '/items/deals', { name: 'Direct', stage: 'proposal' })).id;
		await data('PATCH', `/items/deals/${negotiated}`, { stage: 'closed_won' });
		await data('PATCH', `/items/deals/${direct}`, { stage: 'closed_won' });

		const [won] = await newRuns(rule, negotiated, 0);
		expect(won!.outcome).toBe('matched');
		expect(won!.trace.previous_conditions).toMatchObject({ path: 'stage', actual: 'negotiation', result: true });
		await settledJobs(rule, negotiated, 1);
		expect(await tagsOf('deals', negotiated)).toEqual(['negotiated-win']);

		const [skipped] = await newRuns(rule, direct, 0);
		expect(skipped).toMatchObject({ outcome: 'not_matched', trace: { conditions: { result: true }, previous_conditions: { actual: 'proposal', result: false } } });
		expect(await tagsOf('deals', direct)).toEqual([]);
	});
});

describe('execution modes', () => {
	const highPriority = (execution: string) =>
		createRule({ name: `High priority (${execution})`, collection: 'leads', execution, trigger: { type: 'event', events: ['updated'] }, conditions: { priority: { _eq: 'high' } } });

	it('every_time fires on each matching write', async () => {
		const rule = await highPriority('every_time');
		const id = await lead({ priority: 'high' });
		await data('PATCH', `/items/leads/${id}`, { score: 1 });
		await newRuns(rule, id, 0);
		await data('PATCH', `/items/leads/${id}`, { score: 2 });
		await newRuns(rule, id, 1);
		expect((await runsOf(rule, id)).map((run) => run.outcome)).toEqual(['matched', 'matched']);
	});

	it('first_time fires only the first time the conditions hold', async () => {
		const rule = await highPriority('first_time');
		const id = await lead({ priority: 'normal' });
		for (const [index, body] of [{ score: 1 }, { priority: 'high' }, { score: 2 }, { priority: 'normal' }, { priority: 'high' }].entries()) {
			await data('PATCH', `/items/leads/${id}`, body);
			await newRuns(rule, id, index);
		}
		expect((await runsOf(rule, id)).map((run) => run.outcome)).toEqual(['not_matched', 'matched', 'skipped', 'not_matched', 'skipped']);
	});

	it('on_change fires each time the conditions go from false to true', async () => {
		const rule = await highPriority('on_change');
		const id = await lead({ priority: 'normal' });
		for (const [index, body] of [{ priority: 'high' }, { score: 3 }, { priority: 'low' }, { priority: 'high' }].entries()) {
			await data('PATCH', `/items/leads/${id}`, body);
			await newRuns(rule, id, index);
		}
		expect((await runsOf(rule, id)).map((run) => run.outcome)).toEqual(['matched', 'skipped', 'not_matched', 'matched']);
	});

	it('first_time holds under 10 concurrent updates', async () => {
		const rule = await createRule({
			name: 'First high priority',
			collection: 'leads',
			execution: 'first_time',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { priority: { _eq: 'high' } },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['escalated'] } }],
		});
		const id = await lead({ priority: 'high' });

		const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => api('PATCH', `/items/leads/${id}`, { score: i + 1 })));
		expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));

		// The tag job's own write is one more (skipped) evaluation, one level down the cascade.
		const runs = await eventually(() => runsOf(rule, id), (runs) => runs.filter((run) => run.depth === 0).length === 10, 20_000, '10 runs');
		const userRuns = runs.filter((run) => run.depth === 0);
		expect(userRuns.filter((run) => run.outcome === 'matched')).toHaveLength(1);
		expect(userRuns.filter((run) => run.outcome === 'skipped')).toHaveLength(9);
		expect(await settledJobs(rule, id, 1)).toHaveLength(1);
		expect(await tagsOf('leads', id)).toEqual(['escalated']);
	});
});

describe('instant actions and cascades', () => {
	it('update_fields writes the record through a durable job, after the write commits', async () => {
		const rule = await createRule({
			name: 'Qualify hot leads',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { score: { _gte: 80 } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: 'qualified', city: '{{ record.city | upcase }}' } } }],
		});
		const id = await lead({ score: 91, city: 'Cambridge' });

		const [job] = await settledJobs(rule, id, 1);
		expect(job).toMatchObject({ status: 'succeeded', action_type: 'update_fields', attempts: 1, depth: 1 });
		expect(await data('GET', `/items/leads/${id}?fields=status,city`)).toEqual({ status: 'qualified', city: 'CAMBRIDGE' });
	});

	it('a loop between two rules is cut at WORKFLOW_MAX_DEPTH and the run says so', async () => {
		const ping = await createRule({
			name: 'Ping',
			collection: 'leads',
			trigger: { type: 'event', events: ['updated'], fields: ['city'] },
			conditions: { tags: { _contains: 'loop' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { phone: '{{ record.phone }}a' } } }],
		});
		const pong = await createRule({
			name: 'Pong',
			collection: 'leads',
			trigger: { type: 'event', events: ['updated'], fields: ['phone'] },
			conditions: { tags: { _contains: 'loop' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { city: '{{ record.city }}b' } } }],
		});
		const id = await lead({ tags: ['loop'], city: 'x', phone: 'y' });
		await data('PATCH', `/items/leads/${id}`, { city: 'start' });

		const cut = await eventually(() => runsOf(pong, id), (runs) => runs.some((run) => run.outcome === 'depth_limit'), 20_000, 'the cascade cut');
		expect(cut.find((run) => run.outcome === 'depth_limit')).toMatchObject({ depth: 5, message: expect.stringContaining('WORKFLOW_MAX_DEPTH') });

		const jobs = [...(await settledJobs(ping, id)), ...(await settledJobs(pong, id))];
		expect(jobs).toHaveLength(5);
		expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
		expect(await data('GET', `/items/leads/${id}?fields=city,phone`)).toEqual({ city: 'startbb', phone: 'yaaa' });
	});
});

describe('isolation', () => {
	it('a failing rule never fails the write nor the other rules, and its failure is on the run log', async () => {
		const broken = await createRule({
			name: 'Broken template',
			collection: 'leads',
			sort: 1,
			trigger: { type: 'event', events: ['created'] },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { city: '{{ record.city | no_such_filter }}' } } }],
		});
		const healthy = await createRule({
			name: 'Healthy',
			collection: 'leads',
			sort: 2,
			trigger: { type: 'event', events: ['created'] },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['welcomed'] } }],
		});

		const response = await api('POST', '/items/leads', { name: 'Isolation probe', city: 'Quincy' });
		expect(response.status).toBe(200);
		const id = response.body.data.id as string;

		const [failed] = await settledJobs(broken, id, 1);
		expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/no_such_filter/) });
		await settledJobs(healthy, id, 1);
		expect(await tagsOf('leads', id)).toEqual(['welcomed']);
		expect((await data<{ city: string }>('GET', `/items/leads/${id}?fields=city`)).city).toBe('Quincy');
	});

	it('runs rules in ascending sort', async () => {
		const second = await createRule({ name: 'Second', collection: 'accounts', sort: 20, trigger: { type: 'event', events: ['created'] } });
		const first = await createRule({ name: 'First', collection: 'accounts', sort: 10, trigger: { type: 'event', events: ['created'] } });
		const id = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Sort probe' })).id;
		const [a] = await newRuns(first, id, 0);
		const [b] = await newRuns(second, id, 0);
		expect(a!.id).toBeLessThan(b!.id);
	});
});

describe('rules as items', () => {
	it('apply as soon as they are created, changed or deactivated over REST', async () => {
		const rule = await createRule({ name: 'Live', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Newton' } } });
		const first = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Live 1', city: 'Newton' })).id;
		expect((await newRuns(rule, first, 0))[0]!.outcome).toBe('matched');

		await data('PATCH', `/items/workflow_rules/${rule}`, { conditions: { city: { _eq: 'Boston' } } });
		const second = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Live 2', city: 'Newton' })).id;
		expect((await newRuns(rule, second, 0))[0]!.outcome).toBe('not_matched');

		await data('PATCH', `/items/workflow_rules/${rule}`, { status: 'inactive' });
		const third = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Live 3', city: 'Boston' })).id;
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(await runsOf(rule, third)).toEqual([]);
	});
});
