/**
 * SPEC §7 and the service endpoints of §8: booking checks with their boundaries, quick actions
 * (computed in the CRM time zone, firing the services events), clone, the worksheet gate, the
 * picker, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysYmd, zonedParts, zonedTimeToUtc } from '../../extensions/workflow-rules/src/core/timing/zoned-time.js';
import { api, data } from '../support/api.js';
import { slot, weekdaySlot, type Slot } from '../support/booking.js';
import { cleanUpRules, createRecorder, newRuns, runsOf, serviceId } from '../support/rules.js';

cleanUpRules('all');

interface Refusal {
	errors: { message: string; extensions: { code: string; reason: string; field: string } }[];
}

async function book(at: Slot, extra: Record<string, unknown> = {}) {
	return api<Refusal & { data: { id: string } }>('POST', '/items/appointments', { title: 'Booking probe', status: 'scheduled', ...at, ...extra });
}

/** A refusal lists every reason as a validation error at its field: the one looked for among them. */
function refusedFor(response: { status: number; body: Refusal }, reason: string, field?: string) {
	expect(response.status, JSON.stringify(response.body)).toBe(400);
	const error = response.body.errors.find((candidate) => candidate.extensions.reason === reason);
	expect(error?.extensions, JSON.stringify(response.body)).toMatchObject({ code: 'FAILED_VALIDATION', reason, ...(field ? { field } : {}) });
	return error!.message;
}

describe('booking checks', () => {
	it('refuses an unused service, naming it', async () => {
		const at = { ...(await slot('Lawn care')), service: await serviceId('Snow removal') };
		expect(refusedFor(await book(at), 'service_unused', 'service')).toMatch(/Snow removal.*unused/);
	});

	it('refuses a temporarily unavailable service until the time it gives, and books it again once available', async () => {
		const id = await serviceId('Haircut in salon');
		const at = await slot('Haircut in salon');
		const until = addDaysYmd(at.start_at.slice(0, 10), 1);
		const marked = await data<{ unavailable_until: string }>('POST', `/workflows/services/${id}/unavailable`, { preset: 'until_date', until });

		try {
			expect(refusedFor(await book(at), 'service_unavailable', 'service')).toContain(new Date(marked.unavailable_until).toISOString());
		} finally {
			await data('POST', `/workflows/services/${id}/available`);
		}
		expect((await book(at)).status).toBe(200);
	});

	it('refuses a day the service does not run, and a time outside its hours', async () => {
		// Haircut in salon: Monday to Saturday, 09:00–18:00.
		expect(refusedFor(await book(await weekdaySlot('Haircut in salon', 'sun', '10:00', 30)), 'outside_service_days', 'start_at')).toMatch(/Sundays/);
		expect(refusedFor(await book(await weekdaySlot('Haircut in salon', 'tue', '08:30', 30)), 'outside_service_hours', 'start_at')).toMatch(/09:00 to 18:00/);
	});

	it('refuses a date outside the service range', async () => {
		const range = await data<{ available_end_date: string }>('GET', `/items/services/${await serviceId('Lawn care')}?fields=available_end_date`);
		const tooLate = await weekdaySlot('Lawn care', 'tue', '10:00', 60, Math.ceil((new Date(range.available_end_date).getTime() - Date.now()) / 86_400_000) + 1);
		expect(refusedFor(await book(tooLate), 'outside_service_dates', 'start_at')).toMatch(/outside that range/);
	});

	it('allows a booking that ends exactly at closing time, and refuses one that runs past it', async () => {
		// Saturday: the business closes at 14:00, before the salon service would.
		expect((await book(await weekdaySlot('Haircut in salon', 'sat', '13:30', 30))).status).toBe(200);
		expect(refusedFor(await book(await weekdaySlot('Haircut in salon', 'sat', '13:45', 30)), 'outside_business_hours', 'end_at')).toMatch(/09:00 to 14:00/);
	});

	it('allows a duration equal to the maximum and refuses one minute more or less than the bounds', async () => {
		// Haircut in salon lasts 30 to 45 minutes.
		expect((await book(await weekdaySlot('Haircut in salon', 'wed', '10:00', 45))).status).toBe(200);
		expect(refusedFor(await book(await weekdaySlot('Haircut in salon', 'wed', '11:00', 46)), 'duration_out_of_range', 'end_at')).toMatch(/30 to 45 minutes/);
		expect(refusedFor(await book(await weekdaySlot('Haircut in salon', 'wed', '12:00', 29)), 'duration_out_of_range')).toMatch(/lasts 29/);
	});

	it('checks a reschedule too, and leaves the appointment as it was when refused', async () => {
		const booked = await book(await slot('Haircut in salon'));
		const id = booked.body.data.id;
		const sunday = await weekdaySlot('Haircut in salon', 'sun', '10:00', 30);
		refusedFor(await api<Refusal>('PATCH', `/items/appointments/${id}`, { start_at: sunday.start_at, end_at: sunday.end_at }), 'outside_service_days');
		expect((await data<{ start_at: string }>('GET', `/items/appointments/${id}?fields=start_at`)).start_at).not.toBe(sunday.start_at);

		// Cancelling is always possible, whatever became of the service since.
		expect((await api('PATCH', `/items/appointments/${id}`, { status: 'cancelled' })).status).toBe(200);
	});
});

describe('quick actions', () => {
	const TZ = 'America/New_York';
	let service: string;
	let recorder: string;

	beforeAll(async () => {
		service = await serviceId('Window cleaning');
		recorder = await createRecorder('services', ['marked_unused', 'marked_unavailable', 'marked_available']);
	});

	afterAll(async () => {
		await data('POST', `/workflows/services/${service}/available`);
	});

	const midnightIn = (days: number) => zonedTimeToUtc(addDaysYmd(zonedParts(new Date(), TZ).ymd, days), '00:00', TZ).toISOString();

	it.each([
		['rest_of_day', () => midnightIn(1)],
		['until_tomorrow', () => midnightIn(2)],
		['end_of_week', () => midnightIn(7 - ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(zonedParts(new Date(), TZ).weekday))],
		['end_of_month', () => { const [y, m] = zonedParts(new Date(), TZ).ymd.split('-').map(Number) as [number, number]; return zonedTimeToUtc(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, '00:00', TZ).toISOString(); }],
	])('%s sets unavailable_until to the next matching midnight in the CRM time zone', async (preset, expected) => {
		await data('POST', `/workflows/services/${service}/available`);
		const marked = await data<{ unavailable_until: string }>('POST', `/workflows/services/${service}/unavailable`, { preset });
		expect(new Date(marked.unavailable_until).toISOString()).toBe(expected());
	});

	it('until_date keeps the service unavailable through that date', async () => {
		const marked = await data<{ unavailable_until: string }>('POST', `/workflows/services/${service}/unavailable`, { preset: 'until_date', until: '2031-12-24' });
		expect(new Date(marked.unavailable_until).toISOString()).toBe(zonedTimeToUtc('2031-12-25', '00:00', TZ).toISOString());
	});

	it('answers 400 naming the field for a bad preset or date', async () => {
		const badPreset = await api('POST', `/workflows/services/${service}/unavailable`, { preset: 'forever' });
		expect(badPreset.status).toBe(400);
		expect(badPreset.body.errors[0].message).toMatch(/^preset: /);
		const past = await api('POST', `/workflows/services/${service}/unavailable`, { preset: 'until_date', until: '2020-01-01' });
		expect(past.status).toBe(400);
		expect(past.body.errors[0].message).toMatch(/^until: must be in the future/);
	});

	it('fire the services events', async () => {
		// A service of its own, created available: it has no run yet, and no earlier write's
		// evaluation can still be landing while we count.
		const fresh = (await data<{ id: string }>('POST', '/items/services', { name: 'Events probe', status: 'active' })).id;
		expect(await runsOf(recorder, fresh)).toEqual([]);

		try {
			await data('POST', `/workflows/services/${fresh}/unavailable`, { preset: 'end_of_week' });
			expect((await newRuns(recorder, fresh, 0)).flatMap((run) => run.events)).toEqual(['marked_unavailable']);
			await data('POST', `/workflows/services/${fresh}/available`);
			expect((await newRuns(recorder, fresh, 1)).flatMap((run) => run.events)).toEqual(['marked_available']);
			await data('POST', `/workflows/services/${fresh}/unused`);
			expect((await newRuns(recorder, fresh, 2)).flatMap((run) => run.events)).toEqual(['marked_unused']);
			await data('POST', `/workflows/services/${fresh}/available`);
			expect((await newRuns(recorder, fresh, 3)).flatMap((run) => run.events)).toEqual(['marked_available']);
			expect(await data('GET', `/items/services/${fresh}?fields=status,unavailable_until`)).toEqual({ status: 'active', unavailable_until: null });
		} finally {
			await data('DELETE', `/items/services/${fresh}`);
		}
	});

	it('clone makes a new service with the same fields and members', async () => {
		const source = await serviceId('Home deep cleaning');
		const original = await data<Record<string, any>>('GET', `/items/services/${source}?fields=*,members.directus_users_id`);
		const copy = await data<Record<string, any>>('POST', `/workflows/services/${source}/clone`);

		expect(copy['id']).not.toBe(source);
		expect(copy['name']).toBe('Home deep cleaning (copy)');
		for (const field of ['status', 'duration_min', 'duration_max', 'location', 'available_days', 'available_from', 'available_to', 'price', 'tax_rate', 'worksheet_required', 'description', 'tags', 'owner']) {
			expect(copy[field], field).toEqual(original[field]);
		}
		const members = (item: Record<string, any>) => item['members'].map((member: { directus_users_id: string }) => member.directus_users_id).sort();
		expect(members(copy)).toEqual(members(original));
		expect(members(copy)).toHaveLength(2);
		expect(members(await data('GET', `/items/services/${source}?fields=members.directus_users_id`))).toEqual(members(original));
		// The list reads a service's availability through services.availability: the copy's is the copy, not its original.
		await expect.poll(async () => (await data<{ availability: string | null }>('GET', `/items/services/${copy['id']}?fields=availability`)).availability, { timeout: 10_000 }).toBe(copy['id']);
		await data('DELETE', `/items/services/${copy['id']}`);
	});

	it('a service is always its own availability, whatever a write sends there', async () => {
		const other = await serviceId('Lawn care');
		const created = await data<{ id: string }>('POST', '/items/services', { name: 'Linked to another', status: 'active', availability: other });
		try {
			await expect.poll(async () => (await data<{ availability: string | null }>('GET', `/items/services/${created.id}?fields=availability`)).availability, { timeout: 10_000 }).toBe(created.id);
			await data('PATCH', `/items/services/${created.id}`, { availability: other, price: 10 });
			expect(await data('GET', `/items/services/${created.id}?fields=availability,price`)).toEqual({ availability: created.id, price: expect.anything() });
		} finally {
			await data('DELETE', `/items/services/${created.id}`);
		}
	});

	it('the appointment picker leaves out unused and unavailable services, which stay in the catalogue', async () => {
		const field = await data<{ meta: { options: { filter: Record<string, unknown> } } }>('GET', '/fields/appointments/service');
		const pickerFilter = JSON.stringify(field.meta.options.filter).replace('"$NOW"', JSON.stringify(new Date().toISOString()));
		await data('POST', `/workflows/services/${service}/unavailable`, { preset: 'end_of_week' });

		const offered = (await data<{ name: string }[]>('GET', `/items/services?limit=-1&fields=name&filter=${encodeURIComponent(pickerFilter)}`)).map((row) => row.name);
		const catalogue = (await data<{ name: string }[]>('GET', '/items/services?limit=-1&fields=name')).map((row) => row.name);

		expect(offered).not.toContain('Snow removal');
		expect(offered).not.toContain('Window cleaning');
		expect(offered).toContain('Lawn care');
		expect(catalogue).toEqual(expect.arrayContaining(['Snow removal', 'Window cleaning', 'Lawn care']));
		await data('POST', `/workflows/services/${service}/available`);
	});
});

describe('worksheets', () => {
	async function setWorksheets(enabled: boolean) {
		await data('PATCH', '/items/crm_settings', { worksheets_enabled: enabled });
	}

	afterAll(() => setWorksheets(true));

	it('an appointment of a service that requires one cannot be completed until its worksheet exists', async () => {
		const booked = await book(await slot('Appliance repair'));
		const id = booked.body.data.id;

		refusedFor(await api<Refusal>('PATCH', `/items/appointments/${id}`, { status: 'completed' }), 'worksheet_required', 'status');
		expect((await data<{ status: string }>('GET', `/items/appointments/${id}?fields=status`)).status).toBe('scheduled');

		await data('POST', '/items/worksheets', { appointment: id, model_number: 'WM-3000', serial_number: 'SN-42' });
		expect((await api('PATCH', `/items/appointments/${id}`, { status: 'completed' })).status).toBe(200);
	});

	it('does not ask for one when the service does not require it, or when worksheets are switched off', async () => {
		const plain = (await book(await slot('Haircut in salon', { nth: 3 }))).body.data.id;
		expect((await api('PATCH', `/items/appointments/${plain}`, { status: 'completed' })).status).toBe(200);

		await setWorksheets(false);
		const repair = (await book(await slot('Appliance repair', { nth: 1 }))).body.data.id;
		expect((await api('PATCH', `/items/appointments/${repair}`, { status: 'completed' })).status).toBe(200);
	});
});
