/**
 * The one comparison of database values, shared by the conditions and the change detector.
 * Drivers hand back numbers as strings ("120.00" from a PostgreSQL decimal), booleans as 0/1
 * (SQLite), timestamps as Date objects or ISO strings (with a space and no zone from SQLite), JSON
 * arrays as arrays or JSON text. Values order numerically when both read as numbers,
 * chronologically when both are date-like, by time of day when both are times, else as text;
 * equality is stricter with two strings (see `looseEquals`).
 */

/** Canonical decimals only: "007", "+33612345678" (zip codes, phone numbers) stay text even against a number. */
const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

export function isNil(value: unknown): value is null | undefined {
	return value === null || value === undefined;
}

export function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
	return null;
}

/**
 * Milliseconds since the epoch for a Date or a date-like string. A timestamp without a zone is
 * UTC (how Directus stores them); a date-only value is midnight UTC of that day.
 */
export function toTimestamp(value: unknown): number | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
	if (typeof value !== 'string' || !looksLikeDate(value)) return null;
	const match = DATE.exec(value.trim());
	if (!match) return null;
	const [, day, time, zone] = match;
	const offset = zone === undefined ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
	const ms = Date.parse(`${day}T${time ?? '00:00:00'}${time === undefined ? 'Z' : offset}`);
	return Number.isNaN(ms) ? null : ms;
}

/** A cheap test before the regular expression: most strings compared are not dates. */
function looksLikeDate(value: string): boolean {
	const start = value.length - value.trimStart().length;
	return value.length - start >= 10 && value.charCodeAt(start + 4) === 45 /* - */ && value.charCodeAt(start + 7) === 45;
}

/** Seconds since midnight for a time of day ("09:00", "09:00:00"). */
export function toSecondsOfDay(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const match = TIME.exec(value.trim());
	if (!match) return null;
	return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

/** true/false, 1/0, "1"/"0", "true"/"false"; null for anything else. */
export function toBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === '1' || value === 'true') return true;
	if (value === 0 || value === '0' || value === 'false') return false;
	return null;
}

/** An array, or JSON text holding one; null for anything else. */
export function toList(value: unknown): unknown[] | null {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string' || !value.trim().startsWith('[')) return null;
	try {
		const parsed: unknown = JSON.parse(value);
		return Array.isArray(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

/** The text of a scalar (a Date as ISO); null for null, arrays and objects. */
export function toText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	return null;
}

type Reading = (value: unknown) => number | null;

const TEMPORAL: Reading[] = [toTimestamp, toSecondsOfDay];
const ANY: Reading[] = [toNumber, ...TEMPORAL];

/** Negative, zero or positive; null when the two cannot be ordered (a null, an object). */
export function compareValues(a: unknown, b: unknown): number | null {
	return compareAs(a, b, ANY);
}

/**
 * Equality as a filter means it: null only equals null, booleans accept 1/0. Two strings are
 * equal as text, or as the same instant or time of day written differently, never as numbers:
 * "+16175551234" and "16175551234" are two phone numbers. (Ordering them numerically stays: text
 * order of numerals means nothing, and PostgreSQL returns decimals as text.)
 */
export function looseEquals(a: unknown, b: unknown): boolean {
	if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
	if (typeof a === 'boolean' || typeof b === 'boolean') {
		const x = toBoolean(a);
		return x !== null && x === toBoolean(b);
	}
	if (typeof a === 'object' && !(a instanceof Date) && typeof b === 'object' && !(b instanceof Date)) {
		return JSON.stringify(a) === JSON.stringify(b);
	}
	return compareAs(a, b, typeof a === 'string' && typeof b === 'string' ? TEMPORAL : ANY) === 0;
}

/** The first reading both values have decides; text when none does. */
function compareAs(a: unknown, b: unknown, readings: Reading[]): number | null {
	if (isNil(a) || isNil(b)) return null;
	for (const read of readings) {
		const x = read(a);
		const y = read(b);
		if (x !== null && y !== null) return x - y;
	}
	const x = toText(a);
	const y = toText(b);
	if (x === null || y === null) return null;
	return x < y ? -1 : x > y ? 1 : 0;
}
