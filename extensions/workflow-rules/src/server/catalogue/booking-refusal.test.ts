import { describe, expect, it } from 'vitest';
import type { BookingRefusal } from '../../core/catalogue/booking-check.js';
import { bookingRefusalErrors } from './booking-refusal.js';

const refusal = (reason: BookingRefusal['reason'], field: BookingRefusal['field'], type: BookingRefusal['constraint']['type'], value: string): BookingRefusal => ({ reason, field, message: `${reason}.`, constraint: { type, value } });
const SLOT = { start: new Date('2027-03-08T09:00:00Z'), end: new Date('2027-03-08T10:00:00Z'), members: ['ann'] };

describe('bookingRefusalErrors', () => {
	it('makes one validation error per reason, the slots at the first start reason', () => {
		const errors = bookingRefusalErrors([refusal('service_unavailable', 'service', 'neq', 'Lawn care'), refusal('outside_service_hours', 'start_at', 'gte', '10:00')], [SLOT], 'Europe/Paris');
		expect(errors.map((error) => [error.code, error.status, error.extensions])).toEqual([
			['FAILED_VALIDATION', 400, { collection: 'appointments', field: 'service', path: [], type: 'neq', invalid: 'Lawn care', reason: 'service_unavailable', constraint: { type: 'neq', value: 'Lawn care' }, validation_message: 'service_unavailable.', next_free: [{ start: '2027-03-08T09:00:00.000Z', end: '2027-03-08T10:00:00.000Z' }] }],
			['FAILED_VALIDATION', 400, { collection: 'appointments', field: 'start_at', path: [], type: 'in', valid: 'Mon 8 Mar 10:00', reason: 'outside_service_hours', constraint: { type: 'gte', value: '10:00' }, validation_message: 'outside_service_hours. Next free: Mon 8 Mar 10:00 (Europe/Paris).', next_free: [{ start: '2027-03-08T09:00:00.000Z', end: '2027-03-08T10:00:00.000Z' }] }],
		]);
		expect(errors[1]!.message).toBe('outside_service_hours. Next free: Mon 8 Mar 10:00 (Europe/Paris).');
	});

	it('gives each reason of a field its own type, and says when no slot is free', () => {
		const errors = bookingRefusalErrors([refusal('outside_service_dates', 'start_at', 'gte', '2027-03-03'), refusal('outside_service_days', 'start_at', 'in', 'Monday'), refusal('outside_service_hours', 'start_at', 'gte', '10:00')], [], 'UTC');
		expect(errors.map((error) => error.extensions.type)).toEqual(['gte', 'in', 'lte']);
		// The third reason's type is borrowed (its own, gte, is taken at start_at): it states no bound, its constraint does.
		expect(errors.map((error) => [error.extensions.valid, error.extensions.constraint])).toEqual([
			['2027-03-03', { type: 'gte', value: '2027-03-03' }],
			['Monday', { type: 'in', value: 'Monday' }],
			[undefined, { type: 'gte', value: '10:00' }],
		]);
		expect(errors[0]!.extensions.validation_message).toBe('outside_service_dates. No free slot in the next days.');
		expect(bookingRefusalErrors([refusal('service_unused', 'service', 'neq', 'Snow'), refusal('service_unused', 'service', 'neq', 'Snow')], null, 'UTC').map((error) => [error.extensions.type, error.extensions.invalid, error.extensions.validation_message])).toEqual([
			['neq', 'Snow', 'service_unused.'],
			['nin', undefined, 'service_unused.'],
		]);
	});
});
