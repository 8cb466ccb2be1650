import { defineHook } from '@directus/extensions-sdk';
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { assertAppointmentWrite } from '../server/catalogue/booking-guard.js';
import type { SlotReaderDeps } from '../server/catalogue/service-free-slots.js';
import type { ItemsServiceClass } from '../server/engine/record-reader.js';

/** Booking checks and the worksheet gate, before an appointment write is stored. */
export default defineHook(({ filter }, { services, getSchema, logger }) => {
	const ItemsService = services.ItemsService as unknown as ItemsServiceClass;
	// The write's own transaction and schema: proposals read the appointments as the write sees them.
	const deps = async (context: { database: unknown; schema: unknown }): Promise<SlotReaderDeps> => ({
		knex: context.database as Knex,
		schema: (context.schema as SchemaOverview | null) ?? (await getSchema()),
		ItemsService,
		logger,
	});

	filter('appointments.items.create', async (payload, _meta, context) => {
		await assertAppointmentWrite(payload as Record<string, unknown>, null, await deps(context));
		return payload;
	});

	filter('appointments.items.update', async (payload, meta, context) => {
		await assertAppointmentWrite(payload as Record<string, unknown>, meta['keys'] as (string | number)[], await deps(context));
		return payload;
	});
});
