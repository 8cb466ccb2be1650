import { toBoolean } from '../../core/conditions/coerce.js';

/**
 * Values as they come back from knex differ per vendor: SQLite keeps timestamps as epoch
 * milliseconds and JSON as text, PostgreSQL returns Date objects and parsed JSON.
 */
export function toDate(value: unknown): Date | null {
	if (value === null || value === undefined || value === '') return null;
	if (value instanceof Date) return value;
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value === 'string' && /^\d+$/.test(value)) return fromEpoch(Number(value));
	const parsed = new Date(String(value));
	return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** SQLite keeps timestamps as epoch milliseconds and dates as epoch seconds. */
function fromEpoch(value: number): Date {
	return new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
}

/** A DATE column as 'YYYY-MM-DD': node-pg gives a Date at local midnight, SQLite epoch seconds or text. */
export function toYmd(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
	if (typeof value === 'number' || /^\d+$/.test(String(value))) return fromEpoch(Number(value)).toISOString().slice(0, 10);
	return String(value).slice(0, 10);
}

export function fromJson<T>(value: unknown, fallback: T): T {
	if (value === null || value === undefined) return fallback;
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch {
		return fallback;
	}
}

export function toJson(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

/** A database boolean (true, 1, '1', 'true' from SQLite or PostgreSQL) as true or false. */
export function isTrue(value: unknown): boolean {
	return toBoolean(value) === true;
}

/** Unique-constraint violations on SQLite and PostgreSQL: the signal that another writer won. */
export function isUniqueViolation(error: unknown): boolean {
	const e = error as { code?: string; message?: string } | null;
	return e?.code === '23505' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(e.message ?? '')) || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

/** The id of an inserted row from `insert().returning('id')`, whatever shape the driver gives. */
export function insertedId(result: unknown): number {
	const first = Array.isArray(result) ? result[0] : result;
	const id = typeof first === 'object' && first !== null ? (first as { id: unknown }).id : first;
	return Number(id);
}

