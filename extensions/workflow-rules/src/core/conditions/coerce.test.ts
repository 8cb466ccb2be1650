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

describe('toTimestamp against Date.parse', () => {
	/** What toTimestamp did before it read dates by hand: a regular expression, then Date.parse. */
	function byDateParse(value: string): number | null {
		const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value.trim());
		if (!match) return null;
		const [, day, time, zone] = match;
		const offset = zone === undefined ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
		const ms = Date.parse(`${day}T${time ?? '00:00:00'}${time === undefined ? 'Z' : offset}`);
		return Number.isNaN(ms) ? null : ms;
	}

	it('reads every combination of edge values as Date.parse does', () => {
		const days = ['2026-01-01', '2024-02-29', '2026-02-29', '2026-02-31', '2026-04-31', '0000-01-01', '0099-12-31', '0100-03-01', '9999-12-31', '2026-00-10', '2026-13-01', '2026-12-00', '2026-12-32', '2026-1-01', '20261-01-01', '2026/01/01', '2026-0a-01'];
		const separators = ['T', 't', ' ', 'X', '  '];
		const times = ['00:00', '23:59', '24:00', '24:01', '25:00', '12:60', '9:00', '12:00:00', '23:59:59', '23:59:60', '24:00:00', '24:00:01', '24:00:00.000', '24:00:00.0001', '24:00:00.001', '10:00:00.5', '10:00:00.12', '10:00:00.999', '10:00:00.1234567', '10:00:00.', '10:00:0', '10:00:'];
		const zones = ['', 'Z', 'z', '+02:00', '-02:00', '+0200', '-0530', '+23:59', '+24:00', '-00:60', '+2:00', '+02:0', '+02:000', 'ZZ', ' Z', 'GMT'];
		const values = ['', ' ', '2026', 'Lawn care', '2026-11-23x', ' 2026-11-23 ', '\t2026-11-23T10:00:00Z\n'];
		for (const day of days) {
			values.push(day, `${day}Z`);
			for (const separator of separators) for (const time of times) for (const zone of zones) values.push(`${day}${separator}${time}${zone}`);
		}
		const differences = values.filter((value) => toTimestamp(value) !== byDateParse(value));
		expect(differences).toEqual([]);
		// Both readings accept a good share of these, or agreeing would prove little.
		expect(values.filter((value) => byDateParse(value) !== null).length).toBeGreaterThan(2_000);
	});
});
