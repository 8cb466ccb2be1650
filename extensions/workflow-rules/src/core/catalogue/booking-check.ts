/**
 * Whether a service can be booked for a given slot (SPEC §7), read in the CRM's time zone. Pure:
 * the server hands in the service, the settings and the slot, and turns a refusal into a 400.
 */
import { zonedParts, type Weekday, type ZonedParts } from '../timing/zoned-time.js';

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

/** Minutes after midnight → 'HH:MM'; a day's end (1440, or no end at all) reads '24:00'. */
export function clock(minutes: number): string {
	if (minutes >= 1440) return '24:00';
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Part of a local day a booking must fit in, in minutes after midnight: it starts at or after
 * `open` and ends at or before `close` (Infinity: no end, not even the day's).
 */
export interface DayWindow {
	open: number;
	close: number;
}

/** A slot as the CRM's wall clock shows it. */
export interface LocalSlot {
	/** The local day and time it starts. */
	day: ZonedParts;
	/** When it ends, in minutes after its start day's midnight: 1440 at the next midnight, Infinity later. */
	endMinutes: number;
	/** Elapsed minutes, which across a DST switch differ from the wall-clock span. */
	duration: number;
}

export function localSlot(start: Date, end: Date, tz: string): LocalSlot {
	const day = zonedParts(start, tz);
	const to = zonedParts(end, tz);
	const duration = Math.round((end.getTime() - start.getTime()) / 60_000);
	// An appointment that ends at midnight ends at the end of its start day.
	const endMinutes = to.ymd === day.ymd ? to.minutes : to.minutes === 0 && duration <= 1440 ? 1440 : Number.POSITIVE_INFINITY;
	return { day, endMinutes, duration };
}

export function isUnused(service: BookableService): boolean {
	return service.status === 'unused';
}

export function isUnavailableAt(service: BookableService, start: Date): boolean {
	return service.unavailable_until !== null && service.unavailable_until.getTime() > start.getTime();
}

/** Whether the local date `ymd` is within the service's date range (either end may be open). */
export function withinServiceDates(service: BookableService, ymd: string): boolean {
	return !(service.available_start_date && ymd < service.available_start_date) && !(service.available_end_date && ymd > service.available_end_date);
}

/** No days chosen means every day. */
export function onServiceDay(service: BookableService, weekday: Weekday): boolean {
	return !service.available_days || service.available_days.length === 0 || service.available_days.includes(weekday);
}

/** The service's hours: from available_from (else midnight) to available_to (else no end). */
export function serviceHours(service: BookableService): DayWindow {
	return { open: service.available_from ? minutesOf(service.available_from) : 0, close: service.available_to ? minutesOf(service.available_to) : Number.POSITIVE_INFINITY };
}

/**
 * The business's hours on a weekday: null on a day it is closed; no bounds at all when it has set
 * no opening hours.
 */
export function businessHours(settings: BookingSettings, weekday: Weekday): DayWindow | null {
	if (!settings.business_hours || settings.business_hours.length === 0) return { open: 0, close: Number.POSITIVE_INFINITY };
	const hours = settings.business_hours.find((entry) => entry.day === weekday);
	return hours ? { open: minutesOf(hours.open), close: minutesOf(hours.close) } : null;
}

export function fitsWindow(window: DayWindow, startMinutes: number, endMinutes: number): boolean {
	return startMinutes >= window.open && endMinutes <= window.close;
}

/** Whether an appointment of `minutes` is within duration_min..duration_max, both bookable. */
export function durationInRange(service: BookableService, minutes: number): boolean {
	return !(service.duration_min !== null && minutes < service.duration_min) && !(service.duration_max !== null && minutes > service.duration_max);
}

/** The first reason the slot cannot be booked, or null when it can. */
export function checkBooking(service: BookableService, start: Date, end: Date, settings: BookingSettings): BookingRefusal | null {
	const refuse = (reason: BookingReason, field: BookingRefusal['field'], message: string): BookingRefusal => ({ reason, field, message });
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() <= start.getTime()) {
		return refuse('invalid_slot', 'end_at', 'The appointment must end after it starts.');
	}

	const tz = settings.timezone;
	const { day: from, endMinutes, duration } = localSlot(start, end, tz);

	if (isUnused(service)) return refuse('service_unused', 'service', `The service "${service.name}" is marked unused and cannot be booked.`);

	if (isUnavailableAt(service, start)) {
		return refuse('service_unavailable', 'service', `The service "${service.name}" is temporarily unavailable until ${service.unavailable_until?.toISOString()}.`);
	}

	if (!withinServiceDates(service, from.ymd)) {
		const range = `${service.available_start_date ?? 'any date'} to ${service.available_end_date ?? 'any date'}`;
		return refuse('outside_service_dates', 'start_at', `The service "${service.name}" can only be booked from ${range}; ${from.ymd} is outside that range.`);
	}

	if (!onServiceDay(service, from.weekday)) {
		return refuse('outside_service_days', 'start_at', `The service "${service.name}" is not available on ${DAY_NAMES[from.weekday]}s (only ${(service.available_days ?? []).map((day) => DAY_NAMES[day]).join(', ')}).`);
	}

	const hours = serviceHours(service);
	if (!fitsWindow(hours, from.minutes, endMinutes)) {
		return refuse('outside_service_hours', from.minutes < hours.open ? 'start_at' : 'end_at', `The service "${service.name}" is available from ${clock(hours.open)} to ${clock(hours.close)} (${tz}).`);
	}

	const business = businessHours(settings, from.weekday);
	if (!business) return refuse('outside_business_hours', 'start_at', `The business is closed on ${DAY_NAMES[from.weekday]}s.`);
	if (!fitsWindow(business, from.minutes, endMinutes)) {
		return refuse('outside_business_hours', from.minutes < business.open ? 'start_at' : 'end_at', `Business hours on ${DAY_NAMES[from.weekday]} are ${clock(business.open)} to ${clock(business.close)} (${tz}).`);
	}

	if (!durationInRange(service, duration)) {
		return refuse('duration_out_of_range', 'end_at', `The service "${service.name}" lasts ${service.duration_min ?? 0} to ${service.duration_max ?? '∞'} minutes; this appointment lasts ${duration}.`);
	}

	return null;
}
