/**
 * Rule actions write as the automation user: Directus validates their values, the automation
 * role's permissions apply (at save time and when the job runs), and activity and revisions
 * name the user and the rule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { cleanUpRules, createRule, eventually, jobsOf, settledJobs } from '../support/rules.js';

cleanUpRules();

const AUTOMATION_EMAIL = 'automation@workflow-rules.example.com';

async function automationUser(): Promise<{ id: string; role: string }> {
	const [user] = await data<{ id: string; role: string }[]>('GET', `/users?filter[email][_eq]=${encodeURIComponent(AUTOMATION_EMAIL)}&fields=id,role`);
	if (!user) throw new Error(`no user ${AUTOMATION_EMAIL}`);
	return user;
}

describe('the automation user', () => {
	it('exists with API access only, and its role’s policy grants no app or admin access', async () => {
		const { role } = await automationUser();
		const policies = await data<{ policy: { app_access: boolean; admin_access: boolean } }[]>('GET', `/access?filter[role][_eq]=${role}&fields=policy.app_access,policy.admin_access`);
		expect(policies.length).toBeGreaterThan(0);
		expect(policies.every(({ policy }) => !policy.app_access && !policy.admin_access)).toBe(true);
	});

	it('is who a rule’s update_fields write shows as, in activity and revisions, with the rule named', async () => {
		const rule = await createRule({
			name: 'Qualify on creation',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: 'Activity town' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: 'qualified' } } }],
		});
		const lead = (await data<{ id: string }>('POST', '/items/leads', { name: 'Audited lead', city: 'Activity town', status: 'new' })).id;

		const [job] = await settledJobs(rule, lead, 1);
		expect(job).toMatchObject({ status: 'succeeded' });

		const activity = await data<{ id: number; user: string; user_agent: string; origin: string }[]>(
			'GET',
			`/activity?filter[collection][_eq]=leads&filter[item][_eq]=${lead}&filter[action][_eq]=update&fields=id,user,user_agent,origin`,
		);
		expect(activity).toHaveLength(1);
		expect(activity[0]).toMatchObject({ user: (await automationUser()).id, user_agent: `workflow-rules rule ${rule}`, origin: 'workflow-rules' });

		const revisions = await data<{ delta: Record<string, unknown> }[]>('GET', `/revisions?filter[activity][_eq]=${activity[0]!.id}&fields=delta`);
		expect(revisions).toHaveLength(1);
		expect(revisions[0]!.delta).toMatchObject({ status: 'qualified' });
	});

	it('cannot store a value the field’s validation refuses: the job fails at once and the record keeps its value', async () => {
		const rule = await createRule({
			name: 'Status from the title',
			collection: 'appointments',
			trigger: { type: 'event', events: ['created'] },
			conditions: { title: { _eq: 'bogus' } },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: '{{ record.title }}' } } }],
		});
		const appointment = (await data<{ id: string }>('POST', '/items/appointments', { title: 'bogus', ...(await slot('Lawn care')), status: 'scheduled' })).id;

		const [job] = await settledJobs(rule, appointment, 1);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/status/) });
		expect((await data<{ status: string }>('GET', `/items/appointments/${appointment}?fields=status`)).status).toBe('scheduled');
	});
});

describe('when an admin narrows the automation role', () => {
	let removed: Record<string, unknown> | null = null;

	afterAll(async () => {
		if (removed) await data('POST', '/permissions', removed);
	});

	it('rules writing what it may no longer update are refused at save, and a queued job fails clearly', async () => {
		const queued = await createRule({
			name: 'Close deals later',
			collection: 'deals',
			trigger: { type: 'event', events: ['created'] },
			conditions: { name: { _eq: 'Narrowed deal' } },
			actions: [{ type: 'update_fields', timing: { type: 'after_trigger', offset: 'PT4S' }, options: { values: { stage: 'closed_lost' } } }],
		});
		const deal = (await data<{ id: string }>('POST', '/items/deals', { name: 'Narrowed deal', stage: 'proposal' })).id;
		await eventually(() => jobsOf(queued, deal), (jobs) => jobs.length === 1, 15_000, 'the queued job');

		const { role } = await automationUser();
		const policies = (await data<{ policy: string }[]>('GET', `/access?filter[role][_eq]=${role}&fields=policy`)).map(({ policy }) => policy);
		const permissions = await data<Record<string, unknown>[]>(
			'GET',
			`/permissions?filter[policy][_in]=${policies.join(',')}&filter[collection][_eq]=deals&filter[action][_eq]=update&fields=id,policy,collection,action,fields,permissions,validation,presets`,
		);
		expect(permissions).toHaveLength(1);
		const { id, ...permission } = permissions[0]!;
		await data('DELETE', `/permissions/${id}`);
		removed = permission;

		const [job] = await settledJobs(queued, deal, 1);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining(`${AUTOMATION_EMAIL}) may not make this write`) });
		expect((await data<{ stage: string }>('GET', `/items/deals/${deal}?fields=stage`)).stage).toBe('proposal');

		const refused = await api('POST', '/items/workflow_rules', {
			name: 'Tag and close deals',
			status: 'active',
			collection: 'deals',
			execution: 'every_time',
			trigger: { type: 'event', events: ['created'] },
			conditions: null,
			actions: [
				{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { stage: 'closed_won' } } },
				{ type: 'tag', timing: { type: 'instant' }, options: { add: ['won'] } },
			],
		});
		expect(refused.status).toBe(400);
		expect(refused.body.errors.map((error: { message: string }) => error.message)).toEqual([
			`actions[0].options.values.stage: the automation user (${AUTOMATION_EMAIL}) may not update deals.stage`,
			`actions[1].options: the automation user (${AUTOMATION_EMAIL}) may not update deals.tags`,
		]);

		// An existing rule can still be switched off, though no longer saved active.
		expect((await api('PATCH', `/items/workflow_rules/${queued}`, { name: 'Close deals later (renamed)' })).status).toBe(400);
		expect((await api('PATCH', `/items/workflow_rules/${queued}`, { status: 'inactive' })).status).toBe(200);
	});
});
