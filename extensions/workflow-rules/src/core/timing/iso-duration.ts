/**
 * ISO 8601 durations (`P1D`, `-PT30M`, `P1Y2M3DT4H5M6.5S`, `P2W`) with an optional leading sign,
 * as used by rule offsets (negative = before). Arithmetic here is in UTC; `addDurationInZone` in
 * zoned-time.ts applies the date part on the wall clock of a time zone so that `P1D` across a DST
 * switch lands on the same local time.
 */

export interface Duration {
	/** -1 for a leading `-` (the whole duration is subtracted), else 1. */
	sign: 1 | -1;
	years: number;
	months: number;
	weeks: number;
	days: number;
	hours: number;
	minutes: number;
	/** May be fractional (`PT1.5S`). */
	seconds: number;
}

const DURATION = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const MS_PER_SECOND = 1000;
const MS_PER_DAY = 86_400_000;
/**
 * A century, whichever designators spell it (`P100Y`, `P1200M`, `P36525D`): far beyond any
 * reminder, and far inside what a JavaScript Date and the databases can represent, so that adding
 * an offset to any stored date still gives a date.
 */
export const MAX_DURATION_YEARS = 100;
const MAX_DURATION_DAYS = MAX_DURATION_YEARS * 365.25;
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * The duration, or null when `text` is not an ISO 8601 duration (`P`, `PT`, `1D`, `P1DT`, ...) or
 * spans more than MAX_DURATION_YEARS.
 */
export function parseDuration(text: string): Duration | null {
	const duration = parseDurationText(text);
	return duration && withinBounds(duration) ? duration : null;
}

/** Why `text` is not a usable duration, or null when it is one. */
export function durationProblem(text: string): string | null {
	const duration = parseDurationText(text);
	if (!duration) return 'must be an ISO 8601 duration such as P1D or -PT30M';
	if (!withinBounds(duration)) return `must span at most ${MAX_DURATION_YEARS} years`;
	return null;
}

function withinBounds(duration: Duration): boolean {
	const days = (duration.years * 12 + duration.months) * DAYS_PER_MONTH + dateDays(duration) + timeMilliseconds(duration) / MS_PER_DAY;
	// Also false for NaN, and for Infinity from a designator of hundreds of digits.
	return days <= MAX_DURATION_DAYS;
}

function parseDurationText(text: string): Duration | null {
	const match = DURATION.exec(text);
	if (!match) return null;

	const [, sign, years, months, weeks, days, hours, minutes, seconds] = match;
	const hasDatePart = [years, months, weeks, days].some((part) => part !== undefined);
	const hasTimePart = [hours, minutes, seconds].some((part) => part !== undefined);
	if (!hasDatePart && !hasTimePart) return null;
	// `P1DT` (a time designator with nothing after it) is not a duration.
	if (!hasTimePart && text.includes('T')) return null;

	return {
		sign: sign === '-' ? -1 : 1,
		years: toNumber(years),
		months: toNumber(months),
		weeks: toNumber(weeks),
		days: toNumber(days),
		hours: toNumber(hours),
		minutes: toNumber(minutes),
		seconds: toNumber(seconds?.replace(',', '.')),
	};
}

export function isIsoDuration(text: unknown): text is string {
	return typeof text === 'string' && parseDuration(text) !== null;
}

/**
 * `date` moved by `duration`, in UTC: years and months move the calendar month and clamp the day to
 * that month's last day (Jan 31 + P1M = Feb 28/29), weeks and days add 24 h each, the time part adds
 * elapsed time. For wall-clock days in a zone with DST use `addDurationInZone` (zoned-time.ts).
 */
export function addDuration(date: Date, duration: Duration): Date {
	const shifted = addCalendarMonths(date.getTime(), duration.sign * (duration.years * 12 + duration.months));
	return new Date(shifted + duration.sign * (dateDays(duration) * MS_PER_DAY + timeMilliseconds(duration)));
}

/** The canonical text of a duration (`-P1DT2H`); a zero duration is `PT0S`. */
export function durationToString(duration: Duration): string {
	const date = part(duration.years, 'Y') + part(duration.months, 'M') + part(duration.weeks, 'W') + part(duration.days, 'D');
	const seconds = duration.seconds ? `${Number(duration.seconds.toFixed(3))}S` : '';
	const time = part(duration.hours, 'H') + part(duration.minutes, 'M') + seconds;
	if (!date && !time) return 'PT0S';
	return `${duration.sign < 0 ? '-' : ''}P${date}${time ? `T${time}` : ''}`;
}

/** Whole days of the date part that are not calendar months (weeks and days). */
export function dateDays(duration: Duration): number {
	return duration.weeks * 7 + duration.days;
}

/** The exact elapsed time of the time part (hours, minutes, seconds), unsigned. */
export function timeMilliseconds(duration: Duration): number {
	return Math.round(((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * MS_PER_SECOND);
}

/**
 * `epochMs` moved by a number of calendar months in UTC, keeping the time of day and clamping the day
 * of month. Also used on "wall clock as UTC" instants by the zoned arithmetic.
 */
export function addCalendarMonths(epochMs: number, months: number): number {
	if (months === 0) return epochMs;
	const date = new Date(epochMs);
	const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
	const year = Math.floor(monthIndex / 12);
	const month = monthIndex - year * 12;
	const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
	const target = new Date(epochMs);
	target.setUTCFullYear(year, month, day);
	return target.getTime();
}

/** Days in a month, `month` 0-based. */
export function daysInMonth(year: number, month: number): number {
	if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 31;
}

function toNumber(text: string | undefined): number {
	return text === undefined ? 0 : Number(text);
}

function part(value: number, designator: string): string {
	return value ? `${value}${designator}` : '';
}
