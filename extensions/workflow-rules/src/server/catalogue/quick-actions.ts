import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { UNAVAILABILITY_PRESETS, unavailableUntil, type UnavailabilityPreset } from '../../core/catalogue/unavailability-presets.js';
import type { Item, ItemsServiceClass } from '../engine/record-reader.js';
import { BadRequestError } from '../errors.js';
import { readCrmSettings } from './crm-settings.js';

export interface QuickActionDeps {
	knex: Knex;
	schema: SchemaOverview;
	ItemsService: ItemsServiceClass;
	/** The caller's: permissions apply as if they edited the service in the studio. */
	accountability: Accountability;
}

const NOT_COPIED = ['id', 'date_created', 'date_updated', 'user_created', 'user_updated'];

function services(deps: QuickActionDeps) {
	return new deps.ItemsService('services', { schema: deps.schema, accountability: deps.accountability });
}

async function update(deps: QuickActionDeps, id: string, values: Item): Promise<Item> {
	const items = services(deps);
	await items.updateOne(id, values);
	return items.readOne(id);
}

/** Marks a service temporarily unavailable; the time is computed in the CRM's time zone. */
export async function markUnavailable(deps: QuickActionDeps, id: string, body: { preset?: unknown; until?: unknown }, now = new Date()): Promise<Item> {
	const preset = body.preset as UnavailabilityPreset;
	if (!UNAVAILABILITY_PRESETS.includes(preset)) throw new BadRequestError({ field: 'preset', problem: `must be one of ${UNAVAILABILITY_PRESETS.join(', ')}` });

	const { timezone } = await readCrmSettings(deps.knex);
	const until = unavailableUntil(preset, now, timezone, body.until);
	if (typeof until === 'string') throw new BadRequestError({ field: 'until', problem: until });
	return update(deps, id, { unavailable_until: until.toISOString() });
}

export function markUnused(deps: QuickActionDeps, id: string): Promise<Item> {
	return update(deps, id, { status: 'unused' });
}

export function markAvailable(deps: QuickActionDeps, id: string): Promise<Item> {
	return update(deps, id, { status: 'active', unavailable_until: null });
}

/** A new service with the same fields and members, named "<name> (copy)". */
export async function cloneService(deps: QuickActionDeps, id: string): Promise<Item> {
	const items = services(deps);
	const source = await items.readOne(id, { fields: ['*', 'members.directus_users_id'] });
	const copy: Item = Object.fromEntries(Object.entries(source).filter(([field]) => !NOT_COPIED.includes(field)));
	copy['name'] = `${String(source['name'])} (copy)`;
	copy['members'] = ((source['members'] as { directus_users_id: unknown }[] | null) ?? []).map((member) => ({ directus_users_id: member.directus_users_id }));
	const created = await items.createOne(copy);
	return items.readOne(created, { fields: ['*', 'members.directus_users_id'] });
}
