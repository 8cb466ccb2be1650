import { describe, expect, it } from 'vitest';
import { unavailableUntil } from './unavailability-presets.js';

// Wednesday 2026-11-18 15:30 in New York (UTC-5).
const NOW = new Date('2026-11-18T20:30:00Z');
const TZ = 'America/New_York';

describe('unavailableUntil', () => {
	it.each([
		['rest_of_day', '2026-11-19T05:00:00.000Z'],
		['until_tomorrow', '2026-11-20T05:00:00.000Z'],
		['end_of_week', '2026-11-23T05:00:00.000Z'],
		['end_of_month', '2026-12-01T05:00:00.000Z'],
	] as const)('%s ends at local midnight: %s', (preset, expected) => {
		expect((unavailableUntil(preset, NOW, TZ) as Date).toISOString()).toBe(expected);
	});

	it('reads "today" in the CRM time zone: 02:00 UTC on Thursday is still Wednesday in New York', () => {
		expect((unavailableUntil('rest_of_day', new Date('2026-11-19T02:00:00Z'), TZ) as Date).toISOString()).toBe('2026-11-19T05:00:00.000Z');
		expect((unavailableUntil('rest_of_day', new Date('2026-11-19T02:00:00Z'), 'Europe/Paris') as Date).toISOString()).toBe('2026-11-19T23:00:00.000Z');
	});

	it('end_of_month rolls over the year and follows DST', () => {
		expect((unavailableUntil('end_of_month', new Date('2026-12-10T12:00:00Z'), TZ) as Date).toISOString()).toBe('2027-01-01T05:00:00.000Z');
		expect((unavailableUntil('end_of_month', new Date('2026-06-10T12:00:00Z'), TZ) as Date).toISOString()).toBe('2026-07-01T04:00:00.000Z');
	});

	it('until_date: a date means through that day, a date-time is the moment itself', () => {
		expect((unavailableUntil('until_date', NOW, TZ, '2026-12-24') as Date).toISOString()).toBe('2026-12-25T05:00:00.000Z');
		expect((unavailableUntil('until_date', NOW, TZ, '2026-12-24T14:00:00Z') as Date).toISOString()).toBe('2026-12-24T14:00:00.000Z');
		expect(unavailableUntil('until_date', NOW, TZ)).toMatch(/required/);
		expect(unavailableUntil('until_date', NOW, TZ, 'next week')).toMatch(/must be a date/);
		expect(unavailableUntil('until_date', NOW, TZ, '2026-11-01')).toMatch(/future/);
	});

	it('until_date: a real calendar day, at most ten years ahead', () => {
		expect(unavailableUntil('until_date', NOW, TZ, '2027-02-31')).toMatch(/must be a date/);
		expect((unavailableUntil('until_date', NOW, TZ, '2036-11-18') as Date).toISOString()).toBe('2036-11-19T05:00:00.000Z');
		for (const until of ['2036-11-19', '9999-12-31', '2036-11-19T00:00:00Z', '+275760-09-13T00:00:00Z']) {
			expect(unavailableUntil('until_date', NOW, TZ, until), until).toMatch(/at most 10 years ahead/);
		}
	});
});
