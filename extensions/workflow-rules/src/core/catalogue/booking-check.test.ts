import { describe, expect, it } from 'vitest';
import { bookingRefusals, checkBooking, type BookableService, type BookingSettings } from './booking-check.js';

const TZ = 'America/New_York';
const SETTINGS: BookingSettings = {
	timezone: TZ,
	business_hours: [
		{ day: 'mon', open: '08:00', close: '18:00' },
		{ day: 'tue', open: '08:00', close: '18:00' },
		{ day: 'sat', open: '09:00', close: '14:00' },
	],
};
const SERVICE: BookableService = {
	name: 'Lawn care',
	status: 'active',
	unavailable_until: null,
	available_days: ['mon', 'tue', 'sat'],
	available_from: '09:00:00',
	available_to: '17:00:00',
	available_start_date: '2026-03-01',
	available_end_date: '2026-11-30',
	duration_min: 30,
	duration_max: 120,
};

// Monday 2026-11-16 in New York is UTC-5.
const at = (local: string) => new Date(`${local}-05:00`);
const book = (start: string, end: string, service: Partial<BookableService> = {}, settings = SETTINGS) => checkBooking({ ...SERVICE, ...service }, at(start), at(end), settings);

describe('checkBooking', () => {
	it('accepts a slot inside every window, including one that ends exactly at closing time and lasts exactly the maximum', () => {
		expect(book('2026-11-16T10:00', '2026-11-16T11:00')).toBeNull();
		expect(book('2026-11-16T15:00', '2026-11-16T17:00')).toBeNull();
	});

	it('refuses an unused service', () => {
		expect(book('2026-11-16T10:00', '2026-11-16T11:00', { status: 'unused' })?.reason).toBe('service_unused');
	});

	it('refuses a temporarily unavailable service until the given time, not after', () => {
		const until = at('2026-11-16T12:00');
		expect(book('2026-11-16T10:00', '2026-11-16T11:00', { unavailable_until: until })).toMatchObject({ reason: 'service_unavailable', message: expect.stringContaining(until.toISOString()) });
		expect(book('2026-11-16T12:00', '2026-11-16T13:00', { unavailable_until: until })).toBeNull();
	});

	it('refuses days, hours and dates outside the service availability, read in the CRM time zone', () => {
		expect(book('2026-11-18T10:00', '2026-11-18T11:00')?.reason).toBe('outside_service_days');
		expect(book('2026-11-16T08:30', '2026-11-16T09:30')?.reason).toBe('outside_service_hours');
		expect(book('2026-11-16T16:30', '2026-11-16T17:01')?.reason).toBe('outside_service_hours');
		expect(book('2026-12-01T10:00', '2026-12-01T11:00', { available_days: null })?.reason).toBe('outside_service_dates');
		// 15:30 UTC is 10:30 in New York: fine there, though 15:30 would be outside in UTC.
		expect(checkBooking({ ...SERVICE, available_to: '12:00' }, new Date('2026-11-16T15:30:00Z'), new Date('2026-11-16T16:30:00Z'), SETTINGS)).toBeNull();
	});

	it('refuses outside business hours, and on days the business is closed', () => {
		const open = { available_days: null, available_from: null, available_to: null };
		expect(book('2026-11-21T13:00', '2026-11-21T14:00', open)).toBeNull();
		expect(book('2026-11-21T13:30', '2026-11-21T14:30', open)).toMatchObject({ reason: 'outside_business_hours', field: 'end_at' });
		expect(book('2026-11-22T10:00', '2026-11-22T11:00', open)?.reason).toBe('outside_business_hours');
		expect(book('2026-11-22T10:00', '2026-11-22T11:00', open, { timezone: TZ, business_hours: null })).toBeNull();
	});

	it('refuses a duration outside duration_min..duration_max, boundaries included as bookable', () => {
		expect(book('2026-11-16T10:00', '2026-11-16T10:30')).toBeNull();
		expect(book('2026-11-16T10:00', '2026-11-16T10:29')?.reason).toBe('duration_out_of_range');
		expect(book('2026-11-16T10:00', '2026-11-16T12:01')?.reason).toBe('duration_out_of_range');
	});

	it('refuses an end before the start', () => {
		expect(book('2026-11-16T11:00', '2026-11-16T10:00')?.reason).toBe('invalid_slot');
	});
});

describe('bookingRefusals', () => {
	const all = (start: string, end: string, service: Partial<BookableService> = {}) => bookingRefusals({ ...SERVICE, ...service }, at(start), at(end), SETTINGS).map(({ reason, field }) => `${reason}@${field}`);

	it('lists every reason with its field, not only the first', () => {
		// Wednesday 2026-12-02: after the date range, not a service day, the business closed; 07:00–07:10 lasts 10 minutes.
		expect(all('2026-12-02T07:00', '2026-12-02T07:10', { status: 'unused' })).toEqual([
			'service_unused@service',
			'outside_service_dates@start_at',
			'outside_service_days@start_at',
			'outside_service_hours@start_at',
			'outside_business_hours@start_at',
			'duration_out_of_range@end_at',
		]);
	});

	it('names both ends of a slot that starts too early and ends too late', () => {
		// Monday 2026-11-16, 07:00–19:00: before both openings, after both closings, longer than 120 minutes.
		expect(all('2026-11-16T07:00', '2026-11-16T19:00')).toEqual([
			'outside_service_hours@start_at',
			'outside_service_hours@end_at',
			'outside_business_hours@start_at',
			'outside_business_hours@end_at',
			'duration_out_of_range@end_at',
		]);
	});

	it('says at each field what its value should be, on the CRM wall clock', () => {
		const constraints = bookingRefusals(SERVICE, at('2026-11-16T07:00'), at('2026-11-16T19:00'), SETTINGS).map(({ constraint }) => constraint);
		expect(constraints).toEqual([
			{ type: 'gte', value: '09:00' },
			{ type: 'lte', value: '17:00' },
			{ type: 'gte', value: '08:00' },
			{ type: 'lte', value: '18:00' },
			{ type: 'lte', value: '2026-11-16 09:00' },
		]);
		expect(bookingRefusals(SERVICE, at('2026-12-02T10:00'), at('2026-12-02T11:00'), SETTINGS).map(({ constraint }) => constraint)).toEqual([
			{ type: 'lte', value: '2026-11-30' },
			{ type: 'in', value: 'Monday, Tuesday, Saturday' },
			{ type: 'neq', value: 'a Wednesday' },
		]);
	});

	it('gives an end before the start as the only reason, and nothing for a bookable slot', () => {
		expect(all('2026-11-16T11:00', '2026-11-16T10:00', { status: 'unused' })).toEqual(['invalid_slot@end_at']);
		expect(all('2026-11-16T10:00', '2026-11-16T11:00')).toEqual([]);
	});
});
