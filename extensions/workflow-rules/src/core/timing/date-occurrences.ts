/**
 * When a date trigger fires for one record (SPEC §3 `{"type":"date", field, offset, time,
 * recurrence}`): at the field's value plus the offset, at `time` on the CRM time zone's wall clock
 * for date-only fields, repeating every month or year when asked. The k-th repetition is counted
 * from the field's own value (k months or years later, day clamped to the month's last day), so a
 * Jan 31 monthly reminder falls on Feb 28 and then on Mar 31, and a Feb 29 yearly one on Feb 28 of
 * other years. And the inverse the tick needs: which field values can have an occurrence in a
 * window, as ranges an index can answer.
 */
import type { Recurrence } from '../rule/rule-types.js';
import { addCalendarMonths, dateDays, parseDuration, timeMilliseconds, type Duration } from './iso-duration.js';
import { addDurationInZone, isValidYmd, zonedParts, zonedTimeToUtc } from './zoned-time.js';

export interface DateSchedule {
	/** Added to the field's value (negative = before); null = none. */
	offset: Duration | null;
	/** `HH:MM` on the wall clock of `timeZone`, for date-only fields; ignored for datetimes. */
	time: string;
	recurrence: Recurrence;
	timeZone: string;
	/** The field holds a date (`YYYY-MM-DD`), not an instant. */
	dateOnly: boolean;
}

/** A field's value: `YYYY-MM-DD` for a date-only field, an instant for a datetime. */
export type FieldValue = string | Date;

/** A field value as Directus reads it (`YYYY-MM-DD` for dates, an ISO text for instants); null when empty or unreadable. */
export function fieldValue(value: unknown): FieldValue | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
	if (typeof value !== 'string' || value === '') return null;
	if (isValidYmd(value)) return value;
	const instant = new Date(value);
	return Number.isNaN(instant.getTime()) ? null : instant;
}

const MS_PER_DAY = 86_400_000;
/** More repetitions than any stored date can need (a century of monthly occurrences): a guard against a runaway loop. */
const MAX_STEPS = 1_300;

/** The schedule of a date trigger, or null when its offset is not a duration (validation refuses those). */
export function dateSchedule(trigger: { offset?: string | null; time?: string | null; recurrence?: Recurrence | null }, timeZone: string, dateOnly: boolean): DateSchedule | null {
	const offset = trigger.offset ? parseDuration(trigger.offset) : null;
	if (trigger.offset && !offset) return null;
	return { offset, time: trigger.time || '00:00', recurrence: trigger.recurrence ?? 'none', timeZone, dateOnly };
}

/** Months between repetitions; 0 when the trigger does not repeat. */
export function stepMonths(recurrence: Recurrence): number {
	return recurrence === 'yearly' ? 12 : recurrence === 'monthly' ? 1 : 0;
}

/** The k-th occurrence (k = 0 is the field's own value plus the offset). */
export function occurrenceAt(schedule: DateSchedule, value: FieldValue, k: number): Date {
	const months = k * stepMonths(schedule.recurrence);
	let base: Date;
	if (schedule.dateOnly) {
		const ymd = typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
		if (!isValidYmd(ymd)) throw new RangeError(`invalid date "${String(value)}"`);
		const anchor = new Date(addCalendarMonths(Date.parse(`${ymd}T00:00:00Z`), months)).toISOString().slice(0, 10);
		base = zonedTimeToUtc(anchor, schedule.time, schedule.timeZone);
	} else {
		const instant = typeof value === 'string' ? new Date(value) : value;
		if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid instant "${String(value)}"`);
		base = months === 0 ? instant : addDurationInZone(instant, { ...ZERO, months }, schedule.timeZone);
	}
	return schedule.offset ? addDurationInZone(base, schedule.offset, schedule.timeZone) : base;
}

/** The occurrences of one record's value in the window (from, to], in order. */
export function occurrencesBetween(schedule: DateSchedule, value: FieldValue, from: Date, to: Date): Date[] {
	const found: Date[] = [];
	for (let k = firstStep(schedule, value, from), steps = 0; steps < MAX_STEPS; k += 1, steps += 1) {
		const at = occurrenceAt(schedule, value, k);
		if (at.getTime() > to.getTime()) break;
		if (at.getTime() > from.getTime()) found.push(at);
		if (stepMonths(schedule.recurrence) === 0) break;
	}
	return found;
}

/** The first occurrence strictly after `after`, or null when there is none (a one-off already past). */
export function nextOccurrence(schedule: DateSchedule, value: FieldValue, after: Date): Date | null {
	for (let k = firstStep(schedule, value, after), steps = 0; steps < MAX_STEPS; k += 1, steps += 1) {
		const at = occurrenceAt(schedule, value, k);
		if (at.getTime() > after.getTime()) return at;
		if (stepMonths(schedule.recurrence) === 0) return null;
	}
	return null;
}

/** A step at or before the first occurrence after `from`: the month distance, less one step for the offset and clamping. */
function firstStep(schedule: DateSchedule, value: FieldValue, from: Date): number {
	const step = stepMonths(schedule.recurrence);
	if (step === 0) return 0;
	const first = occurrenceAt(schedule, value, 0);
	const months = monthIndex(from) - monthIndex(first);
	return Math.max(0, Math.floor(months / step) - 1);
}

function monthIndex(date: Date): number {
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Inclusive range of field values: `YYYY-MM-DD` strings for date-only fields, instants otherwise. */
export type ValueRange = { from: string; to: string } | { from: Date; to: Date };

/**
 * The ranges of field values whose occurrence falls in (from, to], within the values stored
 * (`bounds`, the field's min and max): one per repetition count that can reach the window. Each
 * range is exact (an occurrence is a non-decreasing function of the value, so the values reaching
 * the window are one interval per repetition, found by bisection); callers still check each
 * record with `occurrencesBetween`, which also tells the occurrence itself.
 */
export function valueRangesFor(schedule: DateSchedule, from: Date, to: Date, bounds: { min: FieldValue; max: FieldValue }): ValueRange[] {
	const space = valueSpace(schedule);
	const min = space.toPoint(bounds.min);
	const max = space.toPoint(bounds.max);
	if (min > max || to.getTime() <= from.getTime()) return [];

	const step = stepMonths(schedule.recurrence);
	// Repetitions that can bring a stored value into the window: from the latest value's to the earliest's, a step either side.
	const kFirst = step === 0 ? 0 : Math.max(0, Math.floor((monthIndex(from) - monthIndex(space.toDate(max))) / step) - 1);
	const kLast = step === 0 ? 0 : Math.max(0, Math.ceil((monthIndex(to) - monthIndex(space.toDate(min))) / step) + 1);

	const ranges: ValueRange[] = [];
	for (let k = kFirst; k <= kLast && k - kFirst < MAX_STEPS; k += 1) {
		const at = (point: number) => occurrenceAt(schedule, space.toValue(point), k).getTime();
		const guess = space.guess(to, k);
		let low = guess - space.margin;
		let high = guess + space.margin;
		// Widen until the bracket holds the interval: at(low) ≤ from and at(high) > to.
		for (let widen = 0; at(low) > from.getTime() && widen < 40; widen += 1) low -= space.margin * 2 ** widen;
		for (let widen = 0; at(high) <= to.getTime() && widen < 40; widen += 1) high += space.margin * 2 ** widen;

		const first = Math.max(min, firstPoint(low, high, (point) => at(point) > from.getTime()));
		const last = Math.min(max, firstPoint(low, high, (point) => at(point) > to.getTime()) - 1);
		if (first <= last) ranges.push(space.range(first, last));
	}
	// More repetitions reach back to earlier values: reversed, the ranges come in value order.
	return ranges.reverse();
}

/** The smallest point in (low, high] for which the non-decreasing predicate holds (high if none before). */
function firstPoint(low: number, high: number, holds: (point: number) => boolean): number {
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (holds(middle)) high = middle;
		else low = middle;
	}
	return high;
}

interface ValueSpace {
	/** Whole days (date-only) or milliseconds (datetime) since the epoch. */
	toPoint: (value: FieldValue) => number;
	toValue: (point: number) => FieldValue;
	toDate: (point: number) => Date;
	/** A point whose k-th occurrence is near `at`: `at` less k steps and the offset. */
	guess: (at: Date, k: number) => number;
	/** Bracket half-width: covers month clamping, DST and the time of day. */
	margin: number;
	range: (first: number, last: number) => ValueRange;
}

function valueSpace(schedule: DateSchedule): ValueSpace {
	const months = (k: number) => -(k * stepMonths(schedule.recurrence)) - signedMonths(schedule.offset);
	const offsetMs = schedule.offset ? schedule.offset.sign * (dateDays(schedule.offset) * MS_PER_DAY + timeMilliseconds(schedule.offset)) : 0;
	if (schedule.dateOnly) {
		const ymdOf = (point: number) => new Date(point * MS_PER_DAY).toISOString().slice(0, 10);
		return {
			toPoint: (value) => Math.floor(Date.parse(`${typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)}T00:00:00Z`) / MS_PER_DAY),
			toValue: ymdOf,
			toDate: (point) => new Date(point * MS_PER_DAY),
			guess: (at, k) => Math.floor(addCalendarMonths(Date.parse(`${zonedParts(at, schedule.timeZone).ymd}T00:00:00Z`) - offsetMs, months(k)) / MS_PER_DAY),
			margin: 4,
			range: (first, last) => ({ from: ymdOf(first), to: ymdOf(last) }),
		};
	}
	return {
		toPoint: (value) => (typeof value === 'string' ? new Date(value) : value).getTime(),
		toValue: (point) => new Date(point),
		toDate: (point) => new Date(point),
		guess: (at, k) => addCalendarMonths(at.getTime() - offsetMs, months(k)),
		margin: 4 * MS_PER_DAY,
		range: (first, last) => ({ from: new Date(first), to: new Date(last) }),
	};
}

function signedMonths(offset: Duration | null): number {
	return offset ? offset.sign * (offset.years * 12 + offset.months) : 0;
}

const ZERO: Duration = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
