import { describe, expect, it } from 'vitest';
import { cronOccurrencesBetween, nextCronOccurrence } from './cron-occurrences.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('schedule trigger occurrences', () => {
	it('every two seconds, window open at the start and closed at the end', () => {
		expect(iso(cronOccurrencesBetween('*/2 * * * * *', 'UTC', new Date('2026-01-01T10:00:00.000Z'), new Date('2026-01-01T10:00:06.000Z')))).toEqual([
			'2026-01-01T10:00:02.000Z',
			'2026-01-01T10:00:04.000Z',
			'2026-01-01T10:00:06.000Z',
		]);
	});

	it('Mondays at 09:00 in New York, before and after the DST change', () => {
		expect(iso(cronOccurrencesBetween('0 9 * * 1', 'America/New_York', new Date('2026-03-01T00:00:00Z'), new Date('2026-03-10T00:00:00Z')))).toEqual([
			'2026-03-02T14:00:00.000Z',
			'2026-03-09T13:00:00.000Z',
		]);
	});

	it('keeps the earliest occurrences when there are more than the limit', () => {
		expect(iso(cronOccurrencesBetween('* * * * *', 'Europe/Paris', new Date('2026-01-01T00:00:30Z'), new Date('2026-01-02T00:00:00Z'), 2))).toEqual([
			'2026-01-01T00:01:00.000Z',
			'2026-01-01T00:02:00.000Z',
		]);
	});

	it('the next occurrence after a given instant', () => {
		expect(nextCronOccurrence('0 9 1 * *', 'Europe/Paris', new Date('2026-07-01T07:00:00Z'))?.toISOString()).toBe('2026-08-01T07:00:00.000Z');
	});
});
