/**
 * The dry run (POST /workflows/rules/test) of the rules a record event alone cannot show: date and
 * schedule triggers tried on their next occurrence for the record, "from → to" rules tried with
 * the previous values posted, and a saved rule's draft tried through the saved rule's execution
 * memory. Nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { addDaysYmd, zonedParts, zonedTimeToUtc } from '../../extensions/workflow-rules/src/core/timing/zoned-time.js';
import { api, count, data } from '../support/api.js';
import { cleanUpRules, createRule, serviceId, settledJobs } from '../support/rules.js';

cleanUpRules();

const made: { collection: string; id: string }[] = [];
afterAll(async () => {
	for (const { collection, id } of made.reverse()) await api('DELETE', `/items/${collection}/${id}`);
});

async function create(collection: string, body: Record<string, unknown>): Promise<string> {
	const { id } = await data<{ id: string }>('POST', `/items/${collection}`, body);
	made.push({ collection, id });
	return id;
}

/** A cancelled appointment at a fixed instant: a closed appointment holds no slot, so no booking rule applies to its date. */
async function appointment(title: string, startAt: string): Promise<string> {
	const end = new Date(new Date(startAt).getTime() + 3_600_000).toISOString();
	return create('appointments', { title, service: await serviceId('Haircut in salon'), start_at: startAt, end_at: end, status: 'cancelled' });
}

const marker = () => `Dry ${randomBytes(4).toString('hex')}`;
const tag = { type: 'tag', timing: { type: 'instant' }, options: { add: ['tried'] } };

const dryRun = (body: Record<string, unknown>) => api('POST', '/workflows/rules/test', body);

describe('dry run of a date-triggered rule', () => {
	const reminder = (title: string) => ({
		name: 'Day-before reminder',
		collection: 'appointments',
		trigger: { type: 'date', field: 'start_at', offset: '-P1D', time: '09:00' },
		conditions: { title: { _eq: title } },
		actions: [tag],
	});

	it('reports the occurrence for the record (a day before start_at on the CRM wall clock) and the actions due then, writing nothing', async () => {
		const settings = await data<{ timezone: string }>('GET', '/items/crm_settings?fields=timezone');
		expect(settings.timezone).toBe('America/New_York');
		const title = marker();
		// Sunday 9 March 2031, 14:00 in New York: the day daylight saving time starts (EDT, UTC−4).
		const id = await appointment(title, '2031-03-09T18:00:00.000Z');
		const runs = await count('workflow_runs');
		const jobs = await count('workflow_jobs');

		const response = await dryRun({ rule: reminder(title), item: id });

		expect(response.status).toBe(200);
		// One day earlier on the wall clock: Saturday 8 March 2031, 14:00 EST (UTC−5), 23 hours
		// before. `time` applies to date-only fields; a datetime keeps its own time of day.
		const occurrence = '2031-03-08T19:00:00.000Z';
		expect(response.body.data).toMatchObject({ event: 'date', item: id, listens: true, matched: true, occurrence, time_zone: 'America/New_York' });
		expect(response.body.data.record).toMatchObject({ id, start_at: expect.stringMatching(/^2031-03-09T18:00:00/) });
		expect(response.body.data.actions).toEqual([{ index: 0, type: 'tag', timing: 'instant', due_at: occurrence, would_run: true }]);
		expect(response.body.data.trace.conditions).toMatchObject({ path: 'title', result: true });

		expect(await count('workflow_runs')).toBe(runs);
		expect(await count('workflow_jobs')).toBe(jobs);
		expect((await data<{ tags: string[] | null }>('GET', `/items/appointments/${id}?fields=tags`)).tags ?? []).not.toContain('tried');
	});

	it('applies the time of day to a date-only field, and repeats it', async () => {
		const contact = await create('contacts', { last_name: marker(), subscription_date: '2031-07-04' });
		const rule = { name: 'Renewal', collection: 'contacts', trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time: '09:00', recurrence: 'yearly' }, conditions: null, actions: [tag] };

		const response = await dryRun({ rule, item: contact });

		// 2 July 2031, 09:00 EDT (UTC−4).
		expect(response.body.data).toMatchObject({ event: 'date', listens: true, matched: true, occurrence: '2031-07-02T13:00:00.000Z', actions: [{ due_at: '2031-07-02T13:00:00.000Z', would_run: true }] });
	});

	it('says why a record has no occurrence to come, and evaluates the conditions all the same', async () => {
		const title = marker();
		const id = await appointment(title, '2021-05-04T14:00:00.000Z');

		const response = await dryRun({ rule: reminder(title), item: id });

		expect(response.status).toBe(200);
		expect(response.body.data).toMatchObject({ event: 'date', listens: false, matched: true, occurrence: null, occurrence_reason: 'its occurrence 2021-05-03T14:00:00.000Z (start_at -P1D) has passed' });
		expect(response.body.data.actions).toEqual([expect.objectContaining({ would_run: false, due_at: null, reason: expect.stringContaining('no occurrence to come') })]);
	});

	it('answers 400 at event for a record event', async () => {
		const id = await appointment(marker(), '2031-03-09T18:00:00.000Z');
		const response = await dryRun({ rule: reminder('x'), item: id, event: 'updated' });
		expect(response.status).toBe(400);
		expect(response.body.errors[0].message).toMatch(/^event: /);
		expect((await dryRun({ rule: reminder('x'), item: id, event: 'date' })).status).toBe(200);
	});
});

describe('dry run of a schedule-triggered rule', () => {
	/** The first Monday 09:00 in New York after `after`, counted on the calendar. */
	function nextMonday9(after: Date): string {
		const tz = 'America/New_York';
		for (let day = 0; day < 8; day++) {
			const ymd = addDaysYmd(zonedParts(after, tz).ymd, day);
			const at = zonedTimeToUtc(ymd, '09:00', tz);
			if (zonedParts(at, tz).weekday === 'mon' && at.getTime() > after.getTime()) return at.toISOString();
		}
		throw new Error('no Monday within a week');
	}

	it('reports the next run of the cron in the CRM time zone, and whether the record matches', async () => {
		const title = marker();
		const id = await appointment(title, '2031-03-09T18:00:00.000Z');
		const rule = { name: 'Monday digest', collection: 'appointments', trigger: { type: 'schedule', cron: '0 9 * * 1' }, conditions: { title: { _eq: title } }, actions: [tag] };
		const expected = nextMonday9(new Date());

		const matching = await dryRun({ rule, item: id });
		const other = await dryRun({ rule: { ...rule, conditions: { title: { _eq: `${title} not` } } }, item: id });

		expect(matching.status).toBe(200);
		expect(matching.body.data).toMatchObject({ event: 'schedule', listens: true, matched: true, occurrence: expected, actions: [{ due_at: expected, would_run: true }] });
		expect(other.body.data).toMatchObject({ event: 'schedule', listens: true, matched: false, occurrence: expected, actions: [{ would_run: false, reason: 'the conditions do not hold' }] });
	});
});

describe('dry run of a from → to rule', () => {
	it('matches only when the posted previous values hold the "from" value, relational paths included', async () => {
		const account = await create('accounts', { name: `Renamed ${marker()}` });
		const contact = await create('contacts', { last_name: marker(), city: 'Boston', account });
		const rule = {
			name: 'Moved to Boston',
			collection: 'contacts',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { city: { _eq: 'Boston' } },
			previous_conditions: { _and: [{ city: { _eq: 'Salem' } }, { account: { name: { _eq: 'Old name' } } }] },
			actions: [tag],
		};
		const tried = async (previous?: Record<string, unknown>) => (await dryRun({ rule, item: contact, event: 'updated', ...(previous ? { previous } : {}) })).body.data;

		const none = await tried();
		expect(none).toMatchObject({ listens: true, matched: false, trace: { previous_conditions: null }, actions: [{ would_run: false }] });
		const otherCity = await tried({ city: 'Lynn', 'account.name': 'Old name' });
		expect(otherCity).toMatchObject({ matched: false, trace: { previous_conditions: { result: false } } });
		const sameName = await tried({ city: 'Salem' });
		expect(sameName).toMatchObject({ matched: false });

		const from = await tried({ city: 'Salem', 'account.name': 'Old name' });
		expect(from).toMatchObject({ listens: true, matched: true, actions: [{ would_run: true }] });
		expect(from.trace.previous_conditions).toMatchObject({ result: true, children: [{ path: 'city', actual: 'Salem', result: true }, { path: 'account.name', actual: 'Old name', result: true }] });
		// The record itself is returned as it is.
		expect(from.record).toMatchObject({ city: 'Boston' });
	});
});

describe('dry run of a saved rule’s draft (rule_id with rule)', () => {
	it('evaluates the draft through the saved rule’s execution memory', async () => {
		const lead = await create('leads', { name: `Lead ${marker()}` });
		const saved = { name: 'Once per lead', collection: 'leads', trigger: { type: 'event', events: ['updated'] }, execution: 'first_time', conditions: null, actions: [tag] };
		const id = await createRule(saved);
		await data('PATCH', `/items/leads/${lead}`, { city: 'Salem' });
		await settledJobs(id, lead, 1);
		const draft = { ...saved, name: 'Once per lead, renamed', actions: [tag, { ...tag, options: { add: ['again'] } }] };

		const alone = await dryRun({ rule: draft, item: lead, event: 'updated' });
		expect(alone.body.data).toMatchObject({ matched: true, actions: [{ would_run: true }, { would_run: true }] });
		expect(alone.body.data.gate).toBeUndefined();

		const withId = await dryRun({ rule_id: id, rule: draft, item: lead, event: 'updated' });
		expect(withId.status).toBe(200);
		expect(withId.body.data).toMatchObject({
			rule: { name: 'Once per lead, renamed' },
			matched: true,
			gate: expect.stringContaining('first_time'),
			actions: [{ would_run: false, reason: expect.stringContaining('already ran once') }, { would_run: false }],
		});

		// The draft's own execution mode decides: every time has no memory to stop it.
		const everyTime = await dryRun({ rule_id: id, rule: { ...draft, execution: 'every_time' }, item: lead, event: 'updated' });
		expect(everyTime.body.data).toMatchObject({ matched: true, actions: [{ would_run: true }, { would_run: true }] });
	});

	it('answers 404 for a rule_id that names no saved rule, as rule_id alone does', async () => {
		const lead = await create('leads', { name: `Lead ${marker()}` });
		const rule = { name: 'Draft', collection: 'leads', trigger: { type: 'event', events: ['updated'] }, conditions: null, actions: [] };
		const missing = '00000000-0000-4000-8000-000000000000';
		expect((await dryRun({ rule_id: missing, item: lead, event: 'updated' })).status).toBe(404);
		expect((await dryRun({ rule_id: missing, rule, item: lead, event: 'updated' })).status).toBe(404);
	});
});
