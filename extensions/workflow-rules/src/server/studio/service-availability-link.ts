/**
 * services.availability is the service itself, as a relation (see the schema and the
 * service-availability display): the list reads a service's status and unavailable_until through
 * it. A new service gets its own key there, whatever the payload says (a clone copies its
 * original's), and services written before the field existed are linked at startup.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export const SERVICES_TABLE = 'services';
export const AVAILABILITY_FIELD = 'availability';

/** The create payload with its key set (generated when absent) and linked to itself. */
export function linkNewService(payload: Record<string, unknown>): Record<string, unknown> {
	const id = typeof payload['id'] === 'string' && payload['id'] !== '' ? payload['id'] : randomUUID();
	return { ...payload, id, [AVAILABILITY_FIELD]: id };
}

/** An update never moves the link: it always is the service itself. */
export function keepServiceLink(payload: Record<string, unknown>): Record<string, unknown> {
	if (!(AVAILABILITY_FIELD in payload)) return payload;
	const { [AVAILABILITY_FIELD]: _ignored, ...rest } = payload;
	return rest;
}

/** Links every service not linked to itself yet; returns how many. No-op without the field. */
export async function linkExistingServices(knex: Knex): Promise<number> {
	if (!(await knex.schema.hasColumn(SERVICES_TABLE, AVAILABILITY_FIELD))) return 0;
	return knex(SERVICES_TABLE)
		.where((query) => query.whereNull(AVAILABILITY_FIELD).orWhereRaw('?? <> ??', [AVAILABILITY_FIELD, 'id']))
		.update({ [AVAILABILITY_FIELD]: knex.ref('id') });
}
