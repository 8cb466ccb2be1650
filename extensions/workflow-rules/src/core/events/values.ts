/**
 * Value normalisation for comparing a field before and after a write. Scalars compare as the
 * conditions compare them (core/conditions/coerce.ts), so that a rule never sees a field as
 * changed while its conditions see it as equal, or the reverse. On top of that, a relation arrives
 * as a key or as an object carrying `id`, and JSON as a value or as its text.
 */
import { looseEquals, toTimestamp } from '../conditions/coerce.js';

/** Milliseconds since the epoch of a Date or a timestamp string (UTC when zone-less); null otherwise. */
export const toInstant = toTimestamp;

/**
 * True when both values mean the same thing for the field: related items stand for their keys,
 * JSON text for its value, and the leaves compare as the conditions compare them.
 */
export function sameValue(left: unknown, right: unknown): boolean {
	const a = relationKey(left);
	const b = relationKey(right);
	if (a === b) return true;
	if (a === null || b === null) return false;
	if (isStructured(a) || isStructured(b)) return structuredEqual(parseJson(a), parseJson(b));
	return looseEquals(a, b);
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
