/**
 * `GET /workflows/services/:id/slots?from&days&duration&step&limit`: the service's next free slots,
 * for a caller who may read the service (403 as `GET /items/services/:id` otherwise).
 */
import type { Accountability } from '@directus/types';
import { readSlotQuery } from '../../core/catalogue/slot-query.js';
import { BadRequestError } from '../errors.js';
import { bookable } from './bookable-service.js';
import { slotJson } from './booking-refusal.js';
import { readCrmSettings } from './crm-settings.js';
import { serviceFreeSlots, type SlotReaderDeps } from './service-free-slots.js';
import type { ProposedSlotJson } from '../errors.js';

export interface ServiceSlotsAnswer {
	data: ProposedSlotJson[];
	/** The CRM's time zone, on whose wall clock the slots are laid out. */
	time_zone: string;
}

export async function serviceSlots(deps: SlotReaderDeps & { accountability: Accountability }, id: string, raw: Record<string, unknown>, now = new Date()): Promise<ServiceSlotsAnswer> {
	// Directus decides, with the caller's permissions: 403 for a service they may not read or that does not exist.
	await new deps.ItemsService('services', { schema: deps.schema, accountability: deps.accountability }).readOne(id, { fields: ['id'] });
	// Every availability field counts, whichever of them the caller's role may read.
	const row = (await deps.knex('services').where('id', id).first()) as Record<string, unknown>;
	const service = bookable(row);

	const settings = await readCrmSettings(deps.knex);
	const query = readSlotQuery(raw, service, now, settings.timezone);
	if ('problem' in query) throw new BadRequestError(query);
	try {
		const slots = await serviceFreeSlots(deps, id, service, settings, query);
		const withMembers = await mayReadAppointments(deps);
		return { data: slots.map((slot) => slotJson(slot, withMembers)), time_zone: settings.timezone };
	} catch (error) {
		// freeSlots names what it cannot work with ("step must be …"): still the caller's parameter.
		if (error instanceof RangeError) throw new BadRequestError({ field: error.message.split(' ')[0] ?? 'query', problem: error.message });
		throw error;
	}
}

/** Who is free when is read from appointments: named only to a caller Directus lets read them. */
async function mayReadAppointments(deps: SlotReaderDeps & { accountability: Accountability }): Promise<boolean> {
	if (deps.accountability.admin) return true;
	try {
		await new deps.ItemsService('appointments', { schema: deps.schema, accountability: deps.accountability }).readByQuery({ fields: ['id'], limit: 1 });
		return true;
	} catch (error) {
		if ((error as { code?: unknown } | null)?.code === 'FORBIDDEN') return false;
		throw error;
	}
}
