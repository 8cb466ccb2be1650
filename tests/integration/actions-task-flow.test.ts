/**
 * The create_task and run_flow actions against a real Directus: tasks made as the automation user
 * about the record that fired, due in the CRM's time zone; Flows with an "Another Flow" trigger
 * started through Directus' own flow manager, which extensions reach only by importing it from
 * the Directus installation (directus/directus#21484). The Flow tests pin that seam: an upgrade
 * that moves or changes it fails them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../seeds/ids.js';
import { SAMPLE_RULES } from '../../seeds/rules.js';
import { api, data } from '../support/api.js';
import { cleanUpRules, createRule, jobsOf, newRuns, runsOf, settledJobs, type Job } from '../support/rules.js';

cleanUpRules();

const AUTOMATION_EMAIL = 'automation@workflow-rules.example.com';
const DAY_MS = 86_400_000;

interface ActionJob extends Job {
	result: Record<string, unknown> | null;
	error_class: string | null;
}

interface Task {
	id: string;
	subject: string;
	owner: string | null;
	due_date: string | null;
	status: string;
	priority: string;
	related_collection: string | null;
	related_item: string | null;
	description: string | null;
}

const deals: string[] = [];
const flows: string[] = [];

afterAll(async () => {
	for (const deal of deals) {
		const tasks = await data<{ id: string }[]>('GET', `/items/tasks?fields=id&filter[related_item][_eq]=${deal}`);
		if (tasks.length > 0) await api('DELETE', '/items/tasks', tasks.map((task) => task.id));
		await api('DELETE', `/items/deals/${deal}`);
	}
	for (const flow of flows) await api('DELETE', `/flows/${flow}`);
});

async function createDeal(values: Record<string, unknown>): Promise<string> {
	const { id } = await data<{ id: string }>('POST', '/items/deals', values);
	deals.push(id);
	return id;
}

async function automationUserId(): Promise<string> {
	const [user] = await data<{ id: string }[]>('GET', `/users?filter[email][_eq]=${encodeURIComponent(AUTOMATION_EMAIL)}&fields=id`);
	if (!user) throw new Error(`no user ${AUTOMATION_EMAIL}`);
	return user.id;
}

async function ownerOfSeededDeal(n: number): Promise<string> {
	return (await data<{ owner: string }>('GET', `/items/deals/${seedId(`deal:${n}`)}?fields=owner`)).owner;
}

async function tasksAbout(item: string): Promise<Task[]> {
	return data<Task[]>('GET', `/items/tasks?sort=date_created&filter[related_item][_eq]=${item}`);
}

async function crmTimezone(): Promise<string> {
	return (await data<{ timezone: string }>('GET', '/items/crm_settings')).timezone;
}

async function onlyJob(rule: string, item: string): Promise<ActionJob> {
	const [job, ...others] = (await settledJobs(rule, item, 1)) as ActionJob[];
	expect(others).toEqual([]);
	return job!;
}

/** The wall clock of `date` in `tz`, read as if it were UTC, in ms: Intl alone, not the code under test. */
function wallClock(date: Date, tz: string): number {
	const format = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
	const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, Number(part.value)]));
	return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
}

/** `due` shows, on the CRM's wall clock, `days` days after some moment between `from` and `to`. */
function expectDueDaysAfter(due: string | null, days: number, from: Date, to: Date, tz: string): void {
	expect(due).not.toBeNull();
	const local = wallClock(new Date(due!), tz) - days * DAY_MS;
	// Stored timestamps may drop milliseconds.
	expect(local).toBeGreaterThanOrEqual(wallClock(from, tz) - 1000);
	expect(local).toBeLessThanOrEqual(wallClock(to, tz) + 1000);
}

async function activityOf(collection: string, item: string, action: string): Promise<{ user: string; user_agent: string }[]> {
	return data('GET', `/activity?filter[collection][_eq]=${collection}&filter[item][_eq]=${item}&filter[action][_eq]=${action}&fields=user,user_agent`);
}

describe('create_task', () => {
	it('gives the record’s owner a task about the record, due in the CRM time zone, rendered, made by the automation user', async () => {
		const owner = await ownerOfSeededDeal(1);
		const contact = seedId('contact:1');
		const { first_name } = await data<{ first_name: string }>('GET', `/items/contacts/${contact}?fields=first_name`);
		const rule = await createRule({
			name: 'Task for a new proposal',
			collection: 'deals',
			trigger: { type: 'event', events: ['created'] },
			// A condition on owner.<field> reads the owner as an object without its key: the task still finds it.
			conditions: { _and: [{ name: { _eq: 'Task test – rooftop units' } }, { owner: { first_name: { _nnull: true } } }] },
			actions: [
				{
					type: 'create_task',
					timing: { type: 'instant' },
					options: { subject: 'Call about {{ record.name }}', owner: 'record_owner', due_in: 'P1D', priority: 'high', description: 'Now {{ record.stage }}: ask {{ record.contact.first_name }}.' },
				},
			],
		});

		const before = new Date();
		const deal = await createDeal({ name: 'Task test – rooftop units', stage: 'proposal', owner, contact });
		const job = await onlyJob(rule, deal);
		const after = new Date();
		expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });

		const [task, ...others] = await tasksAbout(deal);
		expect(others).toEqual([]);
		expect(job.result).toEqual({ task: task!.id });
		expect(task).toMatchObject({
			subject: 'Call about Task test – rooftop units',
			owner,
			status: 'open',
			priority: 'high',
			related_collection: 'deals',
			related_item: deal,
			description: `Now proposal: ask ${first_name}.`,
		});
		expectDueDaysAfter(task!.due_date, 1, before, after, await crmTimezone());

		expect(await activityOf('tasks', task!.id, 'create')).toEqual([{ user: await automationUserId(), user_agent: `workflow-rules rule ${rule}` }]);
		// The task is the action's only write: the deal itself is left as the user saved it.
		expect(await activityOf('deals', deal, 'update')).toEqual([]);
	});

	it('goes to the user the rule names, and a record value that looks like a template arrives as written', async () => {
		const [recordOwner, named] = [await ownerOfSeededDeal(1), await ownerOfSeededDeal(3)];
		expect(named).not.toBe(recordOwner);
		const name = 'Task test {{ 7 | times: 6 }}';
		const rule = await createRule({
			name: 'Task for a named user',
			collection: 'deals',
			trigger: { type: 'event', events: ['created'] },
			conditions: { name: { _eq: name } },
			actions: [{ type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Review', owner: named, description: 'Deal: {{ record.name }}' } }],
		});

		const deal = await createDeal({ name, stage: 'proposal', owner: recordOwner });
		expect(await onlyJob(rule, deal)).toMatchObject({ status: 'succeeded' });

		const [task] = await tasksAbout(deal);
		expect(task).toMatchObject({ subject: 'Review', owner: named, description: 'Deal: Task test {{ 7 | times: 6 }}', due_date: null, priority: 'normal' });
	});

	it('fails at once, making no task, when the named user does not exist', async () => {
		const rule = await createRule({
			name: 'Task for nobody',
			collection: 'deals',
			trigger: { type: 'event', events: ['created'] },
			conditions: { name: { _eq: 'Task test – ghost owner' } },
			actions: [{ type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Lost', owner: randomUUID() } }],
		});

		const deal = await createDeal({ name: 'Task test – ghost owner', stage: 'proposal' });
		const job = await onlyJob(rule, deal);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'refused' });
		expect(await tasksAbout(deal)).toEqual([]);
	});

	it('deal won → task for its owner, once (the seeded sample rule)', async () => {
		const sample = SAMPLE_RULES.find((rule) => rule['id'] === seedId('rule:deal-won'))!;
		const taskAction = (sample['actions'] as { type: string }[]).filter((action) => action.type === 'create_task');
		expect(taskAction).toHaveLength(1);
		const { id: _id, ...definition } = sample;
		const rule = await createRule({ ...definition, name: `${String(sample['name'])} (test copy)`, status: 'active', actions: taskAction });

		const owner = await ownerOfSeededDeal(3);
		const deal = await createDeal({ name: 'Task test – Fenway cafe cleaning', stage: 'negotiation', amount: 4100, owner });
		const [created] = await newRuns(rule, deal, 0);
		expect(created).toMatchObject({ matched: false });

		const before = new Date();
		await data('PATCH', `/items/deals/${deal}`, { stage: 'closed_won' });
		expect(await onlyJob(rule, deal)).toMatchObject({ status: 'succeeded' });
		const after = new Date();

		const [task] = await tasksAbout(deal);
		expect(task).toMatchObject({ subject: 'Kick off Task test – Fenway cafe cleaning', owner, priority: 'high', status: 'open', related_collection: 'deals', related_item: deal });
		expectDueDaysAfter(task!.due_date, 2, before, after, await crmTimezone());

		// Still won after a later edit: first_time, so no second task.
		const runs = (await runsOf(rule, deal)).length;
		await data('PATCH', `/items/deals/${deal}`, { amount: 4300 });
		await newRuns(rule, deal, runs);
		expect(await jobsOf(rule, deal)).toHaveLength(1);
		expect(await tasksAbout(deal)).toHaveLength(1);
	});
});

describe('run_flow', () => {
	/** A Flow with an "Another Flow" trigger whose one operation records, as a task, what it received. */
	async function createFlow(values: Record<string, unknown> = {}): Promise<string> {
		const flow = (await data<{ id: string }>('POST', '/flows', { name: 'Rule flow test', icon: 'bolt', status: 'active', trigger: 'operation', accountability: 'all', options: {}, ...values })).id;
		flows.push(flow);
		const operation = await data<{ id: string }>('POST', '/operations', {
			flow,
			name: 'Record what arrived',
			key: 'record_task',
			type: 'item-create',
			position_x: 19,
			position_y: 1,
			options: {
				collection: 'tasks',
				permissions: '$trigger',
				emitEvents: false,
				payload: {
					subject: 'Flow saw {{ $trigger.record.name }}',
					related_collection: '{{ $trigger.event.collection }}',
					related_item: '{{ $trigger.record.id }}',
					description: '{{ $trigger.rule.name }} / {{ $trigger.event.name }} / from {{ $trigger.previous.stage }} to {{ $trigger.record.stage }}',
				},
			},
		});
		await data('PATCH', `/flows/${flow}`, { operation: operation.id });
		return flow;
	}

	async function flowRule(name: string, flow: string, dealName: string): Promise<string> {
		return createRule({
			name,
			collection: 'deals',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { name: { _eq: dealName } },
			actions: [{ type: 'run_flow', timing: { type: 'instant' }, options: { flow } }],
		});
	}

	let flow = '';
	beforeAll(async () => {
		flow = await createFlow();
	});

	it('starts the Flow with the rule, the event, the record and the previous record as $trigger, as the automation user', async () => {
		const rule = await flowRule('Hand over to the flow', flow, 'Flow test – Harbor gym');
		const deal = await createDeal({ name: 'Flow test – Harbor gym', stage: 'qualification' });
		await data('PATCH', `/items/deals/${deal}`, { stage: 'proposal' });

		const job = await onlyJob(rule, deal);
		expect(job).toMatchObject({ status: 'succeeded', result: { flow } });

		const [task, ...others] = await tasksAbout(deal);
		expect(others).toEqual([]);
		expect(task).toMatchObject({ subject: 'Flow saw Flow test – Harbor gym', related_collection: 'deals', related_item: deal, description: 'Hand over to the flow / updated / from qualification to proposal' });
		// The Flow wrote with the $trigger permissions, i.e. as the automation user, and its run names it too.
		const automation = await automationUserId();
		expect(await activityOf('tasks', task!.id, 'create')).toMatchObject([{ user: automation }]);
		const runs = await activityOf('directus_flows', flow, 'run');
		expect(runs).toContainEqual({ user: automation, user_agent: `workflow-rules rule ${rule}` });
	});

	it('fails at once, with its class, for a Flow that does not exist', async () => {
		const missing = randomUUID();
		const rule = await flowRule('Flow that never was', missing, 'Flow test – missing');
		const deal = await createDeal({ name: 'Flow test – missing', stage: 'qualification' });
		await data('PATCH', `/items/deals/${deal}`, { stage: 'proposal' });

		const job = await onlyJob(rule, deal);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'flow_missing', last_error: `Flow ${missing} does not exist` });
	});

	it('fails at once, with its class, for an inactive Flow, and for a Flow another trigger starts', async () => {
		const inactive = await createFlow({ name: 'Switched-off flow', status: 'inactive' });
		const webhook = (await data<{ id: string }>('POST', '/flows', { name: 'Webhook flow', status: 'active', trigger: 'webhook', options: { method: 'POST' } })).id;
		flows.push(webhook);
		const offRule = await flowRule('Flow switched off', inactive, 'Flow test – inactive');
		const webhookRule = await flowRule('Flow of another kind', webhook, 'Flow test – webhook');
		const offDeal = await createDeal({ name: 'Flow test – inactive', stage: 'qualification' });
		const webhookDeal = await createDeal({ name: 'Flow test – webhook', stage: 'qualification' });
		await data('PATCH', `/items/deals/${offDeal}`, { stage: 'proposal' });
		await data('PATCH', `/items/deals/${webhookDeal}`, { stage: 'proposal' });

		expect(await onlyJob(offRule, offDeal)).toMatchObject({ status: 'failed', attempts: 1, error_class: 'flow_inactive', last_error: expect.stringContaining('"Switched-off flow"') });
		expect(await onlyJob(webhookRule, webhookDeal)).toMatchObject({ status: 'failed', attempts: 1, error_class: 'flow_trigger', last_error: expect.stringContaining('"webhook" trigger') });
		expect(await tasksAbout(offDeal)).toEqual([]);
	});
});
