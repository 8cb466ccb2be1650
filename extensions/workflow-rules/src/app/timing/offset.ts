/**
 * The one converter between a rule's ISO 8601 offsets (negative = before) and the amount / unit /
 * direction the studio shows, for date triggers, action timings and task due dates alike.
 *
 * An offset is shown in the unit it was written in and nowhere else: `-PT24H` is 24 hours before,
 * not 1 day before, because in the CRM time zone a day (`P1D`, same wall-clock time) and 24 hours
 * differ across a DST switch. Saving what was shown therefore writes back the same offset. An
 * offset of several designators (`P1DT12H`) or of seconds is no amount of one unit: the editors
 * keep it as text.
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

/** The ISO duration of "amount unit before/after"; `null` for a zero, negative or fractional amount. */
export function offsetFromParts(parts: OffsetParts): string | null {
	const amount = Number(parts.amount);
	if (!Number.isInteger(amount) || amount <= 0) return null;
	return durationToString({ ...ZERO, sign: parts.direction === 'before' ? -1 : 1, [parts.unit]: amount });
}

/**
 * The parts of an offset written with one designator, in that designator's unit; no offset (or a
 * zero one) is zero days after. Null when one unit cannot state it as written: the caller keeps the
 * text.
 */
export function partsFromOffset(offset: string | null | undefined): OffsetParts | null {
	if (offset === null || offset === undefined || offset === '') return { direction: 'after', amount: 0, unit: 'days' };
	const duration = parseDuration(offset);
	if (!duration) return null;
	const direction: OffsetDirection = duration.sign < 0 ? 'before' : 'after';
	const written = OFFSET_UNITS.filter((unit) => duration[unit] !== 0);
	if (duration.seconds !== 0) return null;
	if (written.length === 0) return { direction: 'after', amount: 0, unit: 'days' };
	if (written.length > 1) return null;
	const unit = written[0]!;
	return { direction, amount: duration[unit], unit };
}
