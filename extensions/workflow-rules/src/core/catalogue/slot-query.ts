/**
 * The query of `GET /workflows/services/:id/slots` read into what freeSlots takes, or the first
 * parameter that is wrong and why (the endpoint answers 400 naming it). Pure.
 */
import { durationInRange, type BookableService } from './booking-check.js';
import { defaultSlotDuration, MAX_SLOT_DAYS, MAX_SLOT_LIMIT, MIN_SLOT_STEP } from './free-slots.js';

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

export function readSlotQuery(raw: Raw, service: BookableService, now: Date): SlotQuery | SlotQueryProblem {
	const from = readFrom(raw['from'], now);
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

/** No slot is proposed in the past: an earlier `from`, or none, reads as now. */
function readFrom(value: unknown, now: Date): Date | SlotQueryProblem {
	if (value === undefined || value === '') return now;
	const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
	if (Number.isNaN(date.getTime())) return { field: 'from', problem: 'must be a date and time such as 2026-12-03T09:00:00Z' };
	return date.getTime() < now.getTime() ? now : date;
}

function wholeNumber<T extends number | undefined>(raw: Raw, field: string, min: number, max: number, fallback: T): number | T | SlotQueryProblem {
	const value = raw[field];
	if (value === undefined || value === '') return fallback;
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) return { field, problem: `must be a whole number from ${min} to ${max}` };
	return number;
}
