import { describe, expect, it } from 'vitest';
import { looseEquals } from '../conditions/coerce.js';
import { sameValue, toInstant } from './values.js';

describe('sameValue', () => {
	it('compares timestamps as instants whatever their format', () => {
		const instant = '2026-11-23T10:00:00Z';
		expect(sameValue(instant, '2026-11-23T10:00:00.000Z')).toBe(true);
		expect(sameValue(instant, new Date('2026-11-23T10:00:00Z'))).toBe(true);
		expect(sameValue(instant, '2026-11-23 10:00:00')).toBe(true);
		expect(sameValue(instant, '2026-11-23T11:00:00+01:00')).toBe(true);
		expect(sameValue(instant, '2026-11-23T10:30:00Z')).toBe(false);
		expect(sameValue(new Date(instant), '2026-11-24 10:00:00')).toBe(false);
	});

	it('compares times of day with or without seconds', () => {
		expect(sameValue('09:00', '09:00:00')).toBe(true);
		expect(sameValue('09:00', '09:30:00')).toBe(false);
	});

	it('compares numbers and numeric strings by value', () => {
		expect(sameValue('120.00', 120)).toBe(true);
		expect(sameValue('1e2', 100)).toBe(true);
		expect(sameValue('120.50', 120)).toBe(false);
		expect(sameValue('abc', 0)).toBe(false);
	});

	it('compares two strings as text, so phone numbers and zip codes that read as the same number differ', () => {
		expect(sameValue('+16175551234', '16175551234')).toBe(false);
		expect(sameValue('02134', '2134')).toBe(false);
		expect(sameValue('1e2', '100')).toBe(false);
		expect(sameValue('7.50', '7.5')).toBe(false);
		expect(sameValue('+16175551234', '+16175551234')).toBe(true);
	});

	it('agrees with the conditions on every pair', () => {
		const values: unknown[] = ['+16175551234', '16175551234', 16175551234, '02134', '2134', 2134, '120.00', 120, '1', 1, true, 0, '0', false, '09:00', '09:00:00', '2026-11-23 10:00:00', '2026-11-23T10:00:00Z', new Date('2026-11-23T10:00:00Z'), 'Boston', 'boston', ''];
		for (const a of values) for (const b of values) expect([a, b, sameValue(a, b)]).toEqual([a, b, looseEquals(a, b)]);
	});

	it('compares booleans with 0/1', () => {
		expect(sameValue(true, 1)).toBe(true);
		expect(sameValue(false, '0')).toBe(true);
		expect(sameValue(true, 0)).toBe(false);
		expect(sameValue(false, null)).toBe(false);
	});

	it('deep-compares JSON, also against a JSON string', () => {
		expect(sameValue(['vip', 'north'], '["vip","north"]')).toBe(true);
		expect(sameValue({ mon: { open: '09:00' } }, { mon: { open: '09:00' } })).toBe(true);
		expect(sameValue(['vip'], ['north'])).toBe(false);
		expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
		expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
	});

	it('compares relations by key', () => {
		expect(sameValue('user-1', { id: 'user-1', first_name: 'Ann' })).toBe(true);
		expect(sameValue({ id: 7 }, '7')).toBe(true);
		expect(sameValue({ id: 7, name: 'x' }, { id: 7 })).toBe(true);
		expect(sameValue([{ id: 1 }, { id: 2 }], [1, 2])).toBe(true);
		expect(sameValue({ id: 'user-1' }, 'user-2')).toBe(false);
	});

	it('treats null and undefined as the same absence, different from any value', () => {
		expect(sameValue(null, undefined)).toBe(true);
		expect(sameValue(null, '')).toBe(false);
		expect(sameValue(null, 0)).toBe(false);
	});
});

describe('toInstant', () => {
	it('reads zone-less strings as UTC and rejects non-timestamps', () => {
		expect(toInstant('2026-11-23 10:00:00')).toBe(Date.UTC(2026, 10, 23, 10));
		expect(toInstant('2026-11-23')).toBe(Date.UTC(2026, 10, 23));
		expect(toInstant('120')).toBeNull();
		expect(toInstant(null)).toBeNull();
	});
});
