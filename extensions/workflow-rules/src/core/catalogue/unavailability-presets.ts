/**
 * The "temporarily unavailable" quick actions of the reference pages, as the moment the service
 * becomes available again, computed in the CRM's time zone.
 */
import { addDaysYmd, zonedParts, zonedTimeToUtc } from '../timing/zoned-time.js';

export const UNAVAILABILITY_PRESETS = ['rest_of_day', 'until_tomorrow', 'end_of_week', 'end_of_month', 'until_date'] as const;
export type UnavailabilityPreset = (typeof UNAVAILABILITY_PRESETS)[number];

const WEEKDAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

/**
 * - rest_of_day: available again at the next local midnight;
 * - until_tomorrow: unavailable tomorrow too, available again the day after;
 * - end_of_week: available again on Monday 00:00 (weeks run Monday to Sunday);
 * - end_of_month: available again on the 1st of next month, 00:00;
 * - until_date: a date means unavailable through that day; a date-time is the moment itself.
 * Returns an error message instead of a date for a bad `until`.
 */
export function unavailableUntil(preset: UnavailabilityPreset, now: Date, tz: string, until?: unknown): Date | string {
	const today = zonedParts(now, tz);
	const midnight = (ymd: string) => zonedTimeToUtc(ymd, '00:00', tz);

	switch (preset) {
		case 'rest_of_day':
			return midnight(addDaysYmd(today.ymd, 1));
		case 'until_tomorrow':
			return midnight(addDaysYmd(today.ymd, 2));
		case 'end_of_week':
			return midnight(addDaysYmd(today.ymd, 7 - WEEKDAY_INDEX[today.weekday]));
		case 'end_of_month': {
			const [year, month] = today.ymd.split('-').map(Number) as [number, number];
			const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
			return midnight(next);
		}
		case 'until_date': {
			if (typeof until !== 'string' || until === '') return 'is required with the until_date preset (a date such as 2026-12-24, or a date-time)';
			const moment = /^\d{4}-\d{2}-\d{2}$/.test(until) ? midnight(addDaysYmd(until, 1)) : new Date(until);
			if (Number.isNaN(moment.getTime())) return 'must be a date such as 2026-12-24, or an ISO date-time';
			if (moment.getTime() <= now.getTime()) return 'must be in the future';
			return moment;
		}
	}
}
