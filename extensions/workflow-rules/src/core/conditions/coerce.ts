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
 * Milliseconds since the epoch for a Date or a date-like string: `YYYY-MM-DD`, then optionally
 * `T` (or a space) and `HH:MM`, `:SS`, `.fraction`, and a zone `Z`, `+HH:MM` or `+HHMM`. A
 * timestamp without a zone is UTC (how Directus stores them); a date-only value is midnight UTC
 * of that day. Read character by character rather than with a regular expression and Date.parse,
 * which cost most of a condition's evaluation; it refuses what Date.parse refuses (month 13,
 * minute 60, hour 24 past midnight, zone beyond 23:59) and rolls a day past the month's end over
 * as Date.parse does (2026-02-30 is March 2).
 */
export function toTimestamp(value: unknown): number | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
	if (typeof value !== 'string' || value.length < 10) return null;
	const text = value.trim();
	const length = text.length;
	if (length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null;
	const year = digitsAt(text, 0, 4);
	const month = digitsAt(text, 5, 2);
	const day = digitsAt(text, 8, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return null;
	if (length === 10) return utc(year, month, day, 0, 0, 0, 0);

	const separator = text.charCodeAt(10);
	if ((separator !== T_UPPER && separator !== T_LOWER && separator !== SPACE) || text.charCodeAt(13) !== COLON) return null;
	const hour = digitsAt(text, 11, 2);
	const minute = digitsAt(text, 14, 2);
	let at = 16;
	let second = 0;
	let ms = 0;
	let fraction = false; // any non-zero digit after the seconds' point
	if (text.charCodeAt(at) === COLON) {
		second = digitsAt(text, at + 1, 2);
		at += 3;
		if (text.charCodeAt(at) === DOT) {
			const first = ++at;
			for (let digit = text.charCodeAt(at); isDigit(digit); digit = text.charCodeAt(++at)) fraction ||= digit !== ZERO;
			if (at === first) return null;
			// Milliseconds are the first three digits, the rest dropped, as Date.parse does.
			const digits = Math.min(3, at - first);
			ms = digitsAt(text, first, digits) * 10 ** (3 - digits);
		}
	}
	const offset = zoneOffset(text, at);
	if (offset === null || hour < 0 || minute < 0 || second < 0 || minute > 59 || second > 59) return null;
	if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || fraction))) return null;
	return utc(year, month, day, hour, minute, second, ms) - offset;
}

const code = (character: string): number => character.charCodeAt(0);
const [DASH, COLON, DOT, SPACE, PLUS, ZERO] = [code('-'), code(':'), code('.'), code(' '), code('+'), code('0')];
const [T_UPPER, T_LOWER, Z_UPPER, Z_LOWER] = [code('T'), code('t'), code('Z'), code('z')];

function isDigit(code: number): boolean {
	return code >= ZERO && code <= ZERO + 9;
}

/** The number written with `count` digits at `at`; -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
	let number = 0;
	for (let i = at; i < at + count; i++) {
		const digit = text.charCodeAt(i);
		if (!isDigit(digit)) return -1;
		number = number * 10 + digit - ZERO;
	}
	return number;
}

/** The zone that ends a timestamp at `at`, in milliseconds east of UTC; 0 for none; null when malformed. */
function zoneOffset(text: string, at: number): number | null {
	const length = text.length;
	if (at === length) return 0;
	const sign = text.charCodeAt(at);
	if (sign === Z_UPPER || sign === Z_LOWER) return at + 1 === length ? 0 : null;
	if (sign !== PLUS && sign !== DASH) return null;
	const colon = text.charCodeAt(at + 3) === COLON ? 1 : 0;
	if (length !== at + 5 + colon) return null;
	const hours = digitsAt(text, at + 1, 2);
	const minutes = digitsAt(text, at + 3 + colon, 2);
	if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return null;
	return (sign === PLUS ? 1 : -1) * (hours * 60 + minutes) * 60_000;
}

/** 400 Gregorian years, after which the calendar repeats. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** Date.UTC, without its reading of years 0 to 99 as 1900 to 1999. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
	if (year < 100) return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - FOUR_CENTURIES_MS;
	return Date.UTC(year, month - 1, day, hour, minute, second, ms);
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

/**
 * One side of a comparison, read once: a filter's operand is compared with every record, so a
 * compiled filter keeps one of these and each reading (number, instant, time of day, text) is
 * worked out the first time it is needed. `looseEquals` and `compareValues` go through it too,
 * so there is one comparison whichever way it is called.
 */
export class Operand {
	readonly value: unknown;
	readonly nil: boolean;
	readonly isBoolean: boolean;
	readonly isString: boolean;
	/** An array or object other than a Date: equal only to the same JSON. */
	readonly isStructured: boolean;
	#boolean: boolean | null | undefined;
	#number: number | null | undefined;
	#timestamp: number | null | undefined;
	#seconds: number | null | undefined;
	#text: string | null | undefined;
	#json: string | undefined;

	constructor(value: unknown) {
		this.value = value;
		this.nil = isNil(value);
		this.isBoolean = typeof value === 'boolean';
		this.isString = typeof value === 'string';
		this.isStructured = !this.nil && typeof value === 'object' && !(value instanceof Date);
	}

	get boolean(): boolean | null {
		if (this.#boolean === undefined) this.#boolean = toBoolean(this.value);
		return this.#boolean;
	}

	get number(): number | null {
		if (this.#number === undefined) this.#number = toNumber(this.value);
		return this.#number;
	}

	get timestamp(): number | null {
		if (this.#timestamp === undefined) this.#timestamp = toTimestamp(this.value);
		return this.#timestamp;
	}

	get seconds(): number | null {
		if (this.#seconds === undefined) this.#seconds = toSecondsOfDay(this.value);
		return this.#seconds;
	}

	get text(): string | null {
		if (this.#text === undefined) this.#text = toText(this.value);
		return this.#text;
	}

	get json(): string {
		this.#json ??= JSON.stringify(this.value);
		return this.#json;
	}
}

/** Negative, zero or positive; null when the two cannot be ordered (a null, an object). */
export function compareValues(a: unknown, b: unknown): number | null {
	return compareToOperand(a, new Operand(b));
}

/**
 * Equality as a filter means it: null only equals null, booleans accept 1/0. Two strings are
 * equal as text, or as the same instant or time of day written differently, never as numbers:
 * "+16175551234" and "16175551234" are two phone numbers. (Ordering them numerically stays: text
 * order of numerals means nothing, and PostgreSQL returns decimals as text.)
 */
export function looseEquals(a: unknown, b: unknown): boolean {
	return equalsOperand(a, new Operand(b));
}

/** `looseEquals(a, b.value)`. */
export function equalsOperand(a: unknown, b: Operand): boolean {
	if (isNil(a) || b.nil) return isNil(a) && b.nil;
	if (typeof a === 'boolean' || b.isBoolean) {
		const x = toBoolean(a);
		return x !== null && x === b.boolean;
	}
	if (b.isStructured && typeof a === 'object' && !(a instanceof Date)) return JSON.stringify(a) === b.json;
	return compareAs(a, b, typeof a === 'string' && b.isString) === 0;
}

/** `compareValues(a, b.value)`. */
export function compareToOperand(a: unknown, b: Operand): number | null {
	return compareAs(a, b, false);
}

/**
 * The first reading both values have decides (number unless `temporalOnly`, then instant, then
 * time of day); text when none does. `b`'s reading comes first so that `a` is only read in the
 * ways `b` can be.
 */
function compareAs(a: unknown, b: Operand, temporalOnly: boolean): number | null {
	if (isNil(a) || b.nil) return null;
	if (!temporalOnly) {
		const y = b.number;
		if (y !== null) {
			const x = toNumber(a);
			if (x !== null) return x - y;
		}
	}
	const instant = b.timestamp;
	if (instant !== null) {
		const x = toTimestamp(a);
		if (x !== null) return x - instant;
	}
	const seconds = b.seconds;
	if (seconds !== null) {
		const x = toSecondsOfDay(a);
		if (x !== null) return x - seconds;
	}
	const y = b.text;
	if (y === null) return null;
	const x = toText(a);
	if (x === null) return null;
	return x < y ? -1 : x > y ? 1 : 0;
}
