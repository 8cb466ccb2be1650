/**
 * SPEC §8 tools around rules: the dry run, the usage report, job replay, and rule changes made by
 * another instance sharing the database.
 */
import knex from 'knex';
import { inject, describe, expect, it } from 'vitest';
import { api, count, data } from '../support/api.js';
import { roleUser } from '../support/roles.js';
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

	// Roles for the report: rules only; rules and jobs; runs and jobs but no rules.
	const ruleReader = roleUser('Usage test rule reader', [{ collection: 'workflow_rules', action: 'read' }]);
	const jobReader = roleUser('Usage test rule and job reader', [{ collection: 'workflow_rules', action: 'read' }, { collection: 'workflow_jobs', action: 'read' }]);
	const auditOnly = roleUser('Usage test audit reader', [{ collection: 'workflow_runs', action: 'read' }, { collection: 'workflow_jobs', action: 'read' }]);

	it('shows each caller only what their own permissions let them read', async () => {
		const tagRule = (name: string, city: string) => createRule({ name, collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: city } }, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['counted'] } }] });
		const kept = await tagRule('Usage scope kept', 'Usageton');
		// A job without a rule (its rule deleted, as a Flow operation's never had one).
		const gone = await tagRule('Usage scope gone', 'Goneville');
		await settledJobs(kept, (await data<{ id: string }>('POST', '/items/accounts', { name: 'Scoped', city: 'Usageton' })).id, 1);
		await settledJobs(gone, (await data<{ id: string }>('POST', '/items/accounts', { name: 'Orphaned', city: 'Goneville' })).id, 1);
		expect((await api('DELETE', `/items/workflow_rules/${gone}`)).status).toBe(204);

		type Row = { rule: string | null; name: string | null; actions: Record<string, number> };
		const report = async (token: string) => {
			const response = await api<{ data: Row[] }>('GET', '/workflows/usage', undefined, token);
			expect(response.status).toBe(200);
			return response.body.data;
		};

		// No read on workflow_rules: refused as GET /items/workflow_rules is, no name in the answer.
		const refused = await api('GET', '/workflows/usage', undefined, auditOnly.token);
		expect(refused.status).toBe(403);
		expect((await api('GET', '/items/workflow_rules', undefined, auditOnly.token)).status).toBe(403);
		expect(JSON.stringify(refused.body)).not.toContain('Usage scope');

		// Rules but not jobs: the rules' rows, no rows of jobs without a rule.
		const rulesOnly = await report(ruleReader.token);
		expect(rulesOnly).toContainEqual(expect.objectContaining({ rule: kept, name: 'Usage scope kept', actions: { succeeded: 1 } }));
		expect(rulesOnly.filter((row) => row.rule === null)).toEqual([]);
		expect(rulesOnly.every((row) => row.name !== null)).toBe(true);

		// Rules and jobs, and admins: those rows too.
		for (const rows of [await report(jobReader.token), await report(inject('adminToken'))]) {
			expect(rows).toContainEqual(expect.objectContaining({ rule: kept, name: 'Usage scope kept' }));
			expect(rows.filter((row) => row.rule === null).reduce((sum, row) => sum + (row.actions['succeeded'] ?? 0), 0)).toBeGreaterThanOrEqual(1);
		}
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
