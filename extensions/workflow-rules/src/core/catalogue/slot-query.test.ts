import { describe, expect, it } from 'vitest';
import type { BookableService } from './booking-check.js';
import { readSlotQuery } from './slot-query.js';

const SERVICE: BookableService = {
	name: 'Haircut',
	status: 'active',
	unavailable_until: null,
	available_days: null,
	available_from: null,
	available_to: null,
	available_start_date: null,
	available_end_date: null,
	duration_min: 30,
	duration_max: 45,
};
const NOW = new Date('2026-12-02T10:00:00Z');
const read = (raw: Record<string, unknown>) => readSlotQuery(raw, SERVICE, NOW, 'America/New_York');

describe('readSlotQuery', () => {
	it('defaults to now, a week and the shortest duration, and clamps a past from to now', () => {
		expect(read({})).toEqual({ from: NOW, days: 7, duration: 30 });
		expect(read({ from: '2026-01-01T00:00:00Z' })).toEqual({ from: NOW, days: 7, duration: 30 });
		expect(read({ from: '2027-03-14T00:00:00Z', days: '62', duration: '45', step: '5', limit: '100' })).toEqual({ from: new Date('2027-03-14T00:00:00Z'), days: 62, duration: 45, step: 5, limit: 100 });
	});

	it('reads a date, or a time without an offset, on the CRM time zone\'s wall clock', () => {
		// New York is UTC-5 in December: 3 December from 00:00 there is 05:00 UTC.
		expect(read({ from: '2026-12-03' })).toMatchObject({ from: new Date('2026-12-03T05:00:00Z') });
		expect(read({ from: '2026-12-03T09:30' })).toMatchObject({ from: new Date('2026-12-03T14:30:00Z') });
		expect(read({ from: '2026-12-03T09:30:15.250' })).toMatchObject({ from: new Date('2026-12-03T14:30:00Z') });
		// An offset or Z is an exact moment.
		expect(read({ from: '2026-12-03T09:30:00+01:00' })).toMatchObject({ from: new Date('2026-12-03T08:30:00Z') });
		expect(read({ from: '2026-12-03T09:30:00Z' })).toMatchObject({ from: new Date('2026-12-03T09:30:00Z') });
	});

	it('refuses loose dates and searches too far ahead', () => {
		for (const from of ['1', 'Dec 3', '2026-02-30', '2026-12-03T24:00', '2026-12-03 09:00', '2026-12-3']) expect(read({ from }), from).toMatchObject({ field: 'from' });
		expect(read({ from: '2036-12-01' })).toMatchObject({ from: expect.any(Date) });
		expect(read({ from: '2037-01-01' })).toMatchObject({ field: 'from', problem: expect.stringContaining('10 years') });
	});

	it('names the parameter that is wrong', () => {
		expect(read({ from: 'soon' })).toMatchObject({ field: 'from' });
		expect(read({ from: ['2027-01-01', '2027-01-02'] })).toMatchObject({ field: 'from' });
		expect(read({ days: '0' })).toMatchObject({ field: 'days' });
		expect(read({ days: '63' })).toMatchObject({ field: 'days' });
		expect(read({ days: '1.5' })).toMatchObject({ field: 'days' });
		expect(read({ duration: '29' })).toMatchObject({ field: 'duration', problem: expect.stringContaining('30 to 45') });
		expect(read({ duration: '46' })).toMatchObject({ field: 'duration' });
		expect(read({ duration: 'long' })).toMatchObject({ field: 'duration' });
		expect(read({ step: '4' })).toMatchObject({ field: 'step' });
		expect(read({ limit: '101' })).toMatchObject({ field: 'limit' });
		expect(read({ limit: '-1' })).toMatchObject({ field: 'limit' });
	});
});
