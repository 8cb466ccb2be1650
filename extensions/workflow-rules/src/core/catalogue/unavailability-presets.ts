/**
 * The "temporarily unavailable" quick actions of the reference pages, as the moment the service
 * becomes available again, computed in the CRM's time zone.
 */
import { addDaysYmd, zonedParts, zonedTimeToUtc } from '../timing/zoned-time.js';

export const UNAVAILABILITY_PRESETS = ['rest_of_day', 'until_tomorrow', 'end_of_week', 'end_of_month', 'until_date'] as const;
export type UnavailabilityPreset = (typeof UNAVAILABILITY_PRESETS)[number];

const WEEKDAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;
/**
 * How far ahead `until` may be: beyond a decade it is a typo or a probe, and far enough ahead the
 * zone arithmetic and the databases' timestamp types have no answer at all.
 */
export const MAX_UNAVAILABLE_YEARS = 10;

/**
 * - rest_of_day: available again at the next local midnight;
 * - until_tomorrow: unavailable tomorrow too, available again the day after;
 * - end_of_week: available again on Monday 00:00 (weeks run Monday to Sunday);
 * - end_of_month: available again on the 1st of next month, 00:00;
 * - until_date: a date means unavailable through that day; a date-time is the moment itself; either
 *   in the future and at most MAX_UNAVAILABLE_YEARS ahead.
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
			const invalid = 'must be a date such as 2026-12-24, or an ISO date-time';
			const tooFar = `must be at most ${MAX_UNAVAILABLE_YEARS} years ahead`;
			const latest = new Date(now);
			latest.setUTCFullYear(latest.getUTCFullYear() + MAX_UNAVAILABLE_YEARS);
			const isDate = /^\d{4}-\d{2}-\d{2}$/.test(until);
			if (isDate) {
				if (addDaysYmd(until, 0) !== until) return invalid; // 2026-02-31 would roll over into March
				// Compared as text before the zone arithmetic, which has no answer past year 9999.
				if (until > latest.toISOString().slice(0, 10)) return tooFar;
			}
			const moment = isDate ? midnight(addDaysYmd(until, 1)) : new Date(until);
			if (Number.isNaN(moment.getTime())) return invalid;
			if (moment.getTime() <= now.getTime()) return 'must be in the future';
			if (!isDate && moment.getTime() > latest.getTime()) return tooFar;
			return moment;
		}
	}
}
