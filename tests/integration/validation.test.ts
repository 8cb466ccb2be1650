/** Bad input is refused with a 400 that names the field, and nothing is written. */
import { describe, expect, it } from 'vitest';
import { api, count, data } from '../support/api.js';
import { slot } from '../support/booking.js';

interface ErrorBody {
	errors: { message: string; extensions: { code: string; field?: string } }[];
}

async function appointment(overrides: Record<string, unknown> = {}) {
	return { title: 'Validation probe', ...(await slot('Haircut in salon')), ...overrides };
}

function fieldsNamed(body: ErrorBody): string[] {
	return body.errors.map((error) => error.extensions.field ?? '');
}

describe('field validation', () => {
	it('refuses a status outside the enum, naming the field', async () => {
		const before = await count('appointments');
		const response = await api<ErrorBody>('POST', '/items/appointments', await appointment({ status: 'postponed' }));

		expect(response.status).toBe(400);
		expect(response.body.errors[0]!.extensions.code).toBe('FAILED_VALIDATION');
		expect(fieldsNamed(response.body)).toContain('status');
		expect(await count('appointments')).toBe(before);
	});

	it('refuses an enum change on update and keeps the record as it was', async () => {
		const created = await data<{ id: string; status: string }>('POST', '/items/calls', { subject: 'Enum probe', status: 'scheduled', start_at: '2031-03-04T15:00:00Z' });
		const response = await api<ErrorBody>('PATCH', `/items/calls/${created.id}`, { status: 'lost' });

		expect(response.status).toBe(400);
		expect(fieldsNamed(response.body)).toContain('status');
		expect((await data<{ status: string }>('GET', `/items/calls/${created.id}`)).status).toBe('scheduled');
		await data('DELETE', `/items/calls/${created.id}`);
	});

	it('accepts every valid value, and null for an optional enum', async () => {
		const created = await data<{ id: string; location: string | null }>('POST', '/items/appointments', await appointment({ status: 'scheduled', location: null }));
		expect(created.location).toBeNull();
		await data('DELETE', `/items/appointments/${created.id}`);
	});

	it('refuses a missing required field, naming it', async () => {
		const before = await count('appointments');
		const { start_at: _omitted, ...withoutStart } = await appointment();
		const response = await api<ErrorBody>('POST', '/items/appointments', withoutStart);

		expect(response.status).toBe(400);
		expect(fieldsNamed(response.body)).toContain('start_at');
		expect(await count('appointments')).toBe(before);
	});

	it('refuses clearing a required field on update', async () => {
		const [deal] = await data<{ id: string }[]>('GET', '/items/deals?limit=1&fields=id');
		const response = await api<ErrorBody>('PATCH', `/items/deals/${deal!.id}`, { stage: null });

		expect(response.status).toBe(400);
		expect(fieldsNamed(response.body)).toContain('stage');
	});
});
