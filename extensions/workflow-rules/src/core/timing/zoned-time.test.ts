import { describe, expect, it } from 'vitest';
import { parseDuration } from './iso-duration.js';
import { addDaysYmd, addDurationInZone, isValidHhmm, isValidTimeZone, isValidYmd, weekdayOfYmd, zonedParts, zonedTimeToUtc } from './zoned-time.js';

const NY = 'America/New_York';
const PARIS = 'Europe/Paris';

function utc(ymd: string, hhmm: string, tz: string): string {
	return zonedTimeToUtc(ymd, hhmm, tz).toISOString();
}

describe('zonedParts', () => {
	it('reads local date, time, weekday and minutes', () => {
		expect(zonedParts(new Date('2024-07-01T02:30:00Z'), NY)).toEqual({ ymd: '2024-06-30', hhmm: '22:30', weekday: 'sun', minutes: 1350 });
		expect(zonedParts(new Date('2024-07-01T22:15:00Z'), PARIS)).toEqual({ ymd: '2024-07-02', hhmm: '00:15', weekday: 'tue', minutes: 15 });
		expect(zonedParts(new Date('2024-01-01T00:00:00Z'), 'UTC')).toEqual({ ymd: '2024-01-01', hhmm: '00:00', weekday: 'mon', minutes: 0 });
	});

	it('follows the DST switches', () => {
		// New York springs forward on 2024-03-10 at 02:00 and falls back on 2024-11-03 at 02:00.
		expect(zonedParts(new Date('2024-03-10T06:59:00Z'), NY).hhmm).toBe('01:59');
		expect(zonedParts(new Date('2024-03-10T07:00:00Z'), NY).hhmm).toBe('03:00');
		expect(zonedParts(new Date('2024-11-03T05:30:00Z'), NY).hhmm).toBe('01:30');
		expect(zonedParts(new Date('2024-11-03T06:30:00Z'), NY).hhmm).toBe('01:30');
		// Paris: 2024-03-31 02:00 -> 03:00, 2024-10-27 03:00 -> 02:00.
		expect(zonedParts(new Date('2024-03-31T01:00:00Z'), PARIS).hhmm).toBe('03:00');
		expect(zonedParts(new Date('2024-10-27T01:30:00Z'), PARIS).hhmm).toBe('02:30');
	});
});

describe('zonedTimeToUtc', () => {
	it('converts ordinary local times', () => {
		expect(utc('2024-01-15', '09:00', NY)).toBe('2024-01-15T14:00:00.000Z');
		expect(utc('2024-07-15', '09:00', NY)).toBe('2024-07-15T13:00:00.000Z');
		expect(utc('2024-01-15', '09:00', PARIS)).toBe('2024-01-15T08:00:00.000Z');
		expect(utc('2024-07-15', '09:00', PARIS)).toBe('2024-07-15T07:00:00.000Z');
		expect(utc('2024-07-15', '00:00', 'Asia/Kolkata')).toBe('2024-07-14T18:30:00.000Z');
	});

	it('moves non-existent spring-forward times forward by the gap', () => {
		expect(utc('2024-03-10', '02:30', NY)).toBe('2024-03-10T07:30:00.000Z'); // 03:30 EDT
		expect(utc('2024-03-10', '03:00', NY)).toBe('2024-03-10T07:00:00.000Z');
		expect(utc('2024-03-31', '02:15', PARIS)).toBe('2024-03-31T01:15:00.000Z'); // 03:15 CEST
	});

	it('takes the first occurrence of ambiguous fall-back times', () => {
		expect(utc('2024-11-03', '01:30', NY)).toBe('2024-11-03T05:30:00.000Z'); // EDT
		expect(utc('2024-11-03', '02:00', NY)).toBe('2024-11-03T07:00:00.000Z'); // EST, after the overlap
		expect(utc('2024-10-27', '02:30', PARIS)).toBe('2024-10-27T00:30:00.000Z'); // CEST
	});

	it('rejects malformed input', () => {
		expect(() => zonedTimeToUtc('2024-1-5', '09:00', NY)).toThrow(RangeError);
		expect(() => zonedTimeToUtc('2024-01-05', '24:00', NY)).toThrow(RangeError);
	});
});

describe('addDurationInZone', () => {
	it('keeps the wall-clock time when days cross a DST switch', () => {
		const p1d = parseDuration('P1D');
		const m1d = parseDuration('-P1D');
		if (!p1d || !m1d) throw new Error('bad duration');
		expect(addDurationInZone(new Date('2024-03-09T14:00:00Z'), p1d, NY).toISOString()).toBe('2024-03-10T13:00:00.000Z');
		expect(addDurationInZone(new Date('2024-10-27T08:00:00Z'), m1d, PARIS).toISOString()).toBe('2024-10-26T07:00:00.000Z');
	});

	it('adds the time part as elapsed time and clamps months', () => {
		const pt24h = parseDuration('PT24H');
		const p1m = parseDuration('P1M');
		if (!pt24h || !p1m) throw new Error('bad duration');
		expect(addDurationInZone(new Date('2024-03-09T14:00:00Z'), pt24h, NY).toISOString()).toBe('2024-03-10T14:00:00.000Z');
		expect(addDurationInZone(new Date('2024-01-31T14:00:00Z'), p1m, NY).toISOString()).toBe('2024-02-29T14:00:00.000Z');
	});
});

describe('small helpers', () => {
	it('adds days to a local date', () => {
		expect(addDaysYmd('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDaysYmd('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDaysYmd('2024-12-31', 1)).toBe('2025-01-01');
	});

	it('names the weekday of a date', () => {
		expect(weekdayOfYmd('2024-02-29')).toBe('thu');
		expect(weekdayOfYmd('2026-11-16')).toBe('mon');
		expect(weekdayOfYmd('2026-03-29')).toBe('sun');
		expect(() => weekdayOfYmd('29/02/2024')).toThrow(RangeError);
	});

	it('validates zones, dates and times', () => {
		expect(isValidTimeZone(NY)).toBe(true);
		expect(isValidTimeZone('UTC')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('')).toBe(false);
		expect(isValidYmd('2024-02-29')).toBe(true);
		expect(isValidYmd('2023-02-29')).toBe(false);
		expect(isValidHhmm('23:59')).toBe(true);
		expect(isValidHhmm('9:00')).toBe(false);
	});
});
