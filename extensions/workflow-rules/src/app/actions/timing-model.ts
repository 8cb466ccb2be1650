/**
 * An action's `timing` (SPEC §3) as the timing picker edits it: now, after the trigger by an amount
 * of a unit, or an amount before/after a date field of the record. The ISO text is the rule's; the
 * picker only shows it in amount/unit form.
 */
import { parseDuration, type Duration } from '../../core/timing/iso-duration';
import type { ActionType, Timing } from '../../core/rule/rule-types';

export type TimingMode = Timing['type'];
export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export type TriggerType = 'event' | 'date' | 'schedule';

export interface Offset {
	amount: number;
	unit: TimeUnit;
	/** 'before' is a negative offset. */
	direction: 'before' | 'after';
}

export interface TimingForm extends Offset {
	mode: TimingMode;
	/** The date field of `relative_to_field`. */
	field: string | null;
}

const DESIGNATOR: Record<TimeUnit, string> = { minutes: 'TM', hours: 'TH', days: 'D', weeks: 'W', months: 'M' };

/** `{ 1, days, before }` → `-P1D`; `{ 30, minutes, after }` → `PT30M`. */
export function offsetToIso({ amount, unit, direction }: Offset): string {
	const whole = Math.max(0, Math.floor(Number.isFinite(amount) ? amount : 0));
	const designator = DESIGNATOR[unit];
	const body = designator.startsWith('T') ? `PT${whole}${designator.slice(1)}` : `P${whole}${designator}`;
	return `${direction === 'before' ? '-' : ''}${body}`;
}

/**
 * The amount/unit form of an ISO offset: the largest single unit that says it exactly (`P2D` → 2
 * days, `PT36H` → 36 hours, `P1DT12H` → 36 hours), or null when no single unit can (`P1Y2M`
 * mixed with seconds…), so that the picker keeps such a text as it is.
 */
export function isoToOffset(text: string | null | undefined): Offset | null {
	if (!text) return null;
	const duration = parseDuration(text);
	if (!duration || duration.seconds % 60 !== 0) return null;
	const direction = duration.sign < 0 ? 'before' : 'after';
	const months = duration.years * 12 + duration.months;
	const days = duration.weeks * 7 + duration.days;
	const minutes = (duration.hours * 60 + duration.minutes) + duration.seconds / 60;
	if (months > 0) return days === 0 && minutes === 0 ? { amount: months, unit: 'months', direction } : null;
	const total = days * 1440 + minutes;
	return { ...largestUnit(total, duration), direction };
}

function largestUnit(totalMinutes: number, duration: Duration): { amount: number; unit: TimeUnit } {
	if (totalMinutes === 0) return { amount: 0, unit: duration.weeks ? 'weeks' : duration.days ? 'days' : duration.hours ? 'hours' : 'minutes' };
	if (totalMinutes % (7 * 1440) === 0 && duration.weeks > 0) return { amount: totalMinutes / (7 * 1440), unit: 'weeks' };
	if (totalMinutes % 1440 === 0) return { amount: totalMinutes / 1440, unit: 'days' };
	if (totalMinutes % 60 === 0) return { amount: totalMinutes / 60, unit: 'hours' };
	return { amount: totalMinutes, unit: 'minutes' };
}

const DEFAULT_OFFSET: Offset = { amount: 1, unit: 'days', direction: 'after' };

export function timingToForm(timing: Partial<Timing> | null | undefined): TimingForm {
	const type = timing?.type ?? 'instant';
	if (type === 'after_trigger') {
		const offset = isoToOffset((timing as { offset?: string }).offset) ?? DEFAULT_OFFSET;
		return { mode: type, field: null, ...offset, direction: 'after' };
	}
	if (type === 'relative_to_field') {
		const { field, offset } = timing as { field?: string; offset?: string };
		return { mode: type, field: field ?? null, ...(isoToOffset(offset) ?? { ...DEFAULT_OFFSET, direction: 'before' }) };
	}
	return { mode: 'instant', field: null, ...DEFAULT_OFFSET };
}

export function formToTiming(form: TimingForm): Timing {
	if (form.mode === 'after_trigger') return { type: 'after_trigger', offset: offsetToIso({ ...form, direction: 'after' }) };
	if (form.mode === 'relative_to_field') return { type: 'relative_to_field', field: form.field ?? '', offset: offsetToIso(form) };
	return { type: 'instant' };
}

/** Date and schedule triggered rules take instant actions only; tags are instant only (SPEC §3). */
export function allowedTimingModes(triggerType: TriggerType, actionType: ActionType | null): TimingMode[] {
	if (triggerType !== 'event' || actionType === 'tag') return ['instant'];
	return ['instant', 'after_trigger', 'relative_to_field'];
}
