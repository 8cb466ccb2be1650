/**
 * Value normalisation for comparing a field before and after a write. The same value reaches us in
 * many shapes depending on the database driver and on whether the caller sent a payload or read a
 * snapshot: timestamps as Date, ISO or SQLite strings, decimals as strings, booleans as 0/1, JSON
 * as a string, relations as a key or as an object carrying `id`.
 */

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** True when both values mean the same thing for the field. */
export function sameValue(left: unknown, right: unknown): boolean {
	const a = relationKey(left);
	const b = relationKey(right);
	if (a === b) return true;
	if (a === null || b === null) return false;
	if (isStructured(a) || isStructured(b)) return structuredEqual(parseJson(a), parseJson(b));

	const instantA = toInstant(a);
	const instantB = toInstant(b);
	if (instantA !== null && instantB !== null) return instantA === instantB;
	if (a instanceof Date || b instanceof Date) return false;

	const timeA = toTimeOfDay(a);
	if (timeA !== null && timeA === toTimeOfDay(b)) return true;

	if (typeof a === 'boolean' || typeof b === 'boolean') {
		const boolA = toBoolean(a);
		return boolA !== null && boolA === toBoolean(b);
	}

	const numberA = toNumber(a);
	return numberA !== null && numberA === toNumber(b);
}

/**
 * Milliseconds since the epoch for a Date or a timestamp string; null otherwise. A string without
 * a zone is read as UTC, which is how Directus stores `timestamp` fields (SQLite included).
 */
export function toInstant(value: unknown): number | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
	if (typeof value !== 'string') return null;

	const text = value.trim();
	if (!TIMESTAMP.test(text)) return null;
	const iso = text.replace(' ', 'T');
	const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso.slice(10)) || iso.length === 10 ? iso : `${iso}Z`;
	const ms = Date.parse(zoned);
	return Number.isNaN(ms) ? null : ms;
}

/** `null` and `undefined` are one "no value"; a related item stands for its key. */
function relationKey(value: unknown): unknown {
	if (value === undefined) return null;
	if (isPlainObject(value) && 'id' in value) return value['id'] ?? null;
	return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isStructured(value: unknown): boolean {
	return Array.isArray(value) || isPlainObject(value);
}

function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** Deep equality whose leaves compare with `sameValue` (so `[{ id: 1 }]` equals `[1]`). */
function structuredEqual(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		return [...keys].every((key) => sameValue(a[key], b[key]));
	}
	return false;
}

function toTimeOfDay(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = TIME_OF_DAY.exec(value.trim());
	return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : null;
}

function toBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === '1' || value === 'true') return true;
	if (value === 0 || value === '0' || value === 'false') return false;
	return null;
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
	return null;
}
