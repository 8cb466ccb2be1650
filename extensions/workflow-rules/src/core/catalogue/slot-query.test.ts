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
const read = (raw: Record<string, unknown>) => readSlotQuery(raw, SERVICE, NOW);

describe('readSlotQuery', () => {
	it('defaults to now, a week and the shortest duration, and clamps a past from to now', () => {
		expect(read({})).toEqual({ from: NOW, days: 7, duration: 30 });
		expect(read({ from: '2026-01-01T00:00:00Z' })).toEqual({ from: NOW, days: 7, duration: 30 });
		expect(read({ from: '2027-03-14T00:00:00Z', days: '62', duration: '45', step: '5', limit: '100' })).toEqual({ from: new Date('2027-03-14T00:00:00Z'), days: 62, duration: 45, step: 5, limit: 100 });
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
