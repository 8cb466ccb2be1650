/**
 * The next free slots of a stored service (issue 11): its members, and the times they are taken,
 * read by the server, handed to the pure freeSlots. A member's agenda is read only to know whether
 * they are free: what comes out is slot times and the ids of the members free for each.
 */
import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import type { BookableService } from '../../core/catalogue/booking-check.js';
import { freeSlots, memberAvailability, type BusyInterval } from '../../core/catalogue/free-slots.js';
import type { SlotQuery } from '../../core/catalogue/slot-query.js';
import { toDate } from '../db/rows.js';
import type { ItemsServiceClass } from '../engine/record-reader.js';
import type { CrmSettings } from './crm-settings.js';

export interface SlotReaderDeps {
	knex: Knex;
	schema: SchemaOverview;
	ItemsService: ItemsServiceClass;
	/** Where a refusal's proposal that could not be made is told. */
	logger?: { warn(message: string): void };
}

export interface ProposedSlot {
	start: Date;
	end: Date;
	/** The service's members free for the whole slot; empty when the service has none. */
	members: string[];
}

/** Appointment statuses that hold their slot: scheduled, and overdue (the engine turns scheduled into overdue; not yet closed). */
export const OPEN_APPOINTMENT_STATUSES = ['scheduled', 'overdue'] as const;
const DAY_MS = 86_400_000;

export async function serviceFreeSlots(
	deps: SlotReaderDeps,
	/** Null for a service created along with the appointment: it has no members yet. */
	serviceId: string | number | null,
	service: BookableService,
	settings: CrmSettings,
	query: SlotQuery & { ignoreAppointments?: readonly (string | number)[] },
): Promise<ProposedSlot[]> {
	const members = serviceId === null ? [] : await serviceMembers(deps.knex, serviceId);
	// Local days are at most 25 hours long: one more day covers every slot the query can propose.
	const until = new Date(query.from.getTime() + (query.days + 1) * DAY_MS);
	const busy = members.length > 0 ? await busyIntervals(deps, members, query.from, until, query.ignoreAppointments ?? []) : [];
	const slots = freeSlots({ service, settings, from: query.from, days: query.days, duration: query.duration, step: query.step, limit: query.limit, members, busy });
	const freeFor = memberAvailability(members, busy);
	return slots.map(({ start, end }) => ({ start, end, members: freeFor(start, end) }));
}

/** The service's members in the order they were added. */
async function serviceMembers(knex: Knex, serviceId: string | number): Promise<string[]> {
	const rows = (await knex('services_members').where('services_id', serviceId).orderBy('id').select('directus_users_id')) as { directus_users_id: unknown }[];
	return rows.map((row) => row.directus_users_id).filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * The open appointments that overlap [from, until) and that one of `members` owns or attends, as
 * one busy interval per member concerned. Read through Directus (no accountability: the server's
 * own read) so timestamps compare alike on SQLite and PostgreSQL.
 */
async function busyIntervals(deps: SlotReaderDeps, members: string[], from: Date, until: Date, ignore: readonly (string | number)[]): Promise<BusyInterval[]> {
	const appointments = new deps.ItemsService('appointments', { schema: deps.schema, knex: deps.knex, accountability: null });
	const filter: Record<string, unknown>[] = [
		{ status: { _in: [...OPEN_APPOINTMENT_STATUSES] } },
		{ start_at: { _lt: until.toISOString() } },
		{ end_at: { _gt: from.toISOString() } },
		{ _or: [{ owner: { _in: members } }, { members: { directus_users_id: { _in: members } } }] },
	];
	if (ignore.length > 0) filter.push({ id: { _nin: [...ignore] } });
	const rows = await appointments.readByQuery({ filter: { _and: filter }, fields: ['start_at', 'end_at', 'owner', 'members.directus_users_id'], limit: -1 }, { emitEvents: false });

	const busy: BusyInterval[] = [];
	for (const row of rows) {
		const start = toDate(row['start_at']);
		const end = toDate(row['end_at']);
		if (!start || !end) continue;
		const attendees = ((row['members'] as { directus_users_id: unknown }[] | null) ?? []).map((member) => member.directus_users_id);
		for (const member of new Set([row['owner'], ...attendees])) {
			if (typeof member === 'string' && members.includes(member)) busy.push({ member, start, end });
		}
	}
	return busy;
}
