/**
 * Whether a service can be booked for a given slot (SPEC §7), read in the CRM's time zone. Pure:
 * the server hands in the service, the settings and the slot, and turns a refusal into a 400.
 */
import { zonedParts, type Weekday } from '../timing/zoned-time.js';

export interface BookableService {
	name: string;
	status: string | null;
	unavailable_until: Date | null;
	available_days: Weekday[] | null;
	available_from: string | null;
	available_to: string | null;
	available_start_date: string | null;
	available_end_date: string | null;
	duration_min: number | null;
	duration_max: number | null;
}

export interface BusinessHours {
	day: Weekday;
	open: string;
	close: string;
}

export interface BookingSettings {
	timezone: string;
	/** Null or empty when the business has not set opening hours: no business-hours check. */
	business_hours: BusinessHours[] | null;
}

export type BookingReason =
	| 'invalid_slot'
	| 'service_unused'
	| 'service_unavailable'
	| 'outside_service_dates'
	| 'outside_service_days'
	| 'outside_service_hours'
	| 'outside_business_hours'
	| 'duration_out_of_range';

export interface BookingRefusal {
	reason: BookingReason;
	/** The appointment field the refusal is about. */
	field: 'service' | 'start_at' | 'end_at';
	message: string;
}

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** 'HH:MM' or 'HH:MM:SS' → minutes after midnight. */
export function minutesOf(time: string): number {
	const [hours, minutes] = time.split(':').map(Number);
	return (hours ?? 0) * 60 + (minutes ?? 0);
}

function hhmm(time: string): string {
	return time.slice(0, 5);
}

/** The first reason the slot cannot be booked, or null when it can. */
export function checkBooking(service: BookableService, start: Date, end: Date, settings: BookingSettings): BookingRefusal | null {
	const refuse = (reason: BookingReason, field: BookingRefusal['field'], message: string): BookingRefusal => ({ reason, field, message });
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() <= start.getTime()) {
		return refuse('invalid_slot', 'end_at', 'The appointment must end after it starts.');
	}

	const tz = settings.timezone;
	const from = zonedParts(start, tz);
	const to = zonedParts(end, tz);
	const duration = Math.round((end.getTime() - start.getTime()) / 60_000);
	// An appointment that ends at midnight ends at the end of its start day.
	const endMinutes = to.ymd === from.ymd ? to.minutes : to.minutes === 0 && duration <= 1440 ? 1440 : Number.POSITIVE_INFINITY;

	if (service.status === 'unused') return refuse('service_unused', 'service', `The service "${service.name}" is marked unused and cannot be booked.`);

	if (service.unavailable_until && service.unavailable_until.getTime() > start.getTime()) {
		return refuse('service_unavailable', 'service', `The service "${service.name}" is temporarily unavailable until ${service.unavailable_until.toISOString()}.`);
	}

	if ((service.available_start_date && from.ymd < service.available_start_date) || (service.available_end_date && from.ymd > service.available_end_date)) {
		const range = `${service.available_start_date ?? 'any date'} to ${service.available_end_date ?? 'any date'}`;
		return refuse('outside_service_dates', 'start_at', `The service "${service.name}" can only be booked from ${range}; ${from.ymd} is outside that range.`);
	}

	if (service.available_days && service.available_days.length > 0 && !service.available_days.includes(from.weekday)) {
		return refuse('outside_service_days', 'start_at', `The service "${service.name}" is not available on ${DAY_NAMES[from.weekday]}s (only ${service.available_days.map((day) => DAY_NAMES[day]).join(', ')}).`);
	}

	if ((service.available_from && from.minutes < minutesOf(service.available_from)) || (service.available_to && endMinutes > minutesOf(service.available_to))) {
		return refuse('outside_service_hours', from.minutes < minutesOf(service.available_from ?? '00:00') ? 'start_at' : 'end_at', `The service "${service.name}" is available from ${hhmm(service.available_from ?? '00:00')} to ${hhmm(service.available_to ?? '24:00')} (${tz}).`);
	}

	if (settings.business_hours && settings.business_hours.length > 0) {
		const hours = settings.business_hours.find((entry) => entry.day === from.weekday);
		if (!hours) return refuse('outside_business_hours', 'start_at', `The business is closed on ${DAY_NAMES[from.weekday]}s.`);
		if (from.minutes < minutesOf(hours.open) || endMinutes > minutesOf(hours.close)) {
			return refuse('outside_business_hours', from.minutes < minutesOf(hours.open) ? 'start_at' : 'end_at', `Business hours on ${DAY_NAMES[from.weekday]} are ${hhmm(hours.open)} to ${hhmm(hours.close)} (${tz}).`);
		}
	}

	if ((service.duration_min !== null && duration < service.duration_min) || (service.duration_max !== null && duration > service.duration_max)) {
		return refuse('duration_out_of_range', 'end_at', `The service "${service.name}" lasts ${service.duration_min ?? 0} to ${service.duration_max ?? '∞'} minutes; this appointment lasts ${duration}.`);
	}

	return null;
}
