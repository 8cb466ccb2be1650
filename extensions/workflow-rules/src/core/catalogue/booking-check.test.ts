import { describe, expect, it } from 'vitest';
import { checkBooking, type BookableService, type BookingSettings } from './booking-check.js';

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
