/**
 * SPEC §5 `email`: mail sent by a real Directus through its MailService to a real SMTP server
 * (tests/support/mailbox.ts), as a recipient would receive it: who gets it (addresses, the
 * record's owner and members, templates; Bcc only in the envelope), what it says (Liquid, record
 * values escaped in HTML and never parsed as templates), what is refused (line breaks in headers,
 * no recipient, a runaway template), and how delivery failures end (retried while the server is
 * down or answers 4xx, failed at once on a 5xx), delivered exactly once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../seeds/ids.js';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { addressesOf, Mailbox } from '../support/mailbox.js';
import { cleanUpRules, createRule, eventually, jobsOf, newRuns, settledJobs, type Job } from '../support/rules.js';

cleanUpRules();

interface MailJob extends Job {
	error_class: string | null;
	error_status: number | null;
	result: Record<string, unknown> | null;
}

const mailbox = new Mailbox();
const users: string[] = [];

beforeAll(() => mailbox.start());
afterAll(async () => {
	await mailbox.stop();
	for (const user of users) await api('DELETE', `/users/${user}`);
});
afterEach(() => {
	mailbox.answerRcpt = () => null;
});

/** A marker unique to one test, put in subjects and addresses so that each test reads only its own mail. */
const marker = () => randomBytes(4).toString('hex');

async function user(first: string, mark: string): Promise<{ id: string; email: string }> {
	const email = `${first.toLowerCase()}-${mark}@example.com`;
	const { id } = await data<{ id: string }>('POST', '/users', { email, first_name: first, last_name: 'Tester', status: 'active' });
	users.push(id);
	return { id, email };
}

async function lead(body: Record<string, unknown>): Promise<string> {
	return (await data<{ id: string }>('POST', '/items/leads', { name: 'Lead', ...body })).id;
}

/** A rule sending one email when a lead is created. */
function mailOnNewLead(options: Record<string, unknown>, timing: Record<string, unknown> = { type: 'instant' }): Promise<string> {
	return createRule({ name: 'Mail on new lead', collection: 'leads', trigger: { type: 'event', events: ['created'] }, actions: [{ type: 'email', timing, options }] });
}

async function mailJob(rule: string, item: string): Promise<MailJob> {
	const [job] = (await settledJobs(rule, item, 1)) as MailJob[];
	return job!;
}

describe('recipients', () => {
	it('go to addresses and templates, cc in the headers, bcc only in the envelope, each once', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({
			to: [`Ann Lee <ann-${mark}@example.com>`, '{{ record.email }}'],
			cc: `cc-${mark}@example.com`,
			bcc: [`bcc-${mark}@example.com`, `ANN-${mark}@example.com`],
			subject: 'New lead {{ record.name }} ' + mark,
			body: '<p>{{ record.name }} from {{ record.city }}</p>',
		});
		const id = await lead({ name: 'Bo Chen', city: 'Albany', email: `lead-${mark}@example.com` });

		const [mail] = await mailbox.received(mark);
		expect(mail!.parsed.subject).toBe(`New lead Bo Chen ${mark}`);
		expect(mail!.parsed.html).toContain('<p>Bo Chen from Albany</p>');
		expect(mail!.parsed.from?.value[0]?.address).toBe('workflow-rules@example.com');
		expect(addressesOf(mail!, 'to')).toEqual([`ann-${mark}@example.com`, `lead-${mark}@example.com`]);
		expect(mail!.parsed.to).toMatchObject({ value: expect.arrayContaining([{ name: 'Ann Lee', address: `ann-${mark}@example.com` }]) });
		expect(addressesOf(mail!, 'cc')).toEqual([`cc-${mark}@example.com`]);
		expect(mail!.parsed.bcc).toBeUndefined();
		expect(mail!.parsed.headers.has('bcc')).toBe(false);
		expect([...mail!.envelope.to].sort()).toEqual([`ann-${mark}@example.com`, `bcc-${mark}@example.com`, `cc-${mark}@example.com`, `lead-${mark}@example.com`]);

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'succeeded', attempts: 1, result: { sent: true, message_id: mail!.parsed.messageId } });
	});

	it('read a related record named by a template', async () => {
		const mark = marker();
		const contact = (await data<{ id: string }>('POST', '/items/contacts', { first_name: 'Cleo', last_name: 'Marsh', email: `cleo-${mark}@example.com` })).id;
		const rule = await createRule({
			name: 'Mail the caller',
			collection: 'calls',
			trigger: { type: 'event', events: ['logged'] },
			actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: '{{ record.contact.first_name }} <{{ record.contact.email }}>', subject: 'Thanks for your call ' + mark, body: '<p>Dear {{ record.contact.first_name }}</p>' } }],
		});
		await data('POST', '/items/calls', { subject: 'Logged call', status: 'completed', direction: 'inbound', contact, start_at: new Date().toISOString() });

		const [mail] = await mailbox.received(mark);
		expect(mail!.parsed.to).toMatchObject({ value: [{ name: 'Cleo', address: `cleo-${mark}@example.com` }] });
		expect(mail!.parsed.html).toContain('<p>Dear Cleo</p>');
		// The mail goes out before the job is marked succeeded (no transaction is held while talking to the server).
		expect((await settledJobs(rule, undefined, 1))[0]).toMatchObject({ status: 'succeeded' });
	});

	it('"owner" is the owner when the job runs, not when the rule fired', async () => {
		const mark = marker();
		const [first, second] = [await user('First', mark), await user('Second', mark)];
		const rule = await mailOnNewLead({ to: 'owner', subject: 'Your lead ' + mark, body: '<p>Call them</p>' }, { type: 'after_trigger', offset: 'PT5S' });
		const id = await lead({ owner: first.id });
		await data('PATCH', `/items/leads/${id}`, { owner: second.id });

		const [mail] = await mailbox.received(mark);
		expect(addressesOf(mail!, 'to')).toEqual([second.email]);
		expect(mail!.parsed.to).toMatchObject({ value: [{ name: 'Second Tester', address: second.email }] });
		expect(mail!.envelope.to).toEqual([second.email]);
		expect(await mailJob(rule, id)).toMatchObject({ status: 'succeeded' });
	});

	it('"members" are the users of the record’s members, and a member who is also the owner gets one copy', async () => {
		const mark = marker();
		const [owner, helper, other] = [await user('Owner', mark), await user('Helper', mark), await user('Other', mark)];
		const rule = await createRule({
			name: 'Mail the crew',
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled'] },
			actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: 'members', cc: 'owner', subject: 'Crew for {{ record.title }} ' + mark, body: '<p>{{ record.title }}</p>' } }],
		});
		const appointment = await data<{ id: string }>('POST', '/items/appointments', {
			title: 'Mow the lawn',
			...(await slot('Lawn care', { nth: 3 })),
			status: 'scheduled',
			owner: owner.id,
			members: [{ directus_users_id: helper.id }, { directus_users_id: other.id }],
		});

		const [mail] = await mailbox.received(mark);
		expect(addressesOf(mail!, 'to')).toEqual([helper.email, other.email].sort());
		expect(addressesOf(mail!, 'cc')).toEqual([owner.email]);
		await mailJob(rule, appointment.id);

		const both = await data<{ id: string }>('POST', '/items/appointments', {
			title: 'Mow again',
			...(await slot('Lawn care', { nth: 4 })),
			status: 'scheduled',
			owner: owner.id,
			members: [{ directus_users_id: owner.id }],
		});
		const mails = await mailbox.received(mark, 2);
		expect(addressesOf(mails[1]!, 'to')).toEqual([owner.email]);
		expect(mails[1]!.parsed.cc).toBeUndefined();
		expect(mails[1]!.envelope.to).toEqual([owner.email]);
		expect(await mailJob(rule, both.id)).toMatchObject({ status: 'succeeded' });
	});

	it('an empty "to" fails the job at once, saying what each entry came to', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: ['owner', '{{ record.email }}'], cc: `cc-${mark}@example.com`, subject: 'Nobody ' + mark, body: 'x' });
		const id = await lead({});

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'no_recipients' });
		expect(job.last_error).toBe('no recipient in options.to, nothing was sent: options.to[0]: the record has no owner; options.to[1] rendered empty');
		expect(mailbox.withSubject(mark)).toEqual([]);
	});

	it('"members" on a collection without members fails the job at once, naming the option', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: [`ok-${mark}@example.com`], cc: ['members'], subject: 'Crew ' + mark, body: 'x' });
		const id = await lead({});

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'invalid', last_error: 'options.cc[0]: "members" needs a `members` many-to-many field to users, which leads does not have' });
		expect(mailbox.withSubject(mark)).toEqual([]);
	});

	it('a rendered value that is not an address fails the job at once, naming the option', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: [`ok-${mark}@example.com`], bcc: ['{{ record.city }}'], subject: 'Bad ' + mark, body: 'x' });
		const id = await lead({ city: 'Boston' });

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'invalid_address', last_error: 'options.bcc[0]: "Boston" is not an email address' });
		expect(mailbox.withSubject(mark)).toEqual([]);
	});
});

describe('content', () => {
	it('escapes record values in the HTML body and never runs them as templates', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: `ann-${mark}@example.com`, subject: '{{ record.name }} ' + mark, body: '<p>{{ record.name }}</p>' });
		const id = await lead({ name: '<script>alert(1)</script> {{ 7 | times: 6 }}' });

		const [mail] = await mailbox.received(mark);
		expect(mail!.parsed.html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7 | times: 6 }}</p>');
		expect(mail!.parsed.html).not.toContain('<script>');
		expect(mail!.parsed.subject).toBe(`<script>alert(1)</script> {{ 7 | times: 6 }} ${mark}`);
		expect(await mailJob(rule, id)).toMatchObject({ status: 'succeeded' });
	});

	it.each([
		['subject', (mark: string) => ({ to: `ann-${mark}@example.com`, subject: 'Lead {{ record.name }} ' + mark }), 'options.subject'],
		['recipient', (mark: string) => ({ to: `ann-${mark}@example.com`, cc: ['{{ record.name }}'], subject: 'Lead ' + mark }), 'options.cc[0]'],
	])('refuses a line break in a rendered %s and sends nothing', async (_where, options, path) => {
		const mark = marker();
		const rule = await mailOnNewLead({ ...options(mark), body: 'x' });
		const id = await lead({ name: `Evil\r\nBcc: evil-${mark}@example.com` });

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'header_injection' });
		expect(job.last_error).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: a line break in a mail header is refused`));
		expect(mailbox.withSubject(mark)).toEqual([]);
		expect(mailbox.rcptAttempts.filter((address) => address.includes(mark))).toEqual([]);
	});

	it('fails the job with the error of a runaway template', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: `ann-${mark}@example.com`, subject: 'Runaway ' + mark, body: '{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}' });
		const id = await lead({});

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'template' });
		expect(job.last_error).toMatch(/^options\.body: template render limit exceeded/);
		expect(mailbox.withSubject(mark)).toEqual([]);
		// The render stopped soon enough for Directus to keep answering everyone (no 503 "under pressure").
		expect((await api('GET', '/items/leads?limit=1&fields=id')).status).toBe(200);
	});
});

describe('delivery', () => {
	it('retries while the mail server is down and delivers exactly once when it is back', async () => {
		const mark = marker();
		const rule = await mailOnNewLead({ to: `ann-${mark}@example.com`, subject: 'Outage ' + mark, body: 'x' });
		await mailbox.stop();
		let id = '';
		try {
			id = await lead({});
			const [retrying] = (await eventually(() => jobsOf(rule, id), (jobs) => (jobs[0] as MailJob | undefined)?.error_class === 'connection', 15_000, 'a failed attempt')) as MailJob[];
			expect(retrying).toMatchObject({ status: 'pending', error_status: null });
			expect(retrying!.last_error).toMatch(/^mail not sent: .*ECONNREFUSED/);
		} finally {
			await mailbox.start();
		}

		await mailbox.received(mark);
		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'succeeded', last_error: null, error_class: null });
		expect(job.attempts).toBeGreaterThanOrEqual(2);
		expect(mailbox.withSubject(mark)).toHaveLength(1);
	});

	it('retries an SMTP 4xx answer', async () => {
		const mark = marker();
		let refusals = 2;
		mailbox.answerRcpt = (address) => (address.includes(mark) && refusals-- > 0 ? { code: 451, text: '4.3.0 Mailbox busy, try later' } : null);
		const rule = await mailOnNewLead({ to: `ann-${mark}@example.com`, subject: 'Busy ' + mark, body: 'x' });
		const id = await lead({});

		const [retrying] = (await eventually(() => jobsOf(rule, id), (jobs) => (jobs[0] as MailJob | undefined)?.error_status === 451, 15_000, 'a 451 on the job')) as MailJob[];
		expect(retrying).toMatchObject({ status: 'pending', error_class: 'smtp' });
		expect(retrying!.last_error).toContain('451 4.3.0 Mailbox busy, try later');

		await mailbox.received(mark);
		expect(await mailJob(rule, id)).toMatchObject({ status: 'succeeded', attempts: 3 });
		expect(mailbox.withSubject(mark)).toHaveLength(1);
	});

	it('fails the job at once when the server refuses the recipient with a 5xx', async () => {
		const mark = marker();
		mailbox.answerRcpt = (address) => (address === `gone-${mark}@example.com` ? { code: 550, text: '5.1.1 No such user' } : null);
		const rule = await mailOnNewLead({ to: `gone-${mark}@example.com`, subject: 'Refused ' + mark, body: 'x' });
		const id = await lead({});

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'recipient_refused', error_status: 550 });
		expect(job.last_error).toContain('550 5.1.1 No such user');
		expect(mailbox.withSubject(mark)).toEqual([]);
	});

	it('fails the job, without sending again, when the server refuses some recipients and takes the others', async () => {
		const mark = marker();
		mailbox.answerRcpt = (address) => (address === `gone-${mark}@example.com` ? { code: 550, text: '5.1.1 No such user' } : null);
		const rule = await mailOnNewLead({ to: [`ann-${mark}@example.com`, `gone-${mark}@example.com`], subject: 'Partly ' + mark, body: 'x' });
		const id = await lead({});

		const job = await mailJob(rule, id);
		expect(job).toMatchObject({ status: 'failed', attempts: 1, error_class: 'recipient_refused', error_status: 550 });
		expect(job.last_error).toBe(`mail sent to ann-${mark}@example.com only: the mail server refused gone-${mark}@example.com; not retried, since the others would get it twice`);
		expect(mailbox.withSubject(mark).map((mail) => mail.envelope.to)).toEqual([[`ann-${mark}@example.com`]]);
	});
});

describe('reference scenarios', () => {
	it('missed call → the seeded rule emails the supervisor', async () => {
		const rule = seedId('rule:missed-call');
		await data('PATCH', `/items/workflow_rules/${rule}`, { status: 'active' });
		try {
			const mark = marker();
			const call = await data<{ id: string }>('POST', '/items/calls', { subject: `Call from Dana ${mark}`, status: 'ringing', direction: 'inbound', purpose: 'Quote <urgent>', start_at: new Date().toISOString() });
			await data('PATCH', `/items/calls/${call.id}`, { status: 'missed' });

			const [mail] = await mailbox.received(mark);
			expect(addressesOf(mail!, 'to')).toEqual(['maria.lopez@fieldservice.example.com']);
			expect(mail!.parsed.subject).toBe(`Missed call: Call from Dana ${mark}`);
			expect(mail!.parsed.html).toContain('<p>Purpose: Quote &lt;urgent&gt;</p>');
			expect(await mailJob(rule, call.id)).toMatchObject({ status: 'succeeded' });
		} finally {
			await data('PATCH', `/items/workflow_rules/${rule}`, { status: 'inactive' });
		}
	});

	it('high-priority lead → email its owner and set its status contacted', async () => {
		const mark = marker();
		const owner = await user('Sam', mark);
		const rule = await createRule({
			name: 'High-priority lead: tell the owner',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { priority: { _eq: 'high' } },
			actions: [
				{ type: 'email', timing: { type: 'instant' }, options: { to: 'owner', subject: 'Hot lead {{ record.name }} ' + mark, body: '<p>Call {{ record.name }} on {{ record.phone }} today.</p>' } },
				{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: 'contacted' } } },
			],
		});
		const hot = await lead({ name: 'Hot Lead', phone: '555-0100', priority: 'high', status: 'new', owner: owner.id });
		const cold = await lead({ name: 'Cold Lead', priority: 'normal', status: 'new', owner: owner.id });

		const [mail] = await mailbox.received(mark);
		expect(addressesOf(mail!, 'to')).toEqual([owner.email]);
		expect(mail!.parsed.subject).toBe(`Hot lead Hot Lead ${mark}`);
		expect(mail!.parsed.html).toContain('<p>Call Hot Lead on 555-0100 today.</p>');
		expect((await settledJobs(rule, hot, 2)).map((job) => [job.action_type, job.status])).toEqual([
			['email', 'succeeded'],
			['update_fields', 'succeeded'],
		]);
		expect((await data<{ status: string }>('GET', `/items/leads/${hot}?fields=status`)).status).toBe('contacted');

		expect(await newRuns(rule, cold, 0)).toMatchObject([{ outcome: 'not_matched' }]);
		expect(await jobsOf(rule, cold)).toEqual([]);
		expect((await data<{ status: string }>('GET', `/items/leads/${cold}?fields=status`)).status).toBe('new');
		expect(mailbox.withSubject(mark)).toHaveLength(1);
	});
});
