/**
 * The booking guard cannot be sidestepped: every write that makes or keeps an appointment open
 * (scheduled or overdue) on a new slot or service is checked, a service created or changed inline
 * is checked with its own values, a missing service is a 400, and closing is never blocked.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { slot, type Slot } from '../support/booking.js';

interface Refusal {
	errors: { message: string; extensions: { code: string; reason?: string; field?: string } }[];
}

const created: { services: string[]; appointments: string[] } = { services: [], appointments: [] };
const probe = randomBytes(4).toString('hex');
const OPEN = `Open probe ${probe}`;

async function newService(name: string, values: Record<string, unknown> = {}): Promise<string> {
	const service = await data<{ id: string }>('POST', '/items/services', { name, status: 'active', duration_min: 30, duration_max: 120, worksheet_required: false, ...values });
	created.services.push(service.id);
	return service.id;
}

async function book(values: Record<string, unknown>) {
	const response = await api<Refusal & { data: { id: string } }>('POST', '/items/appointments', { title: 'Guard probe', ...values });
	if (response.status === 200) created.appointments.push(response.body.data.id);
	return response;
}

/** A refusal lists every reason, each at its field: one of them is the one looked for. */
function refusedFor(response: { status: number; body: Refusal }, field: string, reason?: string): void {
	expect(response.status, JSON.stringify(response.body)).toBe(400);
	expect(response.body.errors, JSON.stringify(response.body)).toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ field, ...(reason ? { reason } : {}) }) }));
}

describe('booking guard', () => {
	let open: string;
	let at: Slot;

	beforeAll(async () => {
		open = await newService(OPEN);
		at = await slot(OPEN, { minutes: 30 });
	});

	afterAll(async () => {
		for (const id of created.appointments) await api('DELETE', `/items/appointments/${id}`);
		for (const id of created.services) await api('DELETE', `/items/services/${id}`);
	});

	it('refuses an appointment without a service with a 400 naming service', async () => {
		const { service: _service, ...withoutService } = at;
		refusedFor(await book({ status: 'scheduled', ...withoutService }), 'service');
		refusedFor(await book({ status: 'scheduled', ...withoutService, service: null }), 'service');
	});

	it('refuses a service id that is not one', async () => {
		refusedFor(await book({ status: 'scheduled', ...at, service: 'not-a-service' }), 'service');
	});

	it('checks an appointment created directly as overdue', async () => {
		const unused = await newService(`Unused probe ${probe}`, { status: 'unused' });
		refusedFor(await book({ status: 'overdue', ...at, service: unused }), 'service', 'service_unused');
		refusedFor(await book({ ...at, service: unused }), 'service', 'service_unused');
	});

	it('checks an overdue appointment moved to another slot, and one reopened onto an unused service', async () => {
		const booked = await book({ status: 'scheduled', ...at, service: open });
		expect(booked.status, JSON.stringify(booked.body)).toBe(200);
		const id = booked.body.data.id;
		expect((await api('PATCH', `/items/appointments/${id}`, { status: 'overdue' })).status).toBe(200);

		// Two hours before opening: outside business hours, whatever they are.
		const night = await slot(OPEN, { minutes: 30, startOffset: -120 });
		refusedFor(await api<Refusal>('PATCH', `/items/appointments/${id}`, { start_at: night.start_at, end_at: night.end_at }), 'start_at', 'outside_business_hours');

		const unused = await newService(`Unused later ${probe}`, { status: 'unused' });
		refusedFor(await api<Refusal>('PATCH', `/items/appointments/${id}`, { service: unused }), 'service', 'service_unused');
		expect((await data<{ status: string; service: string }>('GET', `/items/appointments/${id}?fields=status,service`))).toEqual({ status: 'overdue', service: open });

		// Closing is never the catalogue's to block, whatever became of the service.
		const other = await book({ status: 'scheduled', ...at, service: open });
		await data('PATCH', `/items/services/${open}`, { status: 'unused' });
		try {
			expect((await api('PATCH', `/items/appointments/${id}`, { status: 'cancelled', cancellation_reason: 'Service retired' })).status).toBe(200);
			expect((await api('PATCH', `/items/appointments/${other.body.data.id}`, { status: 'completed' })).status).toBe(200);
		} finally {
			await data('PATCH', `/items/services/${open}`, { status: 'active' });
		}
	});

	it('checks a service created inline with the appointment, with the values given', async () => {
		const name = `Inline probe ${probe}`;
		refusedFor(await book({ status: 'scheduled', start_at: at.start_at, end_at: at.end_at, service: { name, status: 'unused' } }), 'service', 'service_unused');
		refusedFor(await book({ status: 'scheduled', start_at: at.start_at, end_at: at.end_at, service: { name, status: 'active', duration_min: 60 } }), 'end_at', 'duration_out_of_range');
		expect((await data<unknown[]>('GET', `/items/services?filter[name][_eq]=${encodeURIComponent(name)}&fields=id`)).length).toBe(0);

		const inline = await book({ status: 'scheduled', start_at: at.start_at, end_at: at.end_at, service: { name, status: 'active' } });
		expect(inline.status, JSON.stringify(inline.body)).toBe(200);
		const [service] = await data<{ id: string }[]>('GET', `/items/services?filter[name][_eq]=${encodeURIComponent(name)}&fields=id`);
		created.services.push(service!.id);
	});

	it('checks a service changed inline to something that cannot be booked', async () => {
		const own = await newService(`Inline change ${probe}`);
		refusedFor(await book({ status: 'scheduled', start_at: at.start_at, end_at: at.end_at, service: { id: own, status: 'unused' } }), 'service', 'service_unused');
		expect((await data<{ status: string }>('GET', `/items/services/${own}?fields=status`)).status).toBe('active');
	});
});
