/**
 * Booking help (issue 11): `GET /workflows/services/:id/slots` proposes the next free slots of a
 * service within its days, hours, date range, unavailability and the business hours, on the CRM's
 * wall clock across a DST change, and only where a member is free; a refused booking lists every
 * reason at its field with those slots. Every expected time below is worked out by hand, in
 * Europe/Paris (UTC+1 until Sunday 28 March 2032, UTC+2 after; 1 March 2032 is a Monday).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { roleUser } from '../support/roles.js';

interface Slot {
	start: string;
	end: string;
	members: string[];
}

interface SlotsAnswer {
	data: Slot[];
	time_zone: string;
}

interface ErrorBody {
	errors: { message: string; extensions: Record<string, unknown> & { code: string; field?: string } }[];
}

const probe = randomBytes(4).toString('hex');
const created: { services: string[]; appointments: string[]; users: string[] } = { services: [], appointments: [], users: [] };
let originalSettings: { timezone: string | null; business_hours: unknown };

const WEEKDAY_HOURS = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, open: '08:00', close: '18:00' }));
const BUSINESS_HOURS = [...WEEKDAY_HOURS, { day: 'sat', open: '09:00', close: '12:00' }]; // closed on Sundays

async function newService(label: string, values: Record<string, unknown>): Promise<string> {
	const service = await data<{ id: string }>('POST', '/items/services', { name: `${label} ${probe}`, status: 'active', worksheet_required: false, ...values });
	created.services.push(service.id);
	return service.id;
}

async function slots(service: string, query: string, token?: string | null) {
	return api<SlotsAnswer & ErrorBody>('GET', `/workflows/services/${service}/slots?${query}`, undefined, token);
}

/** The slots' [start, end] pairs, for comparing with times written out by hand. */
async function times(service: string, query: string): Promise<[string, string][]> {
	const answer = await slots(service, query);
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	expect(answer.body.time_zone).toBe('Europe/Paris');
	return answer.body.data.map((slot) => [slot.start, slot.end]);
}

beforeAll(async () => {
	originalSettings = await data('GET', '/items/crm_settings?fields=timezone,business_hours');
	await data('PATCH', '/items/crm_settings', { timezone: 'Europe/Paris', business_hours: BUSINESS_HOURS });
});

afterAll(async () => {
	for (const id of created.appointments) await api('DELETE', `/items/appointments/${id}`);
	for (const id of created.services) await api('DELETE', `/items/services/${id}`);
	for (const id of created.users) await api('DELETE', `/users/${id}`);
	await data('PATCH', '/items/crm_settings', originalSettings);
});

describe('GET /workflows/services/:id/slots', () => {
	let weekly: string;

	beforeAll(async () => {
		// Mondays and Wednesdays, 10:00–12:00, exactly an hour, from Wednesday 3 to Wednesday 10 March 2032.
		weekly = await newService('Weekly slots', { available_days: ['mon', 'wed'], available_from: '10:00:00', available_to: '12:00:00', duration_min: 60, duration_max: 60, available_start_date: '2032-03-03', available_end_date: '2032-03-10' });
	});

	it('proposes times on the service days, within its hours and its date range', async () => {
		// Two weeks from Monday 1 March: the 1st is before the range, the 15th after it.
		expect(await times(weekly, 'from=2032-03-01T00:00:00%2B01:00&days=14')).toEqual([
			['2032-03-03T09:00:00.000Z', '2032-03-03T10:00:00.000Z'],
			['2032-03-03T09:30:00.000Z', '2032-03-03T10:30:00.000Z'],
			['2032-03-03T10:00:00.000Z', '2032-03-03T11:00:00.000Z'],
			['2032-03-08T09:00:00.000Z', '2032-03-08T10:00:00.000Z'],
			['2032-03-08T09:30:00.000Z', '2032-03-08T10:30:00.000Z'],
			['2032-03-08T10:00:00.000Z', '2032-03-08T11:00:00.000Z'],
			['2032-03-10T09:00:00.000Z', '2032-03-10T10:00:00.000Z'],
			['2032-03-10T09:30:00.000Z', '2032-03-10T10:30:00.000Z'],
			['2032-03-10T10:00:00.000Z', '2032-03-10T11:00:00.000Z'],
		]);
		// days counts local days from the date of `from`: Monday 1 to Wednesday 3 March.
		expect(await times(weekly, 'from=2032-03-01T00:00:00%2B01:00&days=3&limit=1')).toEqual([['2032-03-03T09:00:00.000Z', '2032-03-03T10:00:00.000Z']]);
		expect(await times(weekly, 'from=2032-03-01T00:00:00%2B01:00&days=2')).toEqual([]);
	});

	it('keeps within the business hours: shorter on Saturdays, none on Sundays', async () => {
		const long = await newService('Long slots', { available_from: '07:00:00', available_to: '20:00:00', duration_min: 60, duration_max: 180 });
		// Saturday 6 to Monday 8 March, two hours on a three-hour grid from the business opening.
		expect(await times(long, 'from=2032-03-06T00:00:00%2B01:00&days=3&duration=120&step=180&limit=100')).toEqual([
			['2032-03-06T08:00:00.000Z', '2032-03-06T10:00:00.000Z'], // Saturday 09:00–11:00 (12:00–14:00 is past closing)
			['2032-03-08T07:00:00.000Z', '2032-03-08T09:00:00.000Z'], // Monday 08:00–10:00
			['2032-03-08T10:00:00.000Z', '2032-03-08T12:00:00.000Z'], // 11:00–13:00
			['2032-03-08T13:00:00.000Z', '2032-03-08T15:00:00.000Z'], // 14:00–16:00 (17:00–19:00 is past closing)
		]);
	});

	it('proposes nothing before the end of a temporary unavailability', async () => {
		const paused = await newService('Paused slots', { duration_min: 60, duration_max: 60, unavailable_until: '2032-03-09T10:15:00.000Z' });
		// Unavailable until Tuesday 9 March 11:15 Paris: the first hour on the grid after it is 12:00.
		expect(await times(paused, 'from=2032-03-08T00:00:00%2B01:00&days=2&step=60&limit=100')).toEqual([
			['2032-03-09T11:00:00.000Z', '2032-03-09T12:00:00.000Z'],
			['2032-03-09T12:00:00.000Z', '2032-03-09T13:00:00.000Z'],
			['2032-03-09T13:00:00.000Z', '2032-03-09T14:00:00.000Z'],
			['2032-03-09T14:00:00.000Z', '2032-03-09T15:00:00.000Z'],
			['2032-03-09T15:00:00.000Z', '2032-03-09T16:00:00.000Z'],
			['2032-03-09T16:00:00.000Z', '2032-03-09T17:00:00.000Z'],
		]);
	});

	it('keeps the local opening time across the DST change', async () => {
		const morning = await newService('Morning slots', { available_from: '09:00:00', available_to: '10:00:00', duration_min: 60, duration_max: 60 });
		// Saturday 27 March 09:00 is UTC+1; the clocks go forward on Sunday 28 (closed); Monday 29 09:00 is UTC+2.
		expect(await times(morning, 'from=2032-03-27T00:00:00%2B01:00&days=3')).toEqual([
			['2032-03-27T08:00:00.000Z', '2032-03-27T09:00:00.000Z'],
			['2032-03-29T07:00:00.000Z', '2032-03-29T08:00:00.000Z'],
		]);
	});

	it('never proposes a time in the past: an earlier from reads as now', async () => {
		const anytime = await newService('Anytime slots', { duration_min: 60, duration_max: 60 });
		const answer = await slots(anytime, 'from=2020-01-01T00:00:00Z&days=3&limit=100');
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		expect(answer.body.data.length).toBeGreaterThan(0);
		for (const slot of answer.body.data) expect(new Date(slot.start).getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('answers 400 naming the parameter that is wrong', async () => {
		const cases: [string, string][] = [
			['from=soon', 'from'],
			['days=0', 'days'],
			['days=63', 'days'],
			['days=two', 'days'],
			['duration=30', 'duration'], // the service lasts exactly 60 minutes
			['duration=61', 'duration'],
			['step=4', 'step'],
			['limit=0', 'limit'],
			['limit=101', 'limit'],
		];
		for (const [query, field] of cases) {
			const answer = await slots(weekly, query);
			expect(answer.status, `${query}: ${JSON.stringify(answer.body)}`).toBe(400);
			expect(answer.body.errors[0]!.extensions).toMatchObject({ code: 'INVALID_PAYLOAD', field });
		}
	});
});

describe('slots of a service with members', () => {
	const servicesOnly = roleUser(`Services only ${probe}`, [{ collection: 'services', action: 'read' }]);
	let service: string;
	let ann: string;
	let bob: string;

	beforeAll(async () => {
		const user = async (name: string) => {
			const id = (await data<{ id: string }>('POST', '/users', { first_name: name, last_name: probe, email: `${name.toLowerCase()}-${probe}@example.com`, status: 'active' })).id;
			created.users.push(id);
			return id;
		};
		ann = await user('Ann');
		bob = await user('Bob');
		service = await newService('Team slots', { available_from: '09:00:00', available_to: '12:00:00', duration_min: 30, duration_max: 60, members: [{ directus_users_id: ann }, { directus_users_id: bob }] });

		const appointment = async (values: Record<string, unknown>) => {
			const id = (await data<{ id: string }>('POST', '/items/appointments', { title: `Busy ${probe}`, service, ...values })).id;
			created.appointments.push(id);
		};
		// Tuesday 9 March 2032: Ann owns 09:00–10:00, Bob attends 09:30–10:30, Ann's 10:30–11:30 is cancelled.
		await appointment({ status: 'scheduled', owner: ann, start_at: '2032-03-09T08:00:00.000Z', end_at: '2032-03-09T09:00:00.000Z' });
		await appointment({ status: 'scheduled', members: [{ directus_users_id: bob }], start_at: '2032-03-09T08:30:00.000Z', end_at: '2032-03-09T09:30:00.000Z' });
		await appointment({ status: 'cancelled', owner: ann, start_at: '2032-03-09T09:30:00.000Z', end_at: '2032-03-09T10:30:00.000Z' });
	});

	it('offers a slot only while a member has no overlapping open appointment, naming who is free', async () => {
		const answer = await slots(service, 'from=2032-03-09T00:00:00%2B01:00&days=1&duration=30&limit=100');
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		expect(answer.body.data).toEqual([
			{ start: '2032-03-09T08:00:00.000Z', end: '2032-03-09T08:30:00.000Z', members: [bob] }, // 09:00: Ann is busy
			// 09:30: both are busy
			{ start: '2032-03-09T09:00:00.000Z', end: '2032-03-09T09:30:00.000Z', members: [ann] }, // 10:00: Ann's ended, Bob's runs
			{ start: '2032-03-09T09:30:00.000Z', end: '2032-03-09T10:00:00.000Z', members: [ann, bob] }, // the cancelled one holds nothing
			{ start: '2032-03-09T10:00:00.000Z', end: '2032-03-09T10:30:00.000Z', members: [ann, bob] },
			{ start: '2032-03-09T10:30:00.000Z', end: '2032-03-09T11:00:00.000Z', members: [ann, bob] },
		]);
	});

	it('names who is free only to a caller who may read appointments: to others, the same slots, times only', async () => {
		const answer = await slots(service, 'from=2032-03-09T00:00:00%2B01:00&days=1&duration=30&limit=3', servicesOnly.token);
		expect(answer.status, JSON.stringify(answer.body)).toBe(200);
		expect(answer.body.data).toEqual([
			{ start: '2032-03-09T08:00:00.000Z', end: '2032-03-09T08:30:00.000Z' },
			{ start: '2032-03-09T09:00:00.000Z', end: '2032-03-09T09:30:00.000Z' },
			{ start: '2032-03-09T09:30:00.000Z', end: '2032-03-09T10:00:00.000Z' },
		]);
	});
});

describe('who may ask for slots', () => {
	const reader = roleUser(`Service reader ${probe}`, [{ collection: 'services', action: 'read' }]);
	const stranger = roleUser(`No services ${probe}`, [{ collection: 'contacts', action: 'read' }]);
	let service: string;

	beforeAll(async () => {
		service = await newService('Visible slots', { available_from: '09:00:00', available_to: '10:00:00', duration_min: 60, duration_max: 60 });
	});

	it('answers a role that may read the service, and 403 as GET /items does to one that may not', async () => {
		const allowed = await slots(service, 'from=2032-03-08T00:00:00%2B01:00&days=1', reader.token);
		expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
		// Times only: this role may not read appointments, where the members' agendas are.
		expect(allowed.body.data).toEqual([{ start: '2032-03-08T08:00:00.000Z', end: '2032-03-08T09:00:00.000Z' }]);
		// A bare date is that day from 00:00 in the CRM's time zone (Paris), not UTC midnight.
		expect((await slots(service, 'from=2032-03-08&days=1', reader.token)).body.data).toEqual(allowed.body.data);

		expect((await api('GET', `/items/services/${service}`, undefined, stranger.token)).status).toBe(403);
		const refused = await slots(service, 'days=1', stranger.token);
		expect(refused.status).toBe(403);
		expect(refused.body.errors[0]!.extensions.code).toBe('FORBIDDEN');
		expect((await slots(service, 'days=1', null)).status).toBe(403);
	});

	it('answers a service that does not exist as GET /items does', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const items = await api('GET', `/items/services/${missing}`, undefined, reader.token);
		expect(items.status).toBe(403);
		expect((await slots(missing, 'days=1', reader.token)).status).toBe(403);
		expect((await slots('not-a-uuid', 'days=1', reader.token)).status).toBe(403);
	});
});

describe('a refused booking', () => {
	it('lists every reason at its field, with the next free slots', async () => {
		const service = await newService('Refusing slots', { available_days: ['mon', 'wed'], available_from: '10:00:00', available_to: '12:00:00', duration_min: 60, duration_max: 60, available_start_date: '2032-03-03', available_end_date: '2032-03-10' });
		// Sunday 7 March 2032, 07:00–07:30 Paris: not a service day, before its hours, the business closed, too short.
		const refused = await api<ErrorBody>('POST', '/items/appointments', { title: `Refused ${probe}`, status: 'scheduled', service, start_at: '2032-03-07T06:00:00.000Z', end_at: '2032-03-07T06:30:00.000Z' });
		expect(refused.status, JSON.stringify(refused.body)).toBe(400);

		const errors = refused.body.errors.map((error) => error.extensions);
		expect(errors.map((error) => [error.code, error.field, error['reason']])).toEqual([
			['FAILED_VALIDATION', 'start_at', 'outside_service_days'],
			['FAILED_VALIDATION', 'start_at', 'outside_service_hours'],
			['FAILED_VALIDATION', 'start_at', 'outside_business_hours'],
			['FAILED_VALIDATION', 'end_at', 'duration_out_of_range'],
		]);
		for (const error of errors) expect(error['collection']).toBe('appointments');

		// The next hour-long slots from that Sunday: Monday 8 and Wednesday 10 March, 10:00 Paris on.
		const nextFree = [
			{ start: '2032-03-08T09:00:00.000Z', end: '2032-03-08T10:00:00.000Z' },
			{ start: '2032-03-08T09:30:00.000Z', end: '2032-03-08T10:30:00.000Z' },
			{ start: '2032-03-08T10:00:00.000Z', end: '2032-03-08T11:00:00.000Z' },
			{ start: '2032-03-10T09:00:00.000Z', end: '2032-03-10T10:00:00.000Z' },
			{ start: '2032-03-10T09:30:00.000Z', end: '2032-03-10T10:30:00.000Z' },
		];
		for (const error of errors) expect(error['next_free']).toEqual(nextFree);

		// The first reason at the start time says which times to pick, as the studio shows it at the field.
		expect(errors[0]).toMatchObject({ type: 'in', valid: 'Mon 8 Mar 10:00, Mon 8 Mar 10:30, Mon 8 Mar 11:00' });
		expect(errors[0]!['validation_message']).toBe(`The service "Refusing slots ${probe}" is not available on Sundays (only Monday, Wednesday). Next free: Mon 8 Mar 10:00, Mon 8 Mar 10:30, Mon 8 Mar 11:00 (Europe/Paris).`);
		expect(errors[1]).toMatchObject({ type: 'gte', valid: '10:00', validation_message: `The service "Refusing slots ${probe}" is available from 10:00 to 12:00 (Europe/Paris).` });
		expect(errors[2]).toMatchObject({ type: 'neq', invalid: 'a Sunday', validation_message: 'The business is closed on Sundays.' });
		expect(errors[3]).toMatchObject({ type: 'gte', valid: '2032-03-07 08:00', validation_message: `The service "Refusing slots ${probe}" lasts 60 to 60 minutes; this appointment lasts 30.` });
		expect(JSON.stringify(refused.body)).not.toContain('BOOKING_REFUSED');
	});
});
