import { describe, expect, it } from 'vitest';
import { allowedTimingModes, formToTiming, timingToForm, timingWords } from './timing-model';

describe('timing model', () => {
	it('keeps an offset as it was written: 24 hours stay 24 hours, a mixed offset stays text', () => {
		expect(timingToForm({ type: 'relative_to_field', field: 'start_at', offset: '-PT24H' })).toMatchObject({ amount: 24, unit: 'hours', direction: 'before', raw: null });
		const mixed = timingToForm({ type: 'after_trigger', offset: 'P1DT12H' });
		expect(mixed.raw).toBe('P1DT12H');
		// Changing something else (the mode) writes the mixed offset back untouched.
		expect(formToTiming({ ...mixed, mode: 'relative_to_field', field: 'start_at' })).toEqual({ type: 'relative_to_field', field: 'start_at', offset: 'P1DT12H' });
		// Resetting it to amount and unit gives an offset of one unit.
		expect(formToTiming({ ...mixed, raw: null })).toEqual({ type: 'after_trigger', offset: 'P1D' });
	});

	it('writes the amount and unit shown, negative before', () => {
		const form = timingToForm({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' });
		expect(formToTiming({ ...form, amount: 30, unit: 'minutes' })).toEqual({ type: 'relative_to_field', field: 'start_at', offset: '-PT30M' });
		expect(formToTiming({ ...form, direction: 'after', amount: 3, unit: 'weeks' })).toEqual({ type: 'relative_to_field', field: 'start_at', offset: 'P3W' });
	});

	it('round-trips the three timings', () => {
		for (const timing of [
			{ type: 'instant' as const },
			{ type: 'after_trigger' as const, offset: 'P5D' },
			{ type: 'relative_to_field' as const, field: 'start_at', offset: '-P1D' },
			{ type: 'relative_to_field' as const, field: 'start_at', offset: 'PT2H' },
			{ type: 'relative_to_field' as const, field: 'start_at', offset: '-PT24H' },
			{ type: 'after_trigger' as const, offset: 'P1M2D' },
		]) {
			expect(formToTiming(timingToForm(timing))).toEqual(timing);
		}
	});

	it('gives a sensible default when switching mode', () => {
		expect(formToTiming({ ...timingToForm({ type: 'instant' }), mode: 'relative_to_field', field: 'start_at', direction: 'before' })).toEqual({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' });
	});

	it('allows instant only for date/schedule triggers and for tags', () => {
		expect(allowedTimingModes('event', 'email')).toEqual(['instant', 'after_trigger', 'relative_to_field']);
		expect(allowedTimingModes('date', 'email')).toEqual(['instant']);
		expect(allowedTimingModes('schedule', 'webhook')).toEqual(['instant']);
		expect(allowedTimingModes('event', 'tag')).toEqual(['instant']);
	});

	it('says a timing in words, an offset of several units as written', () => {
		const t = (key: string) => ({ 'actions.timing_instant': 'Now', 'wizard.unit.days': 'days', 'wizard.unit.hours': 'hours', 'actions.timing_after_trigger_suffix': 'after the trigger', 'actions.timing_before': 'before' })[key] ?? key;
		expect(timingWords(undefined, t)).toBe('Now');
		expect(timingWords({ type: 'after_trigger', offset: 'PT2H' }, t)).toBe('2 hours after the trigger');
		expect(timingWords({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, t)).toBe('1 days before start_at');
		expect(timingWords({ type: 'relative_to_field', field: 'start_at', offset: '-P1DT2H' }, t)).toBe('-P1DT2H start_at');
	});
});
