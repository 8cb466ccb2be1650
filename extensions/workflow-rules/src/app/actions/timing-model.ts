/**
 * An action's `timing` (SPEC §3) as the timing picker edits it: now, after the trigger by an amount
 * of a unit, or an amount before/after a date field of the record. Offsets go through the one
 * converter of ../timing/offset.ts, so what is saved is what was read unless the user changed it.
 */
import type { ActionType, Timing } from '../../core/rule/rule-types';
import { offsetFromParts, partsFromOffset, type OffsetParts } from '../timing/offset';

export type TimingMode = Timing['type'];
export type TriggerType = 'event' | 'date' | 'schedule';

export interface TimingForm extends OffsetParts {
	mode: TimingMode;
	/** The date field of `relative_to_field`. */
	field: string | null;
	/** An offset no amount of one unit states as written (`P1DT12H`), edited as text. */
	raw: string | null;
}

const DEFAULT_PARTS: OffsetParts = { amount: 1, unit: 'days', direction: 'after' };

/** The picker's form of a stored offset: its parts, or its text when one unit cannot state it. */
export function offsetForm(offset: unknown, fallback: OffsetParts): Pick<TimingForm, 'amount' | 'unit' | 'direction' | 'raw'> {
	if (typeof offset !== 'string' || offset === '') return { ...fallback, raw: null };
	const parts = partsFromOffset(offset);
	return parts ? { ...parts, raw: null } : { ...fallback, raw: offset };
}

/** The stored offset of a form: its text when kept as text, else its amount and unit (zero → `P0D`). */
export function formOffset(form: Pick<TimingForm, 'amount' | 'unit' | 'direction' | 'raw'>): string {
	return form.raw ?? offsetFromParts(form) ?? 'P0D';
}

export function timingToForm(timing: Partial<Timing> | null | undefined): TimingForm {
	const type = timing?.type ?? 'instant';
	if (type === 'after_trigger') {
		return { mode: type, field: null, ...offsetForm((timing as { offset?: string }).offset, DEFAULT_PARTS) };
	}
	if (type === 'relative_to_field') {
		const { field, offset } = timing as { field?: string; offset?: string };
		return { mode: type, field: field ?? null, ...offsetForm(offset, { ...DEFAULT_PARTS, direction: 'before' }) };
	}
	return { mode: 'instant', field: null, raw: null, ...DEFAULT_PARTS };
}

export function formToTiming(form: TimingForm): Timing {
	if (form.mode === 'after_trigger') return { type: 'after_trigger', offset: formOffset({ ...form, direction: 'after' }) };
	if (form.mode === 'relative_to_field') return { type: 'relative_to_field', field: form.field ?? '', offset: formOffset(form) };
	return { type: 'instant' };
}

/** Date and schedule triggered rules take instant actions only; tags are instant only (SPEC §3). */
export function allowedTimingModes(triggerType: TriggerType, actionType: ActionType | null): TimingMode[] {
	if (triggerType !== 'event' || actionType === 'tag') return ['instant'];
	return ['instant', 'after_trigger', 'relative_to_field'];
}

/** A timing in the user's words ("1 days before start_at"), for where it is shown rather than edited. */
export function timingWords(timing: Partial<Timing> | null | undefined, t: (key: string) => string): string {
	const form = timingToForm(timing);
	if (form.mode === 'instant') return t('actions.timing_instant');
	const amount = form.raw ?? `${form.amount} ${t(`wizard.unit.${form.unit}`)}`;
	if (form.mode === 'after_trigger') return `${amount} ${t('actions.timing_after_trigger_suffix')}`;
	return [amount, form.raw ? null : t(`actions.timing_${form.direction}`), form.field].filter(Boolean).join(' ');
}
