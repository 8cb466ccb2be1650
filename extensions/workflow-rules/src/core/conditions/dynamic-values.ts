/**
 * Directus' dynamic filter values, resolved before comparing: `$NOW`, `$NOW(+2 days)`,
 * `$NOW(-1 hour)`, `$CURRENT_USER`, `$CURRENT_ROLE`. Arrays (for `_in`, `_between`) are resolved
 * element by element; anything else is returned unchanged.
 */
import type { FilterContext } from './trace.js';

export const NOW_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type NowUnit = (typeof NOW_UNITS)[number];

const NOW_ADJUSTED = /^\$NOW\(\s*([+-]?)\s*(\d+)\s*(second|minute|hour|day|week|month|year)s?\s*\)$/i;
const LOOKS_DYNAMIC = /^\$(NOW\b|CURRENT_[A-Z_]+)/;
const FIXED_MS: Partial<Record<NowUnit, number>> = {
	second: 1_000,
	minute: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
	week: 604_800_000,
};

/**
 * `$CURRENT_USER` / `$CURRENT_ROLE` of a write made by the system: there is no such user, so a
 * condition comparing with it is false (rather than matching every record whose owner is empty).
 */
export function isUnresolvedIdentity(value: unknown, context: FilterContext = {}): boolean {
	if (Array.isArray(value)) return value.some((item) => isUnresolvedIdentity(item, context));
	return (value === '$CURRENT_USER' && !context.userId) || (value === '$CURRENT_ROLE' && !context.roleId);
}

export function resolveDynamicValue(value: unknown, context: FilterContext = {}): unknown {
	if (Array.isArray(value)) return value.map((item) => resolveDynamicValue(item, context));
	if (typeof value !== 'string' || !value.startsWith('$')) return value;
	if (value === '$CURRENT_USER') return context.userId ?? null;
	if (value === '$CURRENT_ROLE') return context.roleId ?? null;
	const now = context.now ?? new Date();
	if (value === '$NOW') return new Date(now.getTime());
	const adjustment = parseNowAdjustment(value);
	return adjustment ? adjustDate(now, adjustment.amount, adjustment.unit) : value;
}

/** `$NOW(-2 days)` → `{ amount: -2, unit: 'day' }`; null when the text is not of that form. */
export function parseNowAdjustment(text: string): { amount: number; unit: NowUnit } | null {
	const match = NOW_ADJUSTED.exec(text.trim());
	if (!match) return null;
	const [, sign, digits, unit] = match;
	return { amount: (sign === '-' ? -1 : 1) * Number(digits), unit: (unit ?? '').toLowerCase() as NowUnit };
}

/** `date` moved by `amount` units, in UTC; months and years clamp to the month's last day. */
export function adjustDate(date: Date, amount: number, unit: NowUnit): Date {
	const fixed = FIXED_MS[unit];
	if (fixed !== undefined) return new Date(date.getTime() + amount * fixed);
	const months = unit === 'year' ? amount * 12 : amount;
	const result = new Date(date.getTime());
	const day = result.getUTCDate();
	result.setUTCDate(1);
	result.setUTCMonth(result.getUTCMonth() + months);
	const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
	result.setUTCDate(Math.min(day, lastDay));
	return result;
}

/** Why a value that looks dynamic (`$NOW…`, `$CURRENT_…`) cannot be resolved; null when fine. */
export function dynamicValueError(value: unknown): string | null {
	if (typeof value !== 'string' || !LOOKS_DYNAMIC.test(value)) return null;
	if (value === '$NOW' || value === '$CURRENT_USER' || value === '$CURRENT_ROLE') return null;
	if (parseNowAdjustment(value)) return null;
	if (value.startsWith('$NOW')) {
		return `invalid dynamic value "${value}": use $NOW or $NOW(+2 days), units ${NOW_UNITS.join(', ')}`;
	}
	return `unsupported dynamic value "${value}": use $NOW, $CURRENT_USER or $CURRENT_ROLE`;
}
