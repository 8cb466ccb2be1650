/**
 * Bookable slots for tests: a day on which the service and the business are open, inside the
 * service's date range, at opening time (+ an hour), lasting the service's minimum, all read in
 * the CRM time zone, as a receptionist would pick one.
 */
import { addDaysYmd, zonedParts, zonedTimeToUtc } from '../../extensions/workflow-rules/src/core/timing/zoned-time.js';
import { data } from './api.js';

interface Service {
	id: string;
	available_days: string[] | null;
	available_from: string | null;
	available_start_date: string | null;
	available_end_date: string | null;
	duration_min: number | null;
}

interface Settings {
	timezone: string;
	business_hours: { day: string; open: string; close: string }[] | null;
}

export interface Slot {
	service: string;
	start_at: string;
	end_at: string;
}

/** The service, the CRM settings and today's date in the CRM time zone. */
async function bookingContext(serviceName: string): Promise<{ service: Service; settings: Settings; tz: string; today: string }> {
	const [service] = await data<Service[]>('GET', `/items/services?filter[name][_eq]=${encodeURIComponent(serviceName)}&limit=1`);
	if (!service) throw new Error(`No service named ${serviceName}`);
	const settings = await data<Settings>('GET', '/items/crm_settings');
	const tz = settings.timezone || 'UTC';
	return { service, settings, tz, today: zonedParts(new Date(), tz).ymd };
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const hhmm = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/**
 * The `nth` bookable day from today (0 = the first one after today; negative = counting back
 * into the past, -1 = the latest one before today).
 */
export async function slot(serviceName: string, options: { nth?: number; minutes?: number; startOffset?: number } = {}): Promise<Slot> {
	const { service, settings, tz, today } = await bookingContext(serviceName);
	const nth = options.nth ?? 0;
	const step = nth < 0 ? -1 : 1;
	let found = nth < 0 ? -1 : 0;

	for (let offset = step; Math.abs(offset) < 120; offset += step) {
		const ymd = addDaysYmd(today, offset);
		const weekday = zonedParts(zonedTimeToUtc(ymd, '12:00', tz), tz).weekday;
		const hours = settings.business_hours?.find((entry) => entry.day === weekday);
		if (settings.business_hours?.length && !hours) continue;
		if (service.available_days?.length && !service.available_days.includes(weekday)) continue;
		if (service.available_start_date && ymd < service.available_start_date.slice(0, 10)) continue;
		if (service.available_end_date && ymd > service.available_end_date.slice(0, 10)) continue;
		if (found !== nth) {
			found += step;
			continue;
		}

		const open = Math.max(minutes(service.available_from ?? '00:00'), minutes(hours?.open ?? '00:00'));
		const start = zonedTimeToUtc(ymd, hhmm(open + (options.startOffset ?? 60)), tz);
		const end = new Date(start.getTime() + (options.minutes ?? service.duration_min ?? 60) * 60_000);
		return { service: service.id, start_at: start.toISOString(), end_at: end.toISOString() };
	}

	throw new Error(`No bookable day found for ${serviceName}`);
}

/**
 * A slot on the next given weekday (at least `minDaysAhead` days from today), at a local time,
 * for a given length: for probing the edges of what can be booked.
 */
export async function weekdaySlot(serviceName: string, weekday: string, time: string, lengthMinutes: number, minDaysAhead = 1): Promise<Slot> {
	const { service, tz, today } = await bookingContext(serviceName);

	for (let offset = minDaysAhead; offset < minDaysAhead + 8; offset++) {
		const ymd = addDaysYmd(today, offset);
		if (zonedParts(zonedTimeToUtc(ymd, '12:00', tz), tz).weekday !== weekday) continue;
		const start = zonedTimeToUtc(ymd, time, tz);
		return { service: service.id, start_at: start.toISOString(), end_at: new Date(start.getTime() + lengthMinutes * 60_000).toISOString() };
	}

	throw new Error(`No ${weekday} found`);
}
