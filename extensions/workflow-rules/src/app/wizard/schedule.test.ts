import { describe, expect, it } from 'vitest';
import { cronFromSchedule, DEFAULT_SCHEDULE, nextOccurrences, scheduleFromCron } from './schedule.js';

describe('schedule presets', () => {
	it('writes daily, weekly and monthly presets as cron', () => {
		expect(cronFromSchedule({ ...DEFAULT_SCHEDULE, preset: 'daily', time: '09:00' })).toBe('0 9 * * *');
		expect(cronFromSchedule({ ...DEFAULT_SCHEDULE, preset: 'weekly', time: '17:30', weekday: 5 })).toBe('30 17 * * 5');
		expect(cronFromSchedule({ ...DEFAULT_SCHEDULE, preset: 'monthly', time: '08:05', monthDay: 15 })).toBe('5 8 15 * *');
		expect(cronFromSchedule({ ...DEFAULT_SCHEDULE, preset: 'custom', cron: ' */10 * * * * ' })).toBe('*/10 * * * *');
	});

	it('reads a preset back from its cron, anything else as custom', () => {
		expect(scheduleFromCron('0 9 * * *')).toMatchObject({ preset: 'daily', time: '09:00' });
		expect(scheduleFromCron('30 17 * * 5')).toMatchObject({ preset: 'weekly', time: '17:30', weekday: 5 });
		expect(scheduleFromCron('5 8 15 * *')).toMatchObject({ preset: 'monthly', time: '08:05', monthDay: 15 });
		expect(scheduleFromCron('0 9 * * 1-5')).toMatchObject({ preset: 'custom', cron: '0 9 * * 1-5' });
		expect(scheduleFromCron('*/2 * * * * *')).toMatchObject({ preset: 'custom' });
		expect(scheduleFromCron('0 9 31 * *')).toMatchObject({ preset: 'custom' });
	});

	it('lists the next three occurrences in the time zone', () => {
		const from = new Date('2026-03-02T12:00:00Z'); // a Monday
		expect(nextOccurrences('0 9 * * 1', 'Europe/Paris', from).map((date) => date.toISOString())).toEqual([
			'2026-03-09T08:00:00.000Z',
			'2026-03-16T08:00:00.000Z',
			'2026-03-23T08:00:00.000Z',
		]);
		expect(nextOccurrences('0 9 * * *', 'UTC', from)).toHaveLength(3);
	});

	it('lists nothing for an invalid cron', () => {
		expect(nextOccurrences('every monday', 'UTC', new Date())).toEqual([]);
		expect(nextOccurrences('', 'UTC', new Date())).toEqual([]);
	});
});
