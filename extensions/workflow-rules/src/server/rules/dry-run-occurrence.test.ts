import { describe, expect, it } from 'vitest';
import { nextDateOccurrence, nextScheduleOccurrence } from './dry-run-occurrence.js';

const clock = { timeZone: 'America/New_York', now: new Date('2031-01-15T12:00:00Z') };

describe('next occurrence of a date trigger', () => {
	it('is the datetime value plus the offset, days counted on the CRM wall clock', () => {
		// 2031-03-09 14:00 EDT (the day DST starts) less one day is 2031-03-08 14:00 EST: 23 hours earlier.
		const trigger = { type: 'date' as const, field: 'start_at', offset: '-P1D', time: '09:00' };
		expect(nextDateOccurrence(trigger, { start_at: '2031-03-09T18:00:00.000Z' }, false, clock).at?.toISOString()).toBe('2031-03-08T19:00:00.000Z');
	});

	it('is at the time of day on the wall clock for a date-only value, and repeats', () => {
		const trigger = { type: 'date' as const, field: 'subscription_date', offset: '-P2D', time: '09:00', recurrence: 'yearly' as const };
		expect(nextDateOccurrence(trigger, { subscription_date: '2031-07-04' }, true, clock).at?.toISOString()).toBe('2031-07-02T13:00:00.000Z');
		expect(nextDateOccurrence(trigger, { subscription_date: '2020-01-10' }, true, clock).at?.toISOString()).toBe('2032-01-08T14:00:00.000Z');
	});

	it('says why there is none', () => {
		const trigger = { type: 'date' as const, field: 'start_at', offset: '-P1D' };
		expect(nextDateOccurrence(trigger, { start_at: null }, false, clock)).toEqual({ at: null, reason: 'start_at is empty' });
		expect(nextDateOccurrence(trigger, { start_at: '2030-05-02T10:00:00Z' }, false, clock)).toEqual({ at: null, reason: 'its occurrence 2030-05-01T10:00:00.000Z (start_at -P1D) has passed' });
		expect(nextDateOccurrence(trigger, { start_at: '2031-05-02T10:00:00Z' }, null, clock).reason).toBe('start_at is not a date field of the collection');
	});
});

describe('next occurrence of a schedule trigger', () => {
	it('is the next cron run in the CRM time zone', () => {
		// 2031-01-15 is a Wednesday; the next Monday 09:00 EST is 2031-01-20 14:00 UTC.
		expect(nextScheduleOccurrence({ type: 'schedule', cron: '0 9 * * 1' }, clock).at?.toISOString()).toBe('2031-01-20T14:00:00.000Z');
	});
});
