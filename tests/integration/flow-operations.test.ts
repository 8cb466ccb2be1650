/**
 * The rule actions as operations of ordinary Directus Flows, built through the API: by default an
 * operation hands its action to the durable job table and answers the job id; "wait for the
 * result" runs it at once. Either way it writes as the automation user.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { Mailbox } from '../support/mailbox.js';
import { eventually } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const flows: string[] = [];
afterEach(async () => {
	while (flows.length > 0) await api('DELETE', `/flows/${flows.pop()}`);
});

/** A webhook-triggered Flow (GET, answered with the last operation's data) whose one operation is `type` with `options`. */
async function flowWith(type: string, options: Record<string, unknown>): Promise<string> {
	const flow = await data<{ id: string }>('POST', '/flows', { name: `Probe ${type}`, status: 'active', trigger: 'webhook', accountability: 'all', options: { method: 'GET', async: false, return: '$last', error_on_reject: true } });
	flows.push(flow.id);
	const operation = await data<{ id: string }>('POST', '/operations', { flow: flow.id, name: type, key: 'action', type, position_x: 19, position_y: 1, options });
	await data('PATCH', `/flows/${flow.id}`, { operation: operation.id });
	return flow.id;
}

interface JobRow {
	id: number;
	rule: string | null;
	status: string;
	action_type: string;
	event: string;
	attempts: number;
	last_error: string | null;
}

const job = (id: number) => data<JobRow>('GET', `/items/workflow_jobs/${id}`);

describe('an action operation in a Flow', () => {
	it('hands its action to the durable job table by default and answers the job id', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Durable probe', tags: ['cold'] });
		const flow = await flowWith('workflow-update-fields', { collection: 'leads', key: lead.id, values: { city: 'Salem', status: 'contacted' } });

		const answer = await api('GET', `/flows/trigger/${flow}`);
		expect(answer.status).toBe(200);
		const { job: id } = answer.body as { job: number };
		expect(id).toEqual(expect.any(Number));

		const done = await eventually(() => job(id), (row) => row.status === 'succeeded', 15_000, 'the operation’s job succeeded');
		expect(done).toMatchObject({ rule: null, action_type: 'update_fields', event: 'flow', attempts: 1 });
		expect(await data('GET', `/items/leads/${lead.id}?fields=city,status`)).toEqual({ city: 'Salem', status: 'contacted' });

		// Written as the automation user, as a rule action would be.
		const [activity] = await data<{ user: string; user_agent: string }[]>('GET', `/activity?filter[collection][_eq]=leads&filter[item][_eq]=${lead.id}&filter[action][_eq]=update&sort=-id&limit=1&fields=user,user_agent`);
		const [automation] = await data<{ id: string }[]>('GET', '/users?filter[email][_eq]=automation@workflow-rules.example.com&fields=id');
		expect(activity).toMatchObject({ user: automation!.id, user_agent: expect.stringContaining('workflow-rules flow') });
	});

	it('runs later with a delay', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Delayed probe' });
		const flow = await flowWith('workflow-tag', { collection: 'leads', key: lead.id, add: 'later, soon', delay: 'PT2S' });
		const asked = Date.now();
		const { job: id } = (await api('GET', `/flows/trigger/${flow}`)).body as { job: number };

		const done = await eventually(() => job(id), (row) => row.status === 'succeeded', 20_000, 'the delayed job succeeded');
		const { finished_at } = await data<{ finished_at: string }>('GET', `/items/workflow_jobs/${done.id}?fields=finished_at`);
		expect(new Date(finished_at).getTime() - asked).toBeGreaterThanOrEqual(2_000);
		expect((await data<{ tags: string[] }>('GET', `/items/leads/${lead.id}?fields=tags`)).tags).toEqual(['later', 'soon']);
	});

	it('with "wait for the result" answers the action’s result, and fails the Flow with the action’s error', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Waiting probe', tags: ['cold'] });
		const flow = await flowWith('workflow-tag', { collection: 'leads', key: lead.id, add: ['warm'], remove: ['cold'], wait: true });
		const answer = await api('GET', `/flows/trigger/${flow}`);
		expect(answer.body).toEqual({ tags: ['warm'], changed: true });

		// The automation user may not write an enum value outside its choices: Directus refuses it.
		const refused = await flowWith('workflow-update-fields', { collection: 'leads', key: lead.id, values: { status: 'not-a-status' }, wait: true });
		const failed = await api('GET', `/flows/trigger/${refused}`);
		expect(failed.status).toBeGreaterThanOrEqual(400);
		expect((await data<{ status: string }>('GET', `/items/leads/${lead.id}?fields=status`)).status).not.toBe('not-a-status');
	});

	it('refuses options the action does not accept, naming the option', async () => {
		const flow = await flowWith('workflow-tag', { collection: 'leads', key: 'x', wait: true });
		const answer = await api('GET', `/flows/trigger/${flow}`);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('must add or remove at least one tag');
	});
});

describe('each action as a Flow operation', () => {
	let mailbox: Mailbox;
	let receiver: Receiver;
	beforeAll(async () => {
		mailbox = await new Mailbox().start();
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await mailbox?.stop();
		await receiver?.close();
	});

	it('email: sent through the job table to the addresses the Flow rendered', async () => {
		const flow = await flowWith('workflow-email', { to: ['flow-reader@example.com'], subject: 'Flow mail {{ $trigger.query.marker }}', body: '<p>From a Flow</p>' });
		const { job: id } = (await api('GET', `/flows/trigger/${flow}?marker=m-42`)).body as { job: number };
		const [mail] = await mailbox.received('Flow mail m-42');
		expect(mail!.envelope.to).toEqual(['flow-reader@example.com']);
		expect(mail!.parsed.html).toContain('<p>From a Flow</p>');
		expect(await eventually(() => job(id), (row) => row.status === 'succeeded', 15_000, 'the email job succeeded')).toMatchObject({ action_type: 'email', attempts: 1 });
	});

	it('webhook: sent through the SSRF guard with its webhook-id, and the job keeps the status', async () => {
		const flow = await flowWith('workflow-webhook', { url: receiver.url('/flow-hook'), method: 'POST', body: '{"from":"{{ $trigger.query.marker }}"}' });
		const { job: id } = (await api('GET', `/flows/trigger/${flow}?marker=w-7`)).body as { job: number };
		const [request] = await eventually(async () => receiver.received('/flow-hook'), (list) => list.length === 1, 15_000, 'the webhook arrived');
		expect(JSON.parse(request!.body)).toEqual({ from: 'w-7' });
		expect(request!.headers['webhook-id']).toEqual(expect.stringContaining('flow'));
		expect(await eventually(() => job(id), (row) => row.status === 'succeeded', 15_000, 'the webhook job succeeded')).toMatchObject({ action_type: 'webhook' });
	});

	it('create_task: waits and answers the task, linked to the record', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Task probe' });
		const flow = await flowWith('workflow-create-task', { collection: 'leads', key: lead.id, subject: 'Call {{ $trigger.query.who }}', priority: 'high', wait: true });
		const answer = await api('GET', `/flows/trigger/${flow}?who=Ada`);
		const { task } = answer.body as { task: string };
		expect(await data('GET', `/items/tasks/${task}?fields=subject,priority,related_collection,related_item`)).toEqual({ subject: 'Call Ada', priority: 'high', related_collection: 'leads', related_item: lead.id });
	});

	it('run_flow: starts another Flow with the record', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Relay probe', city: 'Relayville' });
		const target = await data<{ id: string }>('POST', '/flows', { name: 'Relay target', status: 'active', trigger: 'operation', accountability: 'all', options: {} });
		flows.push(target.id);
		const write = await data<{ id: string }>('POST', '/operations', { flow: target.id, name: 'Note', key: 'note', type: 'item-update', position_x: 19, position_y: 1, options: { collection: 'leads', key: '{{ $trigger.record.id }}', payload: { city: 'Relayed {{ $trigger.record.city }}' }, permissions: '$full' } });
		await data('PATCH', `/flows/${target.id}`, { operation: write.id });

		const flow = await flowWith('workflow-run-flow', { collection: 'leads', key: lead.id, flow: target.id, wait: true });
		expect((await api('GET', `/flows/trigger/${flow}`)).status).toBe(200);
		expect((await data<{ city: string }>('GET', `/items/leads/${lead.id}?fields=city`)).city).toBe('Relayed Relayville');
	});
});
