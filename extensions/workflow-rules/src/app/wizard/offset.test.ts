import { describe, expect, it } from 'vitest';
import { offsetFromParts, partsFromOffset } from './offset.js';

describe('offsets in plain words', () => {
	it('writes amount, unit and direction as an ISO duration', () => {
		expect(offsetFromParts({ direction: 'before', amount: 1, unit: 'days' })).toBe('-P1D');
		expect(offsetFromParts({ direction: 'after', amount: 2, unit: 'hours' })).toBe('PT2H');
		expect(offsetFromParts({ direction: 'after', amount: 30, unit: 'minutes' })).toBe('PT30M');
		expect(offsetFromParts({ direction: 'before', amount: 3, unit: 'months' })).toBe('-P3M');
		expect(offsetFromParts({ direction: 'after', amount: 2, unit: 'weeks' })).toBe('P2W');
		expect(offsetFromParts({ direction: 'after', amount: 1, unit: 'years' })).toBe('P1Y');
	});

	it('has no offset for a zero, negative or fractional amount', () => {
		expect(offsetFromParts({ direction: 'before', amount: 0, unit: 'days' })).toBeNull();
		expect(offsetFromParts({ direction: 'before', amount: -2, unit: 'days' })).toBeNull();
		expect(offsetFromParts({ direction: 'before', amount: 1.5, unit: 'days' })).toBeNull();
	});

	it('reads an offset in the largest unit that states it exactly', () => {
		expect(partsFromOffset('-P1D')).toEqual({ direction: 'before', amount: 1, unit: 'days' });
		expect(partsFromOffset('-PT24H')).toEqual({ direction: 'before', amount: 1, unit: 'days' });
		expect(partsFromOffset('PT90M')).toEqual({ direction: 'after', amount: 90, unit: 'minutes' });
		expect(partsFromOffset('P1DT2H')).toEqual({ direction: 'after', amount: 26, unit: 'hours' });
		expect(partsFromOffset('P14D')).toEqual({ direction: 'after', amount: 2, unit: 'weeks' });
		expect(partsFromOffset('P1Y6M')).toEqual({ direction: 'after', amount: 18, unit: 'months' });
		expect(partsFromOffset('-P2Y')).toEqual({ direction: 'before', amount: 2, unit: 'years' });
	});

	it('reads no offset as the date itself, and gives up on what one unit cannot state', () => {
		expect(partsFromOffset(null)).toEqual({ direction: 'after', amount: 0, unit: 'days' });
		expect(partsFromOffset('P1M2D')).toBeNull();
		expect(partsFromOffset('PT1.5S')).toBeNull();
		expect(partsFromOffset('soon')).toBeNull();
	});

	it('round-trips every unit', () => {
		for (const unit of ['minutes', 'hours', 'days', 'months', 'years'] as const) {
			const parts = { direction: 'before' as const, amount: 5, unit };
			expect(partsFromOffset(offsetFromParts(parts))).toEqual(parts);
		}
	});
});
