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

	it('reads an offset in the unit it was written in, so that 24 hours never becomes a (DST-sensitive) day', () => {
		expect(partsFromOffset('-P1D')).toEqual({ direction: 'before', amount: 1, unit: 'days' });
		expect(partsFromOffset('-PT24H')).toEqual({ direction: 'before', amount: 24, unit: 'hours' });
		expect(partsFromOffset('PT90M')).toEqual({ direction: 'after', amount: 90, unit: 'minutes' });
		expect(partsFromOffset('P14D')).toEqual({ direction: 'after', amount: 14, unit: 'days' });
		expect(partsFromOffset('P2W')).toEqual({ direction: 'after', amount: 2, unit: 'weeks' });
		expect(partsFromOffset('P12M')).toEqual({ direction: 'after', amount: 12, unit: 'months' });
		expect(partsFromOffset('-P2Y')).toEqual({ direction: 'before', amount: 2, unit: 'years' });
	});

	it('reads no offset as the date itself, and gives up on what one unit cannot state as written', () => {
		expect(partsFromOffset(null)).toEqual({ direction: 'after', amount: 0, unit: 'days' });
		expect(partsFromOffset('PT0S')).toEqual({ direction: 'after', amount: 0, unit: 'days' });
		expect(partsFromOffset('P1DT2H')).toBeNull();
		expect(partsFromOffset('P1Y6M')).toBeNull();
		expect(partsFromOffset('P1M2D')).toBeNull();
		expect(partsFromOffset('PT1.5S')).toBeNull();
		expect(partsFromOffset('soon')).toBeNull();
	});

	it('writes back exactly the offset it read, for every unit and direction', () => {
		for (const text of ['PT5M', '-PT5M', 'PT24H', '-PT24H', 'P1D', '-P1D', 'P3W', '-P3W', 'P2M', '-P2M', 'P1Y', '-P1Y']) {
			expect(offsetFromParts(partsFromOffset(text)!)).toBe(text);
		}
	});
});
