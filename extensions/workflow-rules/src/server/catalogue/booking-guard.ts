import type { Knex } from 'knex';
import { isUuid } from '../../core/rule/action-options.js';
import { bookingRefusals, durationInRange, isUnused } from '../../core/catalogue/booking-check.js';
import { defaultSlotDuration } from '../../core/catalogue/free-slots.js';
import { zonedParts, zonedTimeToUtc } from '../../core/timing/zoned-time.js';
import { sameValue } from '../../core/events/index.js';
import { isTrue, toDate } from '../db/rows.js';
import { BadRequestError } from '../errors.js';
import { bookable } from './bookable-service.js';
import { bookingRefusalErrors, worksheetRequiredError } from './booking-refusal.js';
import { readCrmSettings, type CrmSettings } from './crm-settings.js';
import { OPEN_APPOINTMENT_STATUSES, serviceFreeSlots, type SlotReaderDeps } from './service-free-slots.js';

type Item = Record<string, unknown>;
const BOOKING_FIELDS = ['service', 'start_at', 'end_at', 'status'] as const;
const SLOT_FIELDS = ['service', 'start_at', 'end_at'] as const;
/** Slots proposed with a refusal: the next few, within two weeks of the day asked for. */
const PROPOSAL_DAYS = 14;
const PROPOSAL_LIMIT = 5;
const OPEN_STATUSES: readonly unknown[] = OPEN_APPOINTMENT_STATUSES;

/** The service object of a nested create or update (`{ name, status, … }`), or null for a key. */
function inlineService(value: unknown): Item | null {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Item) : null;
}

/** The key a relation holds or a nested update names; undefined for a nested create. */
function keyOf(value: unknown): unknown {
	const inline = inlineService(value);
	return inline ? inline['id'] : value;
}

/**
 * The checks an appointment write must pass before it is stored (SPEC §7): an open booking
 * (scheduled or overdue) that is new, reopened, or moved to another slot or service must fit its
 * service and the business hours, and an appointment can only become completed once its worksheet
 * exists, where worksheets are required. Only writes that change service, start, end or status are
 * checked, against the appointment as it will be; closing one (cancelled, completed) never runs the
 * catalogue checks.
 */
export async function assertAppointmentWrite(payload: Item, keys: (string | number)[] | null, deps: SlotReaderDeps): Promise<void> {
	const { knex } = deps;
	if (keys && !BOOKING_FIELDS.some((field) => field in payload)) return;

	const stored: (Item | null)[] = keys ? await knex('appointments').whereIn('id', keys) : [null];
	// Read once per write, and only when a check needs them: batch updates touch many appointments.
	let settings: Promise<CrmSettings> | null = null;
	const crmSettings = () => (settings ??= readCrmSettings(knex));
	const inline = inlineService(payload['service']);
	if (!keys || 'service' in payload) assertServiceGiven(payload['service']);

	for (const before of stored) {
		const after: Item = { status: 'scheduled', ...(before ?? {}), ...payload };
		if (before && !inline && BOOKING_FIELDS.every((field) => sameValue(keyOf(before[field]), keyOf(after[field])))) continue;

		const open = OPEN_STATUSES.includes(after['status']);
		// scheduled → overdue keeps the slot it was booked with: only a new or moved booking is checked.
		const booking = open && (!before || !OPEN_STATUSES.includes(before['status']) || inline !== null || SLOT_FIELDS.some((field) => !sameValue(keyOf(before[field]), keyOf(after[field]))));
		const completing = after['status'] === 'completed' && before?.['status'] !== 'completed';
		if (!booking && !completing) continue;

		const service = await serviceOf(after['service'], knex);
		if (!service) continue; // an appointment stored without one: nothing to check it against
		if (booking) await assertBookable(service, after, await crmSettings(), deps, keys ?? []);
		if (completing) await assertWorksheet(service, before, await crmSettings(), knex);
	}
}

/** Every appointment books a service: a 400 naming it, not a database error, when there is none. */
function assertServiceGiven(value: unknown): void {
	const key = keyOf(value);
	if (inlineService(value) && (key === undefined || key === null)) return; // created along with the appointment
	if (key === undefined || key === null || key === '') throw new BadRequestError({ field: 'service', problem: 'is required: an appointment books a service' });
	if (!(typeof key === 'string' && isUuid(key)) && !(typeof key === 'number' && Number.isInteger(key))) {
		throw new BadRequestError({ field: 'service', problem: `must be the id of a service, not ${JSON.stringify(key)}` });
	}
}

/**
 * The service as the write leaves it: the stored row, with the values of a nested update over it,
 * or the values of a nested create alone.
 */
async function serviceOf(value: unknown, knex: Knex): Promise<Item | null> {
	const inline = inlineService(value);
	const key = keyOf(value);
	if (key === undefined || key === null || key === '') return inline;
	const row = (await knex('services').where('id', key as string | number).first()) as Item | undefined;
	if (!row) throw new BadRequestError({ field: 'service', problem: `no service has the id ${JSON.stringify(key)}` });
	return { ...row, ...(inline ?? {}) };
}

/**
 * Refuses a booking the catalogue does not allow with every reason, each at its field, as Directus
 * throws its validation errors (an array), and proposes the service's next free slots from the day
 * asked for (never in the past), of the length asked for when the service allows it.
 */
async function assertBookable(service: Item, appointment: Item, settings: CrmSettings, deps: SlotReaderDeps, keys: readonly (string | number)[]): Promise<void> {
	const start = toDate(appointment['start_at']);
	const end = toDate(appointment['end_at']);
	if (!start || !end) return; // missing or malformed: Directus' own validation names the field
	const checked = bookable(service);
	const refusals = bookingRefusals(checked, start, end, settings);
	if (refusals.length === 0) return;

	let proposals = null;
	if (!isUnused(checked) && end.getTime() > start.getTime()) {
		const tz = settings.timezone;
		const dayAskedFor = zonedTimeToUtc(zonedParts(start, tz).ymd, '00:00', tz);
		const asked = Math.round((end.getTime() - start.getTime()) / 60_000);
		const duration = durationInRange(checked, asked) ? asked : defaultSlotDuration(checked);
		const from = new Date(Math.max(Date.now(), dayAskedFor.getTime()));
		const id = service['id'] === undefined || service['id'] === null ? null : (service['id'] as string | number);
		// The appointment being moved does not keep its own members busy.
		// The refusal is the answer: a proposal that cannot be made leaves it without slots, never a 500.
		proposals = await serviceFreeSlots(deps, id, checked, settings, { from, days: PROPOSAL_DAYS, duration, limit: PROPOSAL_LIMIT, ignoreAppointments: keys }).catch((error: unknown) => {
			deps.logger?.warn(`[workflow-rules] no free slots proposed with a refused booking: ${error instanceof Error ? error.message : String(error)}`);
			return null;
		});
	}
	throw bookingRefusalErrors(refusals, proposals, settings.timezone);
}

async function assertWorksheet(service: Item, before: Item | null, settings: CrmSettings, knex: Knex): Promise<void> {
	if (!settings.worksheets_enabled || !isTrue(service['worksheet_required'])) return;

	const worksheet = before ? await knex('worksheets').where('appointment', before['id'] as string).first('id') : undefined;
	if (!worksheet) {
		throw [worksheetRequiredError(String(service['name']))];
	}
}
