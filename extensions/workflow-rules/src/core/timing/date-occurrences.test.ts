import { describe, expect, it } from 'vitest';
import { dateSchedule, nextOccurrence, occurrenceAt, occurrencesBetween, valueRangesFor, type DateSchedule } from './date-occurrences.js';

const NY = 'America/New_York';
const PARIS = 'Europe/Paris';

function schedule(trigger: Parameters<typeof dateSchedule>[0], timeZone = 'UTC', dateOnly = true): DateSchedule {
	const parsed = dateSchedule(trigger, timeZone, dateOnly);
	if (!parsed) throw new Error('bad trigger');
	return parsed;
}

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('date trigger occurrences', () => {
	it('monthly from Jan 31 falls on the last day of shorter months and returns to the 31st', () => {
		const monthly = schedule({ time: '09:00', recurrence: 'monthly' });
		expect(iso(occurrencesBetween(monthly, '2026-01-31', new Date('2026-01-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z')))).toEqual([
			'2026-01-31T09:00:00.000Z',
			'2026-02-28T09:00:00.000Z',
			'2026-03-31T09:00:00.000Z',
			'2026-04-30T09:00:00.000Z',
		]);
	});

	it('yearly from Feb 29 falls on Feb 28 in other years', () => {
		const yearly = schedule({ time: '09:00', recurrence: 'yearly' });
		expect(iso(occurrencesBetween(yearly, '2024-02-29', new Date('2024-01-01T00:00:00Z'), new Date('2029-01-01T00:00:00Z')))).toEqual([
			'2024-02-29T09:00:00.000Z',
			'2025-02-28T09:00:00.000Z',
			'2026-02-28T09:00:00.000Z',
			'2027-02-28T09:00:00.000Z',
			'2028-02-29T09:00:00.000Z',
		]);
		expect(nextOccurrence(yearly, '2024-02-29', new Date('2026-03-01T00:00:00Z'))?.toISOString()).toBe('2027-02-28T09:00:00.000Z');
	});

	it('negative offsets count back from each anniversary', () => {
		const renewal = schedule({ offset: '-P2D', time: '09:00', recurrence: 'yearly' });
		expect(iso(occurrencesBetween(renewal, '2020-03-01', new Date('2024-01-01T00:00:00Z'), new Date('2025-12-31T00:00:00Z')))).toEqual([
			'2024-02-28T09:00:00.000Z',
			'2025-02-27T09:00:00.000Z',
		]);
		expect(occurrenceAt(schedule({ offset: '-PT30M', time: '00:10' }), '2026-06-01', 0).toISOString()).toBe('2026-05-31T23:40:00.000Z');
	});

	it('keeps the wall-clock time across the DST change in New York', () => {
		// New York springs forward on 2026-03-08.
		const twoDaysBefore = schedule({ offset: '-P2D', time: '09:00' }, NY);
		expect(occurrenceAt(twoDaysBefore, '2026-03-10', 0).toISOString()).toBe('2026-03-08T13:00:00.000Z');
		expect(occurrenceAt(twoDaysBefore, '2026-03-09', 0).toISOString()).toBe('2026-03-07T14:00:00.000Z');
		// 02:30 does not exist that night: later by the gap.
		expect(occurrenceAt(schedule({ time: '02:30' }, NY), '2026-03-08', 0).toISOString()).toBe('2026-03-08T07:30:00.000Z');
		// A datetime field: the day before 09:00 EST on 2026-11-01 (fall back) is 09:00 EDT, 25 hours earlier; `time` is ignored.
		const dayBefore = schedule({ offset: '-P1D', time: '18:00' }, NY, false);
		expect(occurrenceAt(dayBefore, new Date('2026-11-01T14:00:00Z'), 0).toISOString()).toBe('2026-10-31T13:00:00.000Z');
	});

	it('keeps the wall-clock time across the DST change in Paris, every year', () => {
		// Paris springs forward on 2026-03-29.
		const dayBefore = schedule({ offset: '-P1D', time: '09:00' }, PARIS);
		expect(occurrenceAt(dayBefore, '2026-03-30', 0).toISOString()).toBe('2026-03-29T07:00:00.000Z');
		expect(occurrenceAt(dayBefore, '2026-03-29', 0).toISOString()).toBe('2026-03-28T08:00:00.000Z');
		const yearly = schedule({ time: '09:00', recurrence: 'yearly' }, PARIS);
		expect(iso(occurrencesBetween(yearly, '2025-01-15', new Date('2025-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z')))).toEqual([
			'2025-01-15T08:00:00.000Z',
			'2026-01-15T08:00:00.000Z',
		]);
	});

	it('a one-off occurrence once passed has no next', () => {
		const once = schedule({ offset: 'P1D', time: '08:00' });
		expect(nextOccurrence(once, '2026-01-01', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-02T08:00:00.000Z');
		expect(nextOccurrence(once, '2026-01-01', new Date('2026-01-02T08:00:00Z'))).toBeNull();
		expect(occurrencesBetween(once, '2026-01-01', new Date('2026-01-02T08:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([]);
	});
});

describe('field values whose occurrence falls in a window', () => {
	it('yearly: one range per year of stored values', () => {
		const renewal = schedule({ offset: '-P2D', time: '09:00', recurrence: 'yearly' });
		const ranges = valueRangesFor(renewal, new Date('2026-12-01T08:59:59Z'), new Date('2026-12-01T09:00:00Z'), { min: '2020-01-01', max: '2026-12-31' });
		expect(ranges).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026'].map((year) => ({ from: `${year}-12-03`, to: `${year}-12-03` })));
	});

	it('no range when no occurrence can fall in the window', () => {
		const renewal = schedule({ offset: '-P2D', time: '09:00', recurrence: 'yearly' });
		expect(valueRangesFor(renewal, new Date('2026-12-01T09:00:00Z'), new Date('2026-12-01T09:00:01Z'), { min: '2020-01-01', max: '2026-12-31' })).toEqual([]);
	});

	it('a datetime field: the values an offset away from the window', () => {
		const hourBefore = schedule({ offset: '-PT1H' }, NY, false);
		const ranges = valueRangesFor(hourBefore, new Date('2026-06-01T10:00:00Z'), new Date('2026-06-01T10:00:05Z'), { min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z') });
		expect(ranges).toEqual([{ from: new Date('2026-06-01T11:00:00.001Z'), to: new Date('2026-06-01T11:00:05.000Z') }]);
	});

	it('stays within the stored values', () => {
		const monthly = schedule({ time: '09:00', recurrence: 'monthly' });
		expect(valueRangesFor(monthly, new Date('2026-02-28T08:00:00Z'), new Date('2026-02-28T10:00:00Z'), { min: '2026-01-15', max: '2026-01-30' })).toEqual([{ from: '2026-01-28', to: '2026-01-30' }]);
	});

	it('finds exactly the days whose occurrence is in the window, whatever the zone, offset and recurrence', () => {
		const days = Array.from({ length: 1_200 }, (_, index) => new Date(Date.UTC(2023, 0, 1) + index * 86_400_000).toISOString().slice(0, 10));
		const cases: [Parameters<typeof dateSchedule>[0], string, string, string][] = [
			[{ offset: '-P2D', time: '09:00', recurrence: 'yearly' }, NY, '2025-03-07T00:00:00Z', '2025-03-09T23:00:00Z'],
			[{ offset: 'P1M', time: '23:30', recurrence: 'monthly' }, PARIS, '2025-03-29T00:00:00Z', '2025-04-02T00:00:00Z'],
			[{ offset: '-PT36H', time: '06:00', recurrence: 'none' }, 'Asia/Tokyo', '2024-02-27T00:00:00Z', '2024-03-02T00:00:00Z'],
		];
		for (const [trigger, tz, from, to] of cases) {
			const daily = schedule(trigger, tz);
			const window = [new Date(from), new Date(to)] as const;
			const expected = days.filter((day) => occurrencesBetween(daily, day, ...window).length > 0);
			const ranges = valueRangesFor(daily, ...window, { min: days[0]!, max: days.at(-1)! }) as { from: string; to: string }[];
			expect(days.filter((day) => ranges.some((range) => range.from <= day && day <= range.to))).toEqual(expected);
			expect(expected.length).toBeGreaterThan(0);
		}
	});
});
