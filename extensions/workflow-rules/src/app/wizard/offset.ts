/**
 * A rule offset (ISO 8601 duration, negative = before) as the wizard shows it: a direction, an
 * amount and one unit ("1 day before"). Built on core/timing/iso-duration.ts.
 */
import { durationToString, parseDuration, type Duration } from '../../core/timing/iso-duration.js';

export const OFFSET_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];
export type OffsetDirection = 'before' | 'after';

export interface OffsetParts {
	direction: OffsetDirection;
	amount: number;
	unit: OffsetUnit;
}

const ZERO: Duration = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** The ISO duration of "amount unit before/after"; `null` for a zero or invalid amount (at the date itself). */
export function offsetFromParts(parts: OffsetParts): string | null {
	const amount = Number(parts.amount);
	if (!Number.isInteger(amount) || amount <= 0) return null;
	const duration: Duration = { ...ZERO, sign: parts.direction === 'before' ? -1 : 1, [parts.unit]: amount };
	return durationToString(duration);
}

/**
 * The parts of an ISO offset, in the largest unit that states it exactly (`-PT24H` → 1 day before,
 * `P1Y6M` → 18 months after). `null` offset → zero days after. Returns null when no single unit
 * states it (months mixed with days, fractional seconds): the wizard then keeps the text as typed.
 */
export function partsFromOffset(offset: string | null | undefined): OffsetParts | null {
	if (offset === null || offset === undefined || offset === '') return { direction: 'after', amount: 0, unit: 'days' };
	const duration = parseDuration(offset);
	if (!duration) return null;
	const direction: OffsetDirection = duration.sign < 0 ? 'before' : 'after';
	const months = duration.years * 12 + duration.months;
	const minutes = ((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes;
	if (duration.seconds % 60 !== 0) return null;
	const totalMinutes = minutes + duration.seconds / 60;
	if (months > 0 && totalMinutes > 0) return null;
	if (months > 0) return months % 12 === 0 ? { direction, amount: months / 12, unit: 'years' } : { direction, amount: months, unit: 'months' };
	if (totalMinutes === 0) return { direction, amount: 0, unit: 'days' };
	for (const [unit, size] of [['weeks', 7 * 24 * 60], ['days', 24 * 60], ['hours', 60], ['minutes', 1]] as const) {
		if (totalMinutes % size === 0) return { direction, amount: totalMinutes / size, unit };
	}
	return null;
}
