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
	const resolve = dynamicValueResolver(value);
	return resolve ? resolve(context) : value;
}

/** A dynamic value's resolution against a context. */
export type DynamicValueResolver = (context: FilterContext) => unknown;

/**
 * How `value` resolves (element by element for an array); null when it stands for itself. A
 * compiled filter keeps this, so that only operands holding a dynamic value are resolved on each
 * evaluation and the others are prepared once.
 */
export function dynamicValueResolver(value: unknown): DynamicValueResolver | null {
	if (Array.isArray(value)) {
		const items = value.map((item) => ({ item, resolve: dynamicValueResolver(item) }));
		if (items.every(({ resolve }) => resolve === null)) return null;
		return (context) => items.map(({ item, resolve }) => (resolve ? resolve(context) : item));
	}
	if (typeof value !== 'string' || !value.startsWith('$')) return null;
	if (value === '$CURRENT_USER') return (context) => context.userId ?? null;
	if (value === '$CURRENT_ROLE') return (context) => context.roleId ?? null;
	if (value === '$NOW') return (context) => new Date((context.now ?? new Date()).getTime());
	const adjustment = parseNowAdjustment(value);
	if (!adjustment) return null;
	const { amount, unit } = adjustment;
	return (context) => adjustDate(context.now ?? new Date(), amount, unit);
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
