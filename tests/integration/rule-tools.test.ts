/**
 * SPEC §8 tools around rules: the dry run, the usage report, job replay, and rule changes made by
 * another instance sharing the database.
 */
import knex from 'knex';
import { inject, describe, expect, it } from 'vitest';
import { api, count, data } from '../support/api.js';
import { cleanUpRules, createRule, eventually, newRuns, runsOf, settledJobs } from '../support/rules.js';

cleanUpRules();

describe('dry run (POST /workflows/rules/test)', () => {
	const rule = {
		name: 'Boston contacts',
		collection: 'contacts',
		trigger: { type: 'event', events: ['updated'] },
		conditions: { _and: [{ city: { _eq: 'Boston' } }, { account: { name: { _nnull: true } } }] },
		actions: [
			{ type: 'tag', timing: { type: 'instant' }, options: { add: ['bostonian'] } },
			{ type: 'update_fields', timing: { type: 'after_trigger', offset: 'P5D' }, options: { values: { city: 'Boston, MA' } } },
		],
	};

	it('returns the trace and the actions a saved rule would run, and changes nothing', async () => {
		const id = await createRule(rule);
		const [contact] = await data<{ id: string; city: string; tags: string[] | null; account: { name: string } }[]>('GET', '/items/contacts?filter[city][_eq]=Boston&filter[account][_nnull]=true&fields=id,city,tags,account.name&limit=1');
		const runsBefore = await count('workflow_runs');
		const jobsBefore = await count('workflow_jobs');

		const response = await api('POST', '/workflows/rules/test', { rule_id: id, item: contact!.id, event: 'updated' });

		expect(response.status).toBe(200);
		const result = response.body.data;
		expect(result).toMatchObject({ listens: true, matched: true, event: 'updated', item: contact!.id });
		expect(result.trace.conditions).toMatchObject({ kind: 'and', result: true, children: [{ path: 'city', actual: 'Boston', result: true }, { path: 'account.name', actual: contact!.account.name, result: true }] });
		expect(result.actions.map((action: { type: string; would_run: boolean }) => [action.type, action.would_run])).toEqual([['tag', true], ['update_fields', true]]);
		expect(new Date(result.actions[1].due_at).getTime() - Date.now()).toBeGreaterThan(4.9 * 86_400_000);

		expect(await count('workflow_runs')).toBe(runsBefore);
		expect(await count('workflow_jobs')).toBe(jobsBefore);
		expect((await data<{ tags: string[] | null }>('GET', `/items/contacts/${contact!.id}?fields=tags`)).tags).toEqual(contact!.tags);
	});

	it('tests a posted rule that is not saved, and says why it would not run', async () => {
		const [contact] = await data<{ id: string }[]>('GET', '/items/contacts?filter[city][_neq]=Boston&fields=id&limit=1');
		const response = await api('POST', '/workflows/rules/test', { rule, item: contact!.id, event: 'created' });

		expect(response.status).toBe(200);
		expect(response.body.data).toMatchObject({ listens: false, matched: false });
		expect(response.body.data.actions[0]).toMatchObject({ would_run: false, reason: expect.stringContaining('does not listen') });
	});

	it('answers 400 naming the field for a bad request', async () => {
		const [contact] = await data<{ id: string }[]>('GET', '/items/contacts?fields=id&limit=1');
		const badEvent = await api('POST', '/workflows/rules/test', { rule, item: contact!.id, event: 'missed' });
		expect(badEvent.status).toBe(400);
		expect(badEvent.body.errors[0].message).toMatch(/^event: /);

		const badRule = await api('POST', '/workflows/rules/test', { rule: { ...rule, trigger: { type: 'event', events: ['nope'] } }, item: contact!.id });
		expect(badRule.status).toBe(400);
		expect(badRule.body.errors[0].extensions.path).toBe('trigger.events[0]');

		expect((await api('POST', '/workflows/rules/test', { rule, event: 'updated' })).status).toBe(400);
		expect((await api('POST', '/workflows/rules/test', { rule_id: '00000000-0000-4000-8000-000000000000', item: contact!.id })).status).toBe(404);
	});

	it('is refused to anonymous callers', async () => {
		expect((await api('POST', '/workflows/rules/test', { rule }, null)).status).toBe(403);
	});
});

describe('usage report (GET /workflows/usage)', () => {
	it('counts runs, matches and action outcomes per rule per day', async () => {
		const id = await createRule({
			name: 'Usage probe',
			collection: 'accounts',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: 'Somerville' } },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['counted'] } }],
		});
		const matching = (await data<{ id: string }>('POST', '/items/accounts', { name: 'U1', city: 'Somerville' })).id;
		await data('POST', '/items/accounts', { name: 'U2', city: 'Brookline' });
		await data('POST', '/items/accounts', { name: 'U3', city: 'Brookline' });
		await eventually(() => runsOf(id), (runs) => runs.length === 3, 15_000, 'three runs');
		await settledJobs(id, matching, 1);

		const response = await api('GET', `/workflows/usage?rule=${id}`);
		expect(response.status).toBe(200);
		expect(response.body.data).toEqual([
			expect.objectContaining({ rule: id, name: 'Usage probe', day: new Date().toISOString().slice(0, 10), runs: 3, matched: 1, not_matched: 2, actions: { succeeded: 1 } }),
		]);

		expect((await api('GET', '/workflows/usage?from=yesterday')).status).toBe(400);
	});
});

describe('job replay (POST /workflows/jobs/:id/retry)', () => {
	it('puts a failed job back in the queue and runs it again', async () => {
		const id = await createRule({
			name: 'Fails then mended',
			collection: 'accounts',
			trigger: { type: 'event', events: ['created'] },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { city: '{{ record.city | nope }}' } } }],
		});
		const account = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Replay', city: 'Quincy' })).id;
		const [failed] = await settledJobs(id, account, 1);
		expect(failed!.status).toBe('failed');

		expect((await api('POST', `/workflows/jobs/${failed!.id}/retry`)).status).toBe(200);
		const [again] = await settledJobs(id, account, 1);
		expect(again).toMatchObject({ id: failed!.id, status: 'failed', attempts: 1 });

		expect((await api('POST', '/workflows/jobs/999999/retry')).status).toBe(404);
		const succeeded = await createRule({ name: 'Fine', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['ok'] } }] });
		const other = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Fine' })).id;
		const [done] = await settledJobs(succeeded, other, 1);
		expect((await api('POST', `/workflows/jobs/${done!.id}/retry`)).status).toBe(400);
	});
});

describe('several instances', () => {
	it('a rule changed in the shared database by another instance applies here within a poll', async () => {
		const id = await createRule({ name: 'Shared', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Newton' } } });
		const first = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Before', city: 'Newton' })).id;
		expect((await newRuns(id, first, 0))[0]!.outcome).toBe('matched');

		// Another instance saving the rule writes the row; this instance hears nothing but the database.
		const db = knex({ ...inject('dbConnection'), useNullAsDefault: true } as knex.Knex.Config);
		try {
			await db('workflow_rules').where('id', id).update({ conditions: JSON.stringify({ city: { _eq: 'Boston' } }), date_updated: new Date() });
		} finally {
			await db.destroy();
		}

		await new Promise((resolve) => setTimeout(resolve, 600));
		const second = (await data<{ id: string }>('POST', '/items/accounts', { name: 'After', city: 'Newton' })).id;
		expect((await newRuns(id, second, 0))[0]!.outcome).toBe('not_matched');
	});
});
