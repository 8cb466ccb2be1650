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
