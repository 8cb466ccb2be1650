import { defineHook } from '@directus/extensions-sdk';
import type { Knex } from 'knex';
import { assertAppointmentWrite } from '../server/catalogue/booking-guard.js';

/** Booking checks and the worksheet gate, before an appointment write is stored. */
export default defineHook(({ filter }) => {
	filter('appointments.items.create', async (payload, _meta, context) => {
		await assertAppointmentWrite(payload as Record<string, unknown>, null, context.database as Knex);
		return payload;
	});

	filter('appointments.items.update', async (payload, meta, context) => {
		await assertAppointmentWrite(payload as Record<string, unknown>, meta['keys'] as (string | number)[], context.database as Knex);
		return payload;
	});
});
