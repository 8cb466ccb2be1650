import { describe, expect, it } from 'vitest';
import { allowedTimingModes, formToTiming, isoToOffset, offsetToIso, timingToForm } from './timing-model';

describe('timing model', () => {
	it('writes offsets as ISO durations, negative before', () => {
		expect(offsetToIso({ amount: 1, unit: 'days', direction: 'before' })).toBe('-P1D');
		expect(offsetToIso({ amount: 30, unit: 'minutes', direction: 'after' })).toBe('PT30M');
		expect(offsetToIso({ amount: 2, unit: 'hours', direction: 'after' })).toBe('PT2H');
		expect(offsetToIso({ amount: 3, unit: 'weeks', direction: 'before' })).toBe('-P3W');
		expect(offsetToIso({ amount: 1, unit: 'months', direction: 'after' })).toBe('P1M');
	});

	it('reads ISO offsets back in the largest exact unit', () => {
		expect(isoToOffset('-P1D')).toEqual({ amount: 1, unit: 'days', direction: 'before' });
		expect(isoToOffset('-PT24H')).toEqual({ amount: 1, unit: 'days', direction: 'before' });
		expect(isoToOffset('P1DT12H')).toEqual({ amount: 36, unit: 'hours', direction: 'after' });
		expect(isoToOffset('PT90M')).toEqual({ amount: 90, unit: 'minutes', direction: 'after' });
		expect(isoToOffset('P2W')).toEqual({ amount: 2, unit: 'weeks', direction: 'after' });
		expect(isoToOffset('P5D')).toEqual({ amount: 5, unit: 'days', direction: 'after' });
		expect(isoToOffset('P2M')).toEqual({ amount: 2, unit: 'months', direction: 'after' });
		expect(isoToOffset('P1M2D')).toBeNull();
		expect(isoToOffset('PT30S')).toBeNull();
		expect(isoToOffset('nonsense')).toBeNull();
	});

	it('round-trips the three timings', () => {
		for (const timing of [
			{ type: 'instant' as const },
			{ type: 'after_trigger' as const, offset: 'P5D' },
			{ type: 'relative_to_field' as const, field: 'start_at', offset: '-P1D' },
			{ type: 'relative_to_field' as const, field: 'start_at', offset: 'PT2H' },
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
});
