/**
 * services.availability is the service itself, as a relation (see the schema and the
 * service-availability display): the list reads a service's status and unavailable_until through
 * it. Writes never set it (a clone copies its original's, a user may type anything): the server
 * links a new service once it is stored, and services written before the field existed at startup.
 * The payload is only ever stripped, never added to: a role whose permissions list its fields
 * would be refused a field it did not send.
 */
import type { Knex } from 'knex';

export const SERVICES_TABLE = 'services';
export const AVAILABILITY_FIELD = 'availability';

/** A create or update payload without the link: it always is the service itself. */
export function withoutServiceLink(payload: Record<string, unknown>): Record<string, unknown> {
	if (!(AVAILABILITY_FIELD in payload)) return payload;
	const { [AVAILABILITY_FIELD]: _ignored, ...rest } = payload;
	return rest;
}

/** Links a stored service to itself (after its create). */
export async function linkService(knex: Knex, key: string | number): Promise<void> {
	await knex(SERVICES_TABLE).where('id', key).update({ [AVAILABILITY_FIELD]: key });
}

/** Links every service not linked to itself yet; returns how many. No-op without the field. */
export async function linkExistingServices(knex: Knex): Promise<number> {
	if (!(await knex.schema.hasColumn(SERVICES_TABLE, AVAILABILITY_FIELD))) return 0;
	return knex(SERVICES_TABLE)
		.where((query) => query.whereNull(AVAILABILITY_FIELD).orWhereRaw('?? <> ??', [AVAILABILITY_FIELD, 'id']))
		.update({ [AVAILABILITY_FIELD]: knex.ref('id') });
}
