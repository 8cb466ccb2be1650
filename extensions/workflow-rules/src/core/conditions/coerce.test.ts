import { describe, expect, it } from 'vitest';
import { compareValues, looseEquals, toBoolean, toList, toSecondsOfDay, toTimestamp } from './coerce.js';

describe('toTimestamp', () => {
	it('reads ISO strings, SQLite timestamps, date-only values and Dates as UTC instants', () => {
		const instant = Date.UTC(2026, 10, 23, 10, 0, 0);
		expect(toTimestamp('2026-11-23T10:00:00.000Z')).toBe(instant);
		expect(toTimestamp('2026-11-23 10:00:00')).toBe(instant);
		expect(toTimestamp('2026-11-23T12:00:00+02:00')).toBe(instant);
		expect(toTimestamp('2026-11-23T12:00:00+0200')).toBe(instant);
		expect(toTimestamp(new Date(instant))).toBe(instant);
		expect(toTimestamp('2026-11-23')).toBe(Date.UTC(2026, 10, 23));
	});

	it('refuses what is not a date', () => {
		expect(toTimestamp('Lawn care')).toBeNull();
		expect(toTimestamp('2026')).toBeNull();
		expect(toTimestamp(20261123)).toBeNull();
		expect(toTimestamp(new Date('nope'))).toBeNull();
	});
});

describe('small conversions', () => {
	it('reads times of day, booleans and JSON arrays', () => {
		expect(toSecondsOfDay('09:30')).toBe(34_200);
		expect(toSecondsOfDay('09:30:15')).toBe(34_215);
		expect(toBoolean(1)).toBe(true);
		expect(toBoolean('0')).toBe(false);
		expect(toBoolean('yes')).toBeNull();
		expect(toList('["vip","north"]')).toEqual(['vip', 'north']);
		expect(toList('[broken')).toBeNull();
		expect(toList('vip')).toBeNull();
	});
});

describe('compareValues', () => {
	it('compares numerically when both sides are numeric-like', () => {
		expect(compareValues('120.00', 120)).toBe(0);
		expect(compareValues('9', '10')).toBeLessThan(0); // not "9" > "10" as strings
		expect(compareValues(' 42 ', 41)).toBeGreaterThan(0);
		expect(compareValues('-0.5', 0)).toBeLessThan(0);
	});

	it('holds two strings equal as text or as one moment, never as one number', () => {
		expect(looseEquals('120.00', '120')).toBe(false);
		expect(looseEquals('1e2', '100')).toBe(false);
		expect(looseEquals('120.00', '120.00')).toBe(true);
		expect(looseEquals('2026-11-23 10:00:00', '2026-11-23T11:00:00+01:00')).toBe(true);
		expect(looseEquals('09:00', '09:00:00')).toBe(true);
		expect(looseEquals('120.00', 120)).toBe(true);
	});

	it('keeps codes with leading zeros or a plus sign as text', () => {
		expect(looseEquals('02134', '2134')).toBe(false);
		expect(looseEquals('+33612345678', '0033612345678')).toBe(false);
		expect(looseEquals('007', 7)).toBe(false);
	});

	it('compares chronologically when both sides are date-like, date-only against timestamps too', () => {
		expect(compareValues('2026-11-23 10:00:00', new Date('2026-11-23T10:00:00Z'))).toBe(0);
		expect(compareValues('2026-11-23T10:00:00.000Z', '2026-11-23')).toBeGreaterThan(0);
		expect(compareValues('2026-11-22T23:59:59Z', '2026-11-23')).toBeLessThan(0);
	});

	it('compares times of day whatever their precision', () => {
		expect(compareValues('09:00:00', '09:00')).toBe(0);
		expect(compareValues('08:59:59', '09:00')).toBeLessThan(0);
	});

	it('falls back to strings, and cannot order nulls or objects', () => {
		expect(compareValues('apple', 'banana')).toBeLessThan(0);
		expect(compareValues('10', 'abc')).toBeLessThan(0);
		expect(compareValues(null, 1)).toBeNull();
		expect(compareValues({ a: 1 }, 1)).toBeNull();
	});
});

describe('looseEquals', () => {
	it('treats null strictly', () => {
		expect(looseEquals(null, undefined)).toBe(true);
		expect(looseEquals(null, '')).toBe(false);
		expect(looseEquals(0, null)).toBe(false);
	});

	it('accepts 1/0 for booleans but nothing looser', () => {
		expect(looseEquals(1, true)).toBe(true);
		expect(looseEquals('0', false)).toBe(true);
		expect(looseEquals(2, true)).toBe(false);
		expect(looseEquals('yes', true)).toBe(false);
	});

	it('is numeric, chronological or textual as the values allow', () => {
		expect(looseEquals('120.00', 120)).toBe(true);
		expect(looseEquals('2026-11-23', new Date('2026-11-23T00:00:00Z'))).toBe(true);
		expect(looseEquals('Lawn care', 'lawn care')).toBe(false);
		expect(looseEquals(['a'], ['a'])).toBe(true);
	});
});
