/**
 * Date triggers (SPEC §3 `{"type":"date"}`) on a real Directus: a record fires when its field value
 * plus the offset comes, once, and no other record does; a rule created after an occurrence passed
 * does not fire for it; moving the date moves the firing; and the reference scenario, the renewal
 * reminder two days before `subscription_date` every year, mails once, names next year's
 * occurrence, and does not mail again after a restart.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.js';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { data } from '../support/api.js';
import { instanceApi } from '../support/instance-api.js';
import { Mailbox } from '../support/mailbox.js';
import { cleanUpRules, createRule, eventually, runsOf, type Run } from '../support/rules.js';

const HOUR = 3_600_000;
/** An instant `ms` from now, on a whole second (as a user would type it). */
const fromNow = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);

async function createCall(subject: string, startAt: Date): Promise<string> {
	return (await data<{ id: string }>('POST', '/items/calls', { subject, status: 'completed', direction: 'outbound', start_at: startAt.toISOString() })).id;
}
const tagsOf = async (id: string) => (await data<{ tags: string[] | null }>('GET', `/items/calls/${id}?fields=tags`)).tags ?? [];
const matched = (runs: Run[], item: string) => runs.filter((run) => run.item === item && run.outcome === 'matched');

describe('date trigger on a datetime field (calls.start_at, an hour before)', () => {
	cleanUpRules();
	const reminder = (marker: string) => ({
		name: `Call reminder ${marker}`,
		collection: 'calls',
		trigger: { type: 'date', field: 'start_at', offset: '-PT1H' },
		conditions: { subject: { _starts_with: marker } },
		actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['reminded'] } }],
	});

	it('fires for the record whose time is seconds away and for no other, nor for an occurrence already past when the rule was made', async () => {
		const marker = `Date ${randomUUID().slice(0, 8)}`;
		const due = await createCall(`${marker} due`, fromNow(HOUR + 4_000));
		const later = await createCall(`${marker} later`, fromNow(HOUR + 20 * 60_000));
		const passed = await createCall(`${marker} passed`, fromNow(HOUR - 10_000));
		const rule = await createRule(reminder(marker));

		const runs = await eventually(() => runsOf(rule), (found) => matched(found, due).length > 0, 30_000, 'the due call’s reminder');
		expect(matched(runs, due)).toHaveLength(1);
		expect(matched(runs, due)[0]!.event).toBe('date');
		expect(runs.filter((run) => run.item === later || run.item === passed)).toEqual([]);
		await eventually(() => tagsOf(due), (tags) => tags.includes('reminded'), 15_000, 'the reminder tag');
		expect(await tagsOf(later)).not.toContain('reminded');
		expect(await tagsOf(passed)).not.toContain('reminded');
	});

	it('follows the date when it changes before the occurrence', async () => {
		const marker = `Moved ${randomUUID().slice(0, 8)}`;
		const call = await createCall(`${marker} call`, fromNow(HOUR + 5_000));
		const rule = await createRule(reminder(marker));
		const moved = fromNow(HOUR + 10_000);
		await data('PATCH', `/items/calls/${call}`, { start_at: moved.toISOString() });

		const runs = await eventually(() => runsOf(rule, call), (found) => matched(found, call).length > 0, 30_000, 'the moved call’s reminder');
		expect(matched(runs, call)).toHaveLength(1);
		expect(matched(runs, call)[0]!.message).toContain(`occurrence ${new Date(moved.getTime() - HOUR).toISOString()}`);
	});
});

describe('renewal reminder 2 days before subscription_date, yearly (reference scenario)', () => {
	let instance: ScratchInstance;
	let mailbox: Mailbox;
	const call = instanceApi(() => instance);
	const TZ = 'America/New_York';

	beforeAll(async () => {
		const smtpPort = await freePort();
		mailbox = await new Mailbox(smtpPort).start();
		instance = await startScratchInstance({
			pgUrl: process.env['TEST_PG_URL'] || undefined,
			seed: false,
			env: {
				WORKFLOW_POLL_INTERVAL_MS: '200',
				EMAIL_TRANSPORT: 'smtp',
				EMAIL_FROM: 'workflow-rules@example.com',
				EMAIL_SMTP_HOST: '127.0.0.1',
				EMAIL_SMTP_PORT: String(smtpPort),
				EMAIL_SMTP_SECURE: 'false',
				EMAIL_SMTP_IGNORE_TLS: 'true',
				EMAIL_VERIFY_SETUP: 'false',
			},
		});
		await call('PATCH', '/items/crm_settings', { timezone: TZ });
	}, 180_000);

	afterAll(async () => {
		await instance?.stop(path.join('test-results', `directus-date-triggers-${instance.dbClient}.log`));
		await mailbox?.stop();
	}, 60_000);

	it('mails once for this year’s renewal, names next year’s, and not again after a restart', async () => {
		// The reminder is due at the next whole minute at least 8 s away, on the New York wall clock.
		const due = new Date(Math.ceil((Date.now() + 8_000) / 60_000) * 60_000);
		const local = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(due).map((part) => [part.type, part.value]));
		const reminderDay = new Date(`${local['year']}-${local['month']}-${local['day']}T00:00:00Z`);
		const renewal = new Date(reminderDay.getTime() + 2 * 86_400_000);
		// Subscribed three years ago: this year's anniversary is in two days.
		const subscription = `${renewal.getUTCFullYear() - 3}-${renewal.toISOString().slice(5, 10)}`;
		const email = `renewal-${randomUUID().slice(0, 8)}@example.com`;
		const contact = (await call<{ id: string }>('POST', '/items/contacts', { first_name: 'Renata', last_name: 'Renewal', email, subscription_date: subscription })).id;
		const rule = (await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: 'Renewal reminder',
			status: 'active',
			collection: 'contacts',
			execution: 'every_time',
			trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time: `${local['hour']}:${local['minute']}`, recurrence: 'yearly' },
			conditions: null,
			actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: ['{{ record.email }}'], subject: 'Your subscription renews in 2 days', body: 'Hello {{ record.first_name }}' } }],
		})).id;

		await eventually(async () => mailbox.messages.filter((mail) => mail.envelope.to.includes(email)).length, (count) => count >= 1, 90_000, 'the renewal reminder');
		const runsOfRule = () => call<Run[]>('GET', `/items/workflow_runs?limit=-1&filter[rule][_eq]=${rule}&filter[outcome][_eq]=matched`);
		const [run, ...others] = await runsOfRule();
		expect(others).toEqual([]);
		expect(run!.item).toBe(contact);
		expect(run!.message).toContain(`occurrence ${due.toISOString()}`);
		const nextYear = new Date(due);
		nextYear.setUTCFullYear(due.getUTCFullYear() + 1);
		expect(run!.message).toContain(`next occurrence ${nextYear.toISOString()}`);

		// Restarted, the engine ticks on from its stored cursor: the occurrence does not fire again.
		const restarted = Date.now();
		await instance.restart();
		const cursorMoved = async () => {
			const [cursor] = await call<{ fired_at: string }[]>('GET', `/items/workflow_rule_state?filter[key][_eq]=${encodeURIComponent(`cursor:date:${rule}`)}&fields=fired_at`);
			return cursor ? Date.parse(cursor.fired_at) : 0;
		};
		await eventually(cursorMoved, (at) => at > restarted + 1_000, 30_000, 'a tick after the restart');
		expect(await runsOfRule()).toHaveLength(1);
		expect(mailbox.messages.filter((mail) => mail.envelope.to.includes(email))).toHaveLength(1);

		const [usage] = await call<{ runs: number; matched: number }[]>('GET', `/workflows/usage?rule=${rule}`);
		expect(usage).toMatchObject({ runs: 1, matched: 1 });
	}, 180_000);
});
