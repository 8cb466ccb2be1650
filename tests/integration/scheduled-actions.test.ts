/**
 * SPEC §3 timing and §6: scheduled actions on a real Directus. `after_trigger` runs when its
 * offset has passed, `relative_to_field` reminders are planned on the CRM time zone's wall clock
 * and follow their record (moved on reschedule, cancelled on cancel and delete, kept on
 * reassignment), conditions are checked again when due (a skip shows on the run, saying why), and
 * the reference scenario "deal won for the first time: a task now, an email later" runs once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { Mailbox } from '../support/mailbox.js';
import { cleanUpRules, createRule, eventually, jobsOf, runsOf, settledJobs, type Job } from '../support/rules.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

cleanUpRules();

interface ScheduledJob extends Job {
	due_at: string;
	timing: string;
}

const SERVICE = 'Haircut in salon';
const mark = () => randomBytes(4).toString('hex');
const iso = (value: string | number | Date) => new Date(value).toISOString();

let receiver: Receiver;
const mailbox = new Mailbox();
const cleanup: string[] = [];

beforeAll(async () => {
	receiver = await startReceiver();
	await mailbox.start();
});

afterAll(async () => {
	await receiver?.close();
	await mailbox.stop();
	for (const path of cleanup.reverse()) await api('DELETE', path);
});

const arrived = (route: string, count = 1) => eventually(async () => receiver.received(route), (requests) => requests.length >= count, 20_000, `${count} request(s) to ${route}`);
const jobs = (rule: string, item?: string) => jobsOf(rule, item) as Promise<ScheduledJob[]>;

async function create(collection: string, values: Record<string, unknown>): Promise<string> {
	const { id } = await data<{ id: string }>('POST', `/items/${collection}`, values);
	cleanup.push(`/items/${collection}/${id}`);
	return String(id);
}

/** The single job a rule queued for a record, once queued. */
async function onlyJob(rule: string, item: string): Promise<ScheduledJob> {
	const [job] = await eventually(() => jobs(rule, item), (found) => found.length === 1, 15_000, `the job of rule ${rule} on ${item}`);
	return job!;
}

describe('after_trigger', () => {
	it('runs a PT3S webhook about 3 seconds after the write that triggered it', async () => {
		const route = `/after-${mark()}`;
		const town = `Town ${mark()}`;
		await createRule({
			name: 'Webhook 3 s after a lead',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: town } },
			actions: [{ type: 'webhook', timing: { type: 'after_trigger', offset: 'PT3S' }, options: { url: receiver.url(route), method: 'POST' } }],
		});

		const sent = Date.now();
		await create('leads', { name: 'Timed lead', city: town });
		const answered = Date.now();
		const [request] = await arrived(route);
		// 3 ± 1.5 s after the write, whichever end of the request the write happened at.
		expect(request!.at - sent).toBeGreaterThanOrEqual(1_500);
		expect(request!.at - answered).toBeLessThanOrEqual(4_500);
	});

	it('checks the conditions again when due, and records the skip on the run with why', async () => {
		const route = `/recheck-${mark()}`;
		const town = `Town ${mark()}`;
		const rule = await createRule({
			name: 'Follow up a new lead',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { _and: [{ city: { _eq: town } }, { status: { _eq: 'new' } }] },
			actions: [{ type: 'webhook', timing: { type: 'after_trigger', offset: 'PT3S' }, options: { url: receiver.url(route), method: 'POST' } }],
		});
		const lead = await create('leads', { name: 'Soon contacted', city: town, status: 'new' });
		await onlyJob(rule, lead);
		await data('PATCH', `/items/leads/${lead}`, { status: 'contacted' });

		const [job] = await settledJobs(rule, lead, 1);
		expect(job!.status).toBe('skipped');
		expect(job!.last_error).toMatch(/conditions no longer hold/);
		const [run] = await runsOf(rule, lead);
		expect(run!.actions[0]).toMatchObject({ status: 'skipped', message: expect.stringMatching(/conditions no longer hold/) });
		expect(receiver.received(route)).toHaveLength(0);
	});
});

describe('relative_to_field reminders follow their appointment', () => {
	/** A rule reminding, by webhook to `route`, `seconds` before each booked appointment starts. */
	function reminder(route: string, seconds: number, title: string): Promise<string> {
		return createRule({
			name: `Reminder ${title}`,
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled'] },
			conditions: { title: { _eq: title } },
			actions: [{ type: 'webhook', timing: { type: 'relative_to_field', field: 'start_at', offset: `-PT${seconds}S` }, options: { url: receiver.url(route), method: 'POST' } }],
		});
	}

	it('moves with a reschedule, then runs at the new time, once', async () => {
		const route = `/reminder-${mark()}`;
		const title = `Reminded ${mark()}`;
		const soon = await slot(SERVICE, { nth: 0 });
		const later = await slot(SERVICE, { nth: 3 });
		// Due 8 seconds from now once the appointment is moved to `soon`; days away while it is `later`.
		const seconds = Math.round((Date.parse(soon.start_at) - Date.now()) / 1000) - 8;
		const rule = await reminder(route, seconds, title);
		const appointment = await create('appointments', { title, ...later, status: 'scheduled' });

		const planned = await onlyJob(rule, appointment);
		expect(planned.status).toBe('pending');
		expect(iso(planned.due_at)).toBe(iso(Date.parse(later.start_at) - seconds * 1000));

		await data('PATCH', `/items/appointments/${appointment}`, { start_at: soon.start_at, end_at: soon.end_at });
		const moved = await eventually(() => jobs(rule, appointment), ([job]) => iso(job!.due_at) !== iso(planned.due_at), 15_000, 'the reminder to move');
		expect(moved).toHaveLength(1);
		expect(iso(moved[0]!.due_at)).toBe(iso(Date.parse(soon.start_at) - seconds * 1000));
		const [run] = await runsOf(rule, appointment);
		expect(iso(run!.actions[0].due_at)).toBe(iso(moved[0]!.due_at));

		const [request] = await arrived(route);
		expect(request!.at).toBeGreaterThanOrEqual(Date.parse(moved[0]!.due_at) - 100);
		const [done] = await settledJobs(rule, appointment, 1);
		expect(done!.status).toBe('succeeded');
		expect(receiver.received(route)).toHaveLength(1);
	});

	it('is cancelled, saying why, when the appointment is cancelled or deleted, and kept when it is reassigned', async () => {
		const route = `/gone-${mark()}`;
		const title = `Cancelled ${mark()}`;
		const rule = await reminder(route, 3600, title);
		const [cancelled, deleted, reassigned] = [
			await create('appointments', { title, ...(await slot(SERVICE, { nth: 2 })), status: 'scheduled' }),
			await create('appointments', { title, ...(await slot(SERVICE, { nth: 3 })), status: 'scheduled' }),
			await create('appointments', { title, ...(await slot(SERVICE, { nth: 4 })), status: 'scheduled' }),
		];
		const before = await onlyJob(rule, reassigned);
		await onlyJob(rule, cancelled);
		await onlyJob(rule, deleted);

		await data('PATCH', `/items/appointments/${cancelled}`, { status: 'cancelled', cancellation_reason: 'Customer away' });
		await api('DELETE', `/items/appointments/${deleted}`);
		const [member] = await data<{ id: string }[]>('GET', '/users?filter[title][_nempty]=true&fields=id&limit=1');
		await data('PATCH', `/items/appointments/${reassigned}`, { owner: member!.id });

		const [afterCancel] = await eventually(() => jobs(rule, cancelled), ([job]) => job!.status !== 'pending', 15_000, 'the cancelled appointment’s reminder');
		expect(afterCancel).toMatchObject({ status: 'cancelled', last_error: 'the record was cancelled' });
		const [afterDelete] = await eventually(() => jobs(rule, deleted), ([job]) => job!.status !== 'pending', 15_000, 'the deleted appointment’s reminder');
		expect(afterDelete).toMatchObject({ status: 'cancelled', last_error: 'the record was deleted' });
		const [cancelRun] = await runsOf(rule, cancelled);
		expect(cancelRun!.actions[0]).toMatchObject({ status: 'cancelled', message: 'the record was cancelled' });

		// The reassigned one keeps its reminder, unchanged; the probes above ran after its write.
		const [kept] = await jobs(rule, reassigned);
		expect(kept).toMatchObject({ status: 'pending', due_at: before.due_at });
	});

	it('plans the reminder again, once, when a rule fires again for the same appointment', async () => {
		const title = `Twice ${mark()}`;
		const rule = await createRule({
			name: 'Reminder on booking and reschedule',
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled', 'rescheduled'] },
			conditions: { title: { _eq: title } },
			actions: [{ type: 'webhook', timing: { type: 'relative_to_field', field: 'start_at', offset: '-PT1H' }, options: { url: receiver.url('/twice'), method: 'POST' } }],
		});
		const appointment = await create('appointments', { title, ...(await slot(SERVICE, { nth: 2 })), status: 'scheduled' });
		await onlyJob(rule, appointment);
		const moved = await slot(SERVICE, { nth: 3 });
		await data('PATCH', `/items/appointments/${appointment}`, { start_at: moved.start_at, end_at: moved.end_at });

		const all = await eventually(() => jobs(rule, appointment), (found) => found.length === 2 && found.some((job) => job.status === 'cancelled'), 15_000, 'the second firing');
		const pending = all.filter((job) => job.status === 'pending');
		expect(pending).toHaveLength(1);
		expect(iso(pending[0]!.due_at)).toBe(iso(Date.parse(moved.start_at) - 3_600_000));
	});
});

describe('the CRM time zone', () => {
	let original: string;
	beforeAll(async () => {
		original = (await data<{ timezone: string }>('GET', '/items/crm_settings')).timezone;
	});
	afterAll(() => data('PATCH', '/items/crm_settings', { timezone: original }));

	it('counts a day before a call on the local wall clock across a DST switch', async () => {
		await data('PATCH', '/items/crm_settings', { timezone: 'Europe/Paris' });
		const subject = `Call ${mark()}`;
		const rule = await createRule({
			name: 'Call reminder',
			collection: 'calls',
			trigger: { type: 'event', events: ['scheduled'] },
			conditions: { subject: { _eq: subject } },
			actions: [{ type: 'webhook', timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, options: { url: receiver.url('/dst'), method: 'POST' } }],
		});
		// Paris moves to summer time at 02:00 on 2027-03-28: a call at 09:00 that day (07:00Z) is
		// reminded at 09:00 the day before, in winter time (08:00Z), 23 hours earlier.
		const expected = '2027-03-27T08:00:00.000Z';
		// The engine reads the new time zone when the settings change: the first call may come before.
		const job = await eventually(async () => {
			const call = await create('calls', { subject, direction: 'outbound', status: 'scheduled', start_at: '2027-03-28T07:00:00.000Z' });
			return onlyJob(rule, call);
		}, (found) => iso(found.due_at) === expected, 15_000, 'a reminder planned in Paris time');
		expect(job.timing).toBe('relative_to_field start_at -P1D');
	});
});

describe('reference scenario: a deal won for the first time', () => {
	it('creates a task at once and emails after a delay, and does nothing when the deal is saved again', async () => {
		const marker = mark();
		const rule = await createRule({
			name: 'Deal won: task now, thanks later',
			collection: 'deals',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { _and: [{ stage: { _eq: 'closed_won' } }, { name: { _contains: marker } }] },
			execution: 'first_time',
			actions: [
				{ type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Kick-off for {{ record.name }}', owner: 'record_owner' } },
				{ type: 'email', timing: { type: 'after_trigger', offset: 'PT3S' }, options: { to: `buyer-${marker}@example.com`, subject: `Thank you ${marker}`, body: '<p>Welcome aboard</p>' } },
			],
		});
		const me = await data<{ id: string }>('GET', '/users/me?fields=id');
		const deal = await create('deals', { name: `Roof ${marker}`, stage: 'negotiation', owner: me.id });
		const tasksOf = () => data<{ id: string; subject: string }[]>('GET', `/items/tasks?filter[related_item][_eq]=${deal}&fields=id,subject`);

		const won = Date.now();
		await data('PATCH', `/items/deals/${deal}`, { stage: 'closed_won' });
		const [task] = await eventually(tasksOf, (tasks) => tasks.length === 1, 15_000, 'the kick-off task');
		cleanup.push(`/items/tasks/${task!.id}`);
		expect(task!.subject).toBe(`Kick-off for Roof ${marker}`);
		const [mail] = await mailbox.received(marker);
		expect(Date.now() - won).toBeGreaterThanOrEqual(2_000);
		expect(mail!.parsed.subject).toBe(`Thank you ${marker}`);

		// Saved again, and won again after a detour: first_time holds, nothing more is queued.
		await data('PATCH', `/items/deals/${deal}`, { name: `Roof ${marker} (signed)` });
		await data('PATCH', `/items/deals/${deal}`, { stage: 'negotiation' });
		await data('PATCH', `/items/deals/${deal}`, { stage: 'closed_won' });
		const runs = await eventually(() => runsOf(rule, deal), (found) => found.length >= 4, 15_000, 'the later saves’ runs');
		expect(runs.filter((run) => run.outcome === 'matched')).toHaveLength(1);
		const settled = await settledJobs(rule, deal, 2);
		expect(settled.map((job) => [job.action_type, job.status])).toEqual([['create_task', 'succeeded'], ['email', 'succeeded']]);
		expect(await tasksOf()).toHaveLength(1);
		expect(mailbox.withSubject(marker)).toHaveLength(1);
	});
});
