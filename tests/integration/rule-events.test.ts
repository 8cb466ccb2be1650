/**
 * SPEC §4: each appointment and call event fires exactly when it should and not otherwise,
 * derived from the before and after state of real writes through the REST API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { cleanUpRules, createRecorder, eventually, newRuns, runsOf } from '../support/rules.js';

const APPOINTMENT_EVENTS = ['created', 'updated', 'deleted', 'scheduled', 'rescheduled', 'cancelled', 'completed', 'reassigned', 'modified', 'overdue'];
const CALL_EVENTS = ['created', 'updated', 'deleted', 'logged', 'scheduled', 'ringing', 'on_hold', 'completed', 'missed', 'cancelled', 'rescheduled', 'reassigned', 'overdue', 'modified'];

const HOUR = 3_600_000;
const future = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

cleanUpRules('all');

/** Makes a write, then returns the events it fired as the recorder saw them, sorted. */
async function eventsOf(recorder: string, item: string, write: () => Promise<unknown>): Promise<string[]> {
	const before = (await runsOf(recorder, item)).length;
	await write();
	return (await newRuns(recorder, item, before)).flatMap((run) => run.events).sort();
}

describe('appointment events', () => {
	let recorder: string;
	let members: string[];

	beforeAll(async () => {
		members = (await data<{ id: string }[]>('GET', '/users?filter[title][_nempty]=true&fields=id&limit=2')).map((user) => user.id);
	});

	async function book(extra: Record<string, unknown> = {}): Promise<{ id: string; events: string[] }> {
		let id = '';
		const created = async () => {
			id = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Event probe', ...(await slot('Haircut in salon')), status: 'scheduled', ...extra })).id;
		};
		await created();
		const runs = await eventually(() => runsOf(recorder, id), (runs) => runs.length > 0, 15_000, 'create runs');
		return { id, events: runs.flatMap((run) => run.events).sort() };
	}

	const patch = (id: string, body: Record<string, unknown>) => () => data('PATCH', `/items/appointments/${id}`, body);

	beforeAll(async () => {
		recorder = await createRecorder('appointments', APPOINTMENT_EVENTS);
	});

	it('booking fires created and scheduled', async () => {
		expect((await book()).events).toEqual(['created', 'scheduled']);
	});

	it('changing the address is a modification, not a reschedule', async () => {
		const { id } = await book();
		expect(await eventsOf(recorder, id, patch(id, { address: '12 Elm Street, Boston' }))).toEqual(['modified', 'updated']);
	});

	it('moving start or end reschedules', async () => {
		const { id } = await book();
		const later = await slot('Haircut in salon', { nth: 1 });
		expect(await eventsOf(recorder, id, patch(id, { start_at: later.start_at, end_at: later.end_at }))).toEqual(['modified', 'rescheduled', 'updated']);
		const longer = await slot('Haircut in salon', { nth: 1, minutes: 45 });
		expect(await eventsOf(recorder, id, patch(id, { end_at: longer.end_at }))).toEqual(['modified', 'rescheduled', 'updated']);
	});

	it('writing the same times again reschedules nothing', async () => {
		const { id } = await book();
		const current = await data<{ start_at: string }>('GET', `/items/appointments/${id}?fields=start_at`);
		expect(await eventsOf(recorder, id, patch(id, { start_at: current.start_at }))).toEqual(['updated']);
	});

	it('a new owner is a reassignment', async () => {
		const { id } = await book({ owner: members[0] });
		expect(await eventsOf(recorder, id, patch(id, { owner: members[1] }))).toEqual(['modified', 'reassigned', 'updated']);
	});

	it('completing and cancelling fire once, when the status becomes that value', async () => {
		const first = await book();
		expect(await eventsOf(recorder, first.id, patch(first.id, { status: 'completed' }))).toEqual(['completed', 'modified', 'updated']);
		expect(await eventsOf(recorder, first.id, patch(first.id, { status: 'completed', title: 'Renamed' }))).toEqual(['modified', 'updated']);

		const second = await book();
		expect(await eventsOf(recorder, second.id, patch(second.id, { status: 'cancelled', cancellation_reason: 'Customer away' }))).toEqual(['cancelled', 'modified', 'updated']);
	});

	it('a cancelled appointment moved in time is not rescheduled', async () => {
		const { id } = await book({ status: 'cancelled' });
		const later = await slot('Haircut in salon', { nth: 2 });
		expect(await eventsOf(recorder, id, patch(id, { start_at: later.start_at, end_at: later.end_at }))).toEqual(['modified', 'updated']);
	});

	it('an appointment whose end passed while scheduled becomes overdue, once', async () => {
		const { id } = await book({ ...(await slot('Haircut in salon', { nth: -1 })) });
		const runs = await eventually(() => runsOf(recorder, id), (runs) => runs.some((run) => run.events.includes('overdue')), 15_000, 'overdue event');
		expect((await data<{ status: string }>('GET', `/items/appointments/${id}?fields=status`)).status).toBe('overdue');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await runsOf(recorder, id)).filter((run) => run.events.includes('overdue'))).toHaveLength(runs.filter((run) => run.events.includes('overdue')).length);
	});

	it('deleting fires deleted', async () => {
		const { id } = await book();
		expect(await eventsOf(recorder, id, () => data('DELETE', `/items/appointments/${id}`))).toEqual(['deleted']);
	});

	it('a batch delete fires deleted once per item, each seeing its record', async () => {
		const a = await book({ title: 'Batch delete A' });
		const b = await book({ title: 'Batch delete B' });
		const beforeA = (await runsOf(recorder, a.id)).length;
		const beforeB = (await runsOf(recorder, b.id)).length;
		await data('DELETE', '/items/appointments', [a.id, b.id]);
		expect((await newRuns(recorder, a.id, beforeA)).flatMap((run) => run.events)).toEqual(['deleted']);
		const [deletedB] = await newRuns(recorder, b.id, beforeB);
		expect(deletedB).toMatchObject({ event: 'deleted', trace: { conditions: { path: 'id', actual: b.id } } });
	});

	it('a batch update fires one set of events per item', async () => {
		const a = await book();
		const b = await book();
		const beforeA = (await runsOf(recorder, a.id)).length;
		const beforeB = (await runsOf(recorder, b.id)).length;
		await data('PATCH', '/items/appointments', { keys: [a.id, b.id], data: { status: 'cancelled' } });
		expect((await newRuns(recorder, a.id, beforeA)).flatMap((run) => run.events).sort()).toEqual(['cancelled', 'modified', 'updated']);
		expect((await newRuns(recorder, b.id, beforeB)).flatMap((run) => run.events).sort()).toEqual(['cancelled', 'modified', 'updated']);
	});
});

describe('call events', () => {
	let recorder: string;
	let owners: string[];

	beforeAll(async () => {
		recorder = await createRecorder('calls', CALL_EVENTS);
		owners = (await data<{ id: string }[]>('GET', '/users?filter[title][_nempty]=true&fields=id&limit=2')).map((user) => user.id);
	});

	async function call(body: Record<string, unknown>): Promise<{ id: string; events: string[] }> {
		const id = (await data<{ id: string }>('POST', '/items/calls', { subject: 'Call probe', direction: 'outbound', start_at: future(24), ...body })).id;
		const runs = await eventually(() => runsOf(recorder, id), (runs) => runs.length > 0, 15_000, 'create runs');
		return { id, events: runs.flatMap((run) => run.events).sort() };
	}

	const patch = (id: string, body: Record<string, unknown>) => () => data('PATCH', `/items/calls/${id}`, body);

	it('a call created scheduled is scheduled; one created with another status is logged', async () => {
		expect((await call({ status: 'scheduled' })).events).toEqual(['created', 'scheduled']);
		expect((await call({ status: 'completed', start_at: new Date(Date.now() - HOUR).toISOString(), duration_seconds: 300 })).events).toEqual(['completed', 'created', 'logged']);
		expect((await call({ status: 'missed', start_at: new Date(Date.now() - HOUR).toISOString() })).events).toEqual(['created', 'logged', 'missed']);
	});

	it.each(['ringing', 'on_hold', 'completed', 'missed', 'cancelled'])('status becoming %s fires %s', async (status) => {
		const { id } = await call({ status: 'scheduled' });
		expect(await eventsOf(recorder, id, patch(id, { status }))).toEqual([status, 'modified', 'updated'].sort());
	});

	it('moving a scheduled call reschedules it; moving a finished call does not', async () => {
		const scheduled = await call({ status: 'scheduled' });
		expect(await eventsOf(recorder, scheduled.id, patch(scheduled.id, { start_at: future(30) }))).toEqual(['modified', 'rescheduled', 'updated']);

		const done = await call({ status: 'completed', start_at: new Date(Date.now() - HOUR).toISOString() });
		expect(await eventsOf(recorder, done.id, patch(done.id, { start_at: new Date(Date.now() - 2 * HOUR).toISOString() }))).toEqual(['modified', 'updated']);
	});

	it('changing the purpose is a modification only; a new owner a reassignment', async () => {
		const { id } = await call({ status: 'scheduled', owner: owners[0] });
		expect(await eventsOf(recorder, id, patch(id, { purpose: 'Follow-up' }))).toEqual(['modified', 'updated']);
		expect(await eventsOf(recorder, id, patch(id, { owner: owners[1] }))).toEqual(['modified', 'reassigned', 'updated']);
	});

	it('a scheduled call 30 minutes past its start becomes overdue', async () => {
		const late = await call({ status: 'scheduled', start_at: new Date(Date.now() - 31 * 60_000).toISOString() });
		await eventually(() => runsOf(recorder, late.id), (runs) => runs.some((run) => run.events.includes('overdue')), 15_000, 'overdue call');

		const recent = await call({ status: 'scheduled', start_at: new Date(Date.now() - 10 * 60_000).toISOString() });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await runsOf(recorder, recent.id)).flatMap((run) => run.events)).not.toContain('overdue');
		expect((await data<{ status: string }>('GET', `/items/calls/${recent.id}?fields=status`)).status).toBe('scheduled');
	});

	it('deleting fires deleted', async () => {
		const { id } = await call({ status: 'scheduled' });
		expect(await eventsOf(recorder, id, () => data('DELETE', `/items/calls/${id}`))).toEqual(['deleted']);
	});
});
