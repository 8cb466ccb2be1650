/**
 * The query of `GET /workflows/services/:id/slots` read into what freeSlots takes, or the first
 * parameter that is wrong and why (the endpoint answers 400 naming it). Pure.
 */
import { durationInRange, type BookableService } from './booking-check.js';
import { defaultSlotDuration, MAX_SLOT_DAYS, MAX_SLOT_LIMIT, MIN_SLOT_STEP } from './free-slots.js';
import { isValidYmd, zonedTimeToUtc } from '../timing/zoned-time.js';

export const DEFAULT_SLOT_DAYS = 7;
const DAY_MINUTES = 1440;

export interface SlotQuery {
	from: Date;
	days: number;
	duration: number;
	step?: number;
	limit?: number;
}

export interface SlotQueryProblem {
	field: string;
	problem: string;
}

type Raw = Record<string, unknown>;

/** `tz`: the CRM's time zone, in which a `from` without an offset is read. */
export function readSlotQuery(raw: Raw, service: BookableService, now: Date, tz: string): SlotQuery | SlotQueryProblem {
	const from = readFrom(raw['from'], now, tz);
	if (!(from instanceof Date)) return from;

	const days = wholeNumber(raw, 'days', 1, MAX_SLOT_DAYS, DEFAULT_SLOT_DAYS);
	if (typeof days !== 'number') return days;

	const duration = wholeNumber(raw, 'duration', 1, DAY_MINUTES, defaultSlotDuration(service));
	if (typeof duration !== 'number') return duration;
	if (!durationInRange(service, duration)) {
		return { field: 'duration', problem: `must be within the service's ${service.duration_min ?? 1} to ${service.duration_max ?? DAY_MINUTES} minutes, not ${duration}` };
	}

	const step = wholeNumber(raw, 'step', MIN_SLOT_STEP, DAY_MINUTES, undefined);
	if (typeof step === 'object') return step;
	const limit = wholeNumber(raw, 'limit', 1, MAX_SLOT_LIMIT, undefined);
	if (typeof limit === 'object') return limit;

	return { from, days, duration, ...(step === undefined ? {} : { step }), ...(limit === undefined ? {} : { limit }) };
}

/** Furthest ahead a search may start: a booking help, not a calendar of the next centuries. */
const MAX_FROM_YEARS = 10;
/** `2026-12-03`, `2026-12-03T09:00`, `…:00`, `….000`, each with an optional `Z` or `±hh:mm`. */
const ISO_FROM = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;
const FROM_PROBLEM = 'must be an ISO date or date and time such as 2026-12-03 or 2026-12-03T09:00 (CRM time zone) or 2026-12-03T09:00:00Z';

/**
 * An ISO date is that day from 00:00, and a time without an offset is a wall-clock time, both in the
 * CRM's time zone, where the service's hours are read; an offset or Z is an exact moment. No slot
 * is proposed in the past: an earlier `from`, or none, reads as now.
 */
function readFrom(value: unknown, now: Date, tz: string): Date | SlotQueryProblem {
	if (value === undefined || value === '') return now;
	const match = typeof value === 'string' ? ISO_FROM.exec(value) : null;
	if (!match || !isValidYmd(match[1]!)) return { field: 'from', problem: FROM_PROBLEM };
	const [, ymd, hours, minutes, , offset] = match;
	const date = offset ? new Date(value as string) : zonedTimeToUtc(ymd!, hours === undefined ? '00:00' : `${hours}:${minutes}`, tz);
	if (Number.isNaN(date.getTime())) return { field: 'from', problem: FROM_PROBLEM };
	const latest = new Date(now);
	latest.setUTCFullYear(latest.getUTCFullYear() + MAX_FROM_YEARS);
	if (date.getTime() > latest.getTime()) return { field: 'from', problem: `must be within ${MAX_FROM_YEARS} years from now` };
	return date.getTime() < now.getTime() ? now : date;
}

function wholeNumber<T extends number | undefined>(raw: Raw, field: string, min: number, max: number, fallback: T): number | T | SlotQueryProblem {
	const value = raw[field];
	if (value === undefined || value === '') return fallback;
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) return { field, problem: `must be a whole number from ${min} to ${max}` };
	return number;
}
