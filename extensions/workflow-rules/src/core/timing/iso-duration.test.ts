import { describe, expect, it } from 'vitest';
import { addDuration, durationProblem, durationToString, isIsoDuration, parseDuration, type Duration } from './iso-duration.js';

function parsed(text: string): Duration {
	const duration = parseDuration(text);
	if (!duration) throw new Error(`not a duration: ${text}`);
	return duration;
}

function add(iso: string, duration: string): string {
	return addDuration(new Date(iso), parsed(duration)).toISOString();
}

describe('parseDuration', () => {
	it('reads signed date and time parts', () => {
		expect(parseDuration('P1D')).toMatchObject({ sign: 1, days: 1 });
		expect(parseDuration('-P2D')).toMatchObject({ sign: -1, days: 2 });
		expect(parseDuration('PT24H')).toMatchObject({ sign: 1, hours: 24, days: 0 });
		expect(parseDuration('-PT30M')).toMatchObject({ sign: -1, minutes: 30 });
		expect(parseDuration('+P2W')).toMatchObject({ sign: 1, weeks: 2 });
		expect(parseDuration('P1Y2M3DT4H5M6S')).toEqual({ sign: 1, years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6 });
	});

	it('accepts fractional seconds, with a dot or a comma', () => {
		expect(parseDuration('PT1.5S')?.seconds).toBe(1.5);
		expect(parseDuration('PT0,25S')?.seconds).toBe(0.25);
	});

	it('rejects empty designators and garbage', () => {
		for (const text of ['P', 'PT', '-P', 'P1DT', '1D', 'P1H', 'PT1D', 'P1.5D', 'p1d', 'P-1D', '', 'tomorrow', 'P1D ', 'PT1.S']) {
			expect(parseDuration(text), text).toBeNull();
		}
		expect(isIsoDuration(12)).toBe(false);
		expect(isIsoDuration('P1M')).toBe(true);
	});
});

describe('duration bounds', () => {
	it('accepts a century however it is spelled, and refuses anything longer', () => {
		for (const text of ['P100Y', '-P100Y', 'P1200M', 'P36525D', 'PT876600H']) expect(durationProblem(text), text).toBeNull();
		for (const text of ['P101Y', 'P100YT1S', 'P300000Y', 'PT100000000000H', `P${'9'.repeat(400)}D`]) {
			expect(parseDuration(text), text).toBeNull();
			expect(durationProblem(text), text).toMatch(/at most 100 years/);
		}
		expect(durationProblem('1 day')).toMatch(/ISO 8601/);
	});
});

describe('addDuration', () => {
	it('adds days as 24 h in UTC and time parts as elapsed time', () => {
		expect(add('2024-03-09T12:00:00Z', 'P1D')).toBe('2024-03-10T12:00:00.000Z');
		expect(add('2024-03-09T12:00:00Z', '-PT30M')).toBe('2024-03-09T11:30:00.000Z');
		expect(add('2024-03-09T12:00:00Z', 'P2W')).toBe('2024-03-23T12:00:00.000Z');
		expect(add('2024-03-09T12:00:00Z', 'PT1.5S')).toBe('2024-03-09T12:00:01.500Z');
	});

	it('clamps months and years to the last day of the target month', () => {
		expect(add('2024-01-31T08:00:00Z', 'P1M')).toBe('2024-02-29T08:00:00.000Z');
		expect(add('2023-01-31T08:00:00Z', 'P1M')).toBe('2023-02-28T08:00:00.000Z');
		expect(add('2024-02-29T00:00:00Z', 'P1Y')).toBe('2025-02-28T00:00:00.000Z');
		expect(add('2024-03-31T00:00:00Z', '-P1M')).toBe('2024-02-29T00:00:00.000Z');
		expect(add('2024-01-15T00:00:00Z', '-P1M')).toBe('2023-12-15T00:00:00.000Z');
		expect(add('2024-11-30T00:00:00Z', 'P1Y2M3DT4H')).toBe('2026-02-02T04:00:00.000Z');
	});
});

describe('durationToString', () => {
	it('writes canonical text that parses back', () => {
		for (const text of ['P1D', '-P2D', 'PT24H', '-PT30M', 'P1Y2M3DT4H5M6S', 'P2W', 'PT1.5S']) {
			expect(durationToString(parsed(text))).toBe(text);
		}
		expect(durationToString(parsed('+P1D'))).toBe('P1D');
		expect(durationToString(parsed('-PT0S'))).toBe('PT0S');
	});
});
