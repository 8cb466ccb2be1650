import type { BookableService } from '../../core/catalogue/booking-check.js';
import type { Weekday } from '../../core/timing/zoned-time.js';
import { fromJson, toDate, toYmd } from '../db/rows.js';

/** A services row, as either database returns it, in the terms of the booking check. */
export function bookable(row: Record<string, unknown>): BookableService {
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
