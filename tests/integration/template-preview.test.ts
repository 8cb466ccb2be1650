/**
 * POST /workflows/templates/preview renders a template, or every template of an action, against a
 * real item as the action would (relations loaded), for callers who may read that item.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { roleUser } from '../support/roles.js';
import { slot } from '../support/booking.js';
import { serviceId } from '../support/rules.js';

const preview = (body: Record<string, unknown>, token?: string) => api('POST', '/workflows/templates/preview', body, token);

describe('template preview', () => {
	// May read contacts only.
	const readerRole = roleUser('Contact reader', [{ collection: 'contacts', action: 'read' }]);
	let appointment: string;

	beforeAll(async () => {
		const booking = await slot('Lawn care');
		appointment = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Mow the {{ 7 | times: 6 }} lawns', service: await serviceId('Lawn care'), start_at: booking.start_at, end_at: booking.end_at })).id;
	});

	it('renders a template with the relations it names, and record values stay data', async () => {
		const answer = await preview({ collection: 'appointments', item: appointment, template: '{{ record.service.name | upcase }}: {{ record.title }}' });
		expect(answer.status).toBe(200);
		expect(answer.body.data.rendered).toEqual({ template: 'LAWN CARE: Mow the {{ 7 | times: 6 }} lawns' });
	});

	it('renders every template of an action, by option path', async () => {
		const answer = await preview({
			collection: 'appointments',
			item: appointment,
			previous: { title: 'Before' },
			action: { type: 'update_fields', options: { values: { title: '{{ previous.title }} → {{ record.title | size }}', location: 'fixed text', notes: '{{ rule | default: "no rule" }}' } } },
		});
		expect(answer.status).toBe(200);
		expect(answer.body.data.rendered).toEqual({
			'action.options.values.title': 'Before → 32',
			'action.options.values.notes': 'no rule',
		});
	});

	it('answers a broken template with 400, its path, line and column', async () => {
		const answer = await preview({ collection: 'appointments', item: appointment, template: 'Hello\n  {{ record.title | no_such_filter }}' });
		expect(answer.status).toBe(400);
		const [error] = answer.body.errors;
		expect(error.extensions).toMatchObject({ code: 'INVALID_TEMPLATE', path: 'template', line: 2, column: 3 });
		expect(error.message).toContain('no_such_filter');

		const files = await preview({ collection: 'appointments', item: appointment, template: "{% include 'package.json' %}" });
		expect(files.status).toBe(400);
		expect(files.body.errors[0].message).toContain('templates cannot read files');
	});

	it('answers 403 to a caller who may not read the item, as GET /items does', async () => {
		const direct = await api('GET', `/items/appointments/${appointment}`, undefined, readerRole.token);
		const answer = await preview({ collection: 'appointments', item: appointment, template: '{{ record.title }}' }, readerRole.token);
		expect(direct.status).toBe(403);
		expect(answer.status).toBe(direct.status);
		expect(JSON.stringify(answer.body)).not.toContain('lawns');
	});

	it('refuses bad input with 400 naming the field', async () => {
		for (const [body, field] of [
			[{ item: appointment, template: 'x' }, 'collection'],
			[{ collection: 'appointments', template: 'x' }, 'item'],
			[{ collection: 'appointments', item: appointment }, 'template'],
			[{ collection: 'appointments', item: appointment, action: { type: 'fax', options: {} } }, 'action.type'],
			[{ collection: 'appointments', item: appointment, action: { type: 'tag', options: {} } }, 'action.options'],
		] as const) {
			const answer = await preview(body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
			expect(answer.body.errors[0].message).toContain(field);
		}
	});
});
