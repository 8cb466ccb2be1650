import type { Knex } from 'knex';
import { checkBooking, type BookableService } from '../../core/catalogue/booking-check.js';
import type { Weekday } from '../../core/timing/zoned-time.js';
import { sameValue } from '../../core/events/index.js';
import { fromJson, isTrue, toDate, toYmd } from '../db/rows.js';
import { BookingRefusedError } from '../errors.js';
import { readCrmSettings, type CrmSettings } from './crm-settings.js';

type Item = Record<string, unknown>;
const BOOKING_FIELDS = ['service', 'start_at', 'end_at', 'status'] as const;

function keyOf(value: unknown): unknown {
	return value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value;
}

/**
 * The checks an appointment write must pass before it is stored (SPEC §7): a booking that is
 * (still) scheduled must fit its service and the business hours, and an appointment can only
 * become completed once its worksheet exists, where worksheets are required. Only writes that
 * change service, start, end or status are checked, against the appointment as it will be.
 */
export async function assertAppointmentWrite(payload: Item, keys: (string | number)[] | null, knex: Knex): Promise<void> {
	if (keys && !BOOKING_FIELDS.some((field) => field in payload)) return;

	const stored: (Item | null)[] = keys ? await knex('appointments').whereIn('id', keys) : [null];
	// Read once per write, and only when a check needs them: batch updates touch many appointments.
	let settings: Promise<CrmSettings> | null = null;
	const crmSettings = () => (settings ??= readCrmSettings(knex));

	for (const before of stored) {
		const after: Item = { status: 'scheduled', ...(before ?? {}), ...payload };
		if (before && BOOKING_FIELDS.every((field) => sameValue(keyOf(before[field]), keyOf(after[field])))) continue;

		const service = (await knex('services').where('id', keyOf(after['service']) as string).first()) as Item | undefined;
		if (!service) continue; // the foreign key refuses it with its own error

		if (after['status'] === 'scheduled') assertBookable(service, after, await crmSettings());
		if (after['status'] === 'completed' && before?.['status'] !== 'completed') await assertWorksheet(service, before, await crmSettings(), knex);
	}
}

function assertBookable(service: Item, appointment: Item, settings: CrmSettings): void {
	const start = toDate(appointment['start_at']);
	const end = toDate(appointment['end_at']);
	if (!start || !end) return; // missing or malformed: Directus' own validation names the field
	const refusal = checkBooking(bookable(service), start, end, settings);
	if (refusal) throw new BookingRefusedError({ reason: refusal.reason, field: refusal.field, problem: refusal.message });
}

async function assertWorksheet(service: Item, before: Item | null, settings: CrmSettings, knex: Knex): Promise<void> {
	if (!settings.worksheets_enabled || !isTrue(service['worksheet_required'])) return;

	const worksheet = before ? await knex('worksheets').where('appointment', before['id'] as string).first('id') : undefined;
	if (!worksheet) {
		throw new BookingRefusedError({ reason: 'worksheet_required', field: 'status', problem: `The service "${String(service['name'])}" requires a worksheet: add one for this appointment before completing it.` });
	}
}

function bookable(row: Item): BookableService {
	const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
	const number = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(value));
	return {
		name: String(row['name'] ?? ''),
		status: text(row['status']),
		unavailable_until: toDate(row['unavailable_until']),
		available_days: fromJson<Weekday[] | null>(row['available_days'], null),
		available_from: text(row['available_from']),
		available_to: text(row['available_to']),
		available_start_date: toYmd(row['available_start_date']),
		available_end_date: toYmd(row['available_end_date']),
		duration_min: number(row['duration_min']),
		duration_max: number(row['duration_max']),
	};
}
