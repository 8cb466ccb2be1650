import { describe, expect, it } from 'vitest';
import { dueDate } from './due-date.js';

describe('dueDate', () => {
	it('is none without due_in', () => {
		expect(dueDate(new Date('2025-06-02T10:00:00Z'), null, 'America/New_York')).toBeNull();
		expect(dueDate(new Date('2025-06-02T10:00:00Z'), undefined, 'UTC')).toBeNull();
	});

	it('keeps the local time of day across the spring DST switch: P1D is 23 hours that night', () => {
		// Saturday 8 March 2025, 09:30 in New York (EST, UTC-5); clocks go forward that night.
		const now = new Date('2025-03-08T14:30:00Z');
		expect(dueDate(now, 'P1D', 'America/New_York')?.toISOString()).toBe('2025-03-09T13:30:00.000Z');
	});

	it('keeps the local time of day across the autumn DST switch: P2D is 49 hours', () => {
		// Saturday 1 November 2025, 17:00 in New York (EDT, UTC-4); clocks go back on the Sunday.
		const now = new Date('2025-11-01T21:00:00Z');
		expect(dueDate(now, 'P2D', 'America/New_York')?.toISOString()).toBe('2025-11-03T22:00:00.000Z');
	});

	it('counts a time part as elapsed time, also across a switch', () => {
		const now = new Date('2025-03-08T14:30:00Z');
		expect(dueDate(now, 'PT24H', 'America/New_York')?.toISOString()).toBe('2025-03-09T14:30:00.000Z');
	});

	it('reads the calendar in the CRM zone, not in UTC: P1M from 30 January local is the last day of February local', () => {
		// 30 January 2025, 21:00 in New York is already 31 January in UTC (+P1M there: 28 February, 02:00 UTC).
		const now = new Date('2025-01-31T02:00:00Z');
		expect(dueDate(now, 'P1M', 'America/New_York')?.toISOString()).toBe('2025-03-01T02:00:00.000Z');
	});

	it('refuses what is not a duration', () => {
		expect(() => dueDate(new Date(), 'tomorrow', 'UTC')).toThrow(RangeError);
	});
});
