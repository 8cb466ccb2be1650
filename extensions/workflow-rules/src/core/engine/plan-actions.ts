import { toInstant } from '../events/index.js';
import type { RuleAction } from '../rule/rule-types.js';
import { parseDuration } from '../timing/iso-duration.js';
import { addDurationInZone, isValidYmd, zonedTimeToUtc } from '../timing/zoned-time.js';

export interface ActionPlan {
	dueAt: Date | null;
	/** Why the action will not run, when dueAt is null. */
	skip?: string;
}

/**
 * The instant a record's date or datetime value stands for: a date-only value (`2026-12-24`) is
 * the start of that day in the CRM time zone, not in UTC.
 */
export function fieldInstant(value: unknown, timeZone: string): Date | null {
	if (typeof value === 'string' && isValidYmd(value)) return zonedTimeToUtc(value, '00:00', timeZone);
	const instant = toInstant(value);
	return instant === null ? null : new Date(instant);
}

/**
 * When an action of a matched rule is due, from its timing and the record. Offsets are counted on
 * the wall clock of the CRM time zone: `-P1D` before a 09:00 appointment is 09:00 the day before,
 * whether or not a DST switch lies between (23 or 25 hours then).
 */
export function planAction(action: RuleAction, record: Record<string, unknown> | null, now: Date, timeZone: string): ActionPlan {
	const timing = action.timing;
	if (timing.type === 'instant') return { dueAt: now };

	const offset = parseDuration(timing.offset);
	if (!offset) return { dueAt: null, skip: `invalid offset "${timing.offset}"` };

	if (timing.type === 'after_trigger') return { dueAt: addDurationInZone(now, offset, timeZone) };

	const base = fieldInstant(record?.[timing.field], timeZone);
	if (!base) return { dueAt: null, skip: `${timing.field} is empty` };

	const dueAt = addDurationInZone(base, offset, timeZone);
	if (dueAt.getTime() < now.getTime()) return { dueAt: null, skip: `due time ${dueAt.toISOString()} (${timing.field} ${timing.offset}) has already passed` };
	return { dueAt };
}

export function timingLabel(action: RuleAction): string {
	const timing = action.timing;
	if (timing.type === 'instant') return 'instant';
	if (timing.type === 'after_trigger') return `after_trigger ${timing.offset}`;
	return `relative_to_field ${timing.field} ${timing.offset}`;
}

/** The timing a job's label (`timingLabel`) names: a queued job keeps its timing as it was planned. */
export function timingFromLabel(label: string): RuleAction['timing'] | null {
	const [type, first, second] = label.split(' ');
	if (type === 'instant' && first === undefined) return { type: 'instant' };
	if (type === 'after_trigger' && first && second === undefined) return { type: 'after_trigger', offset: first };
	if (type === 'relative_to_field' && first && second) return { type: 'relative_to_field', field: first, offset: second };
	return null;
}
