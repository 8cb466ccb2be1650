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

/**
 * What the field's value should be, in the terms of Directus' validation errors ("Value has to be
 * greater than or equal to {valid}"), for the studio to say at the field.
 */
export interface FieldConstraint {
	type: 'gt' | 'gte' | 'lte' | 'in' | 'neq';
	/** A wall-clock time, date, day list or name, as the message shows it. */
	value: string;
}

export interface BookingRefusal {
	reason: BookingReason;
	/** The appointment field the refusal is about. */
	field: 'service' | 'start_at' | 'end_at';
	message: string;
	constraint: FieldConstraint;
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

/** A moment as the CRM's wall clock shows it, "2026-11-16 09:30". */
function wallClock(date: Date, tz: string): string {
	const { ymd, hhmm } = zonedParts(date, tz);
	return `${ymd} ${hhmm}`;
}

/** The first reason the slot cannot be booked, or null when it can. */
export function checkBooking(service: BookableService, start: Date, end: Date, settings: BookingSettings): BookingRefusal | null {
	return bookingRefusals(service, start, end, settings)[0] ?? null;
}

/**
 * Every reason the slot cannot be booked, in the order a receptionist would fix them, each naming
 * the appointment field it concerns (a slot that starts too early and ends too late gives one
 * reason at start_at and one at end_at); empty when it can be booked.
 */
export function bookingRefusals(service: BookableService, start: Date, end: Date, settings: BookingSettings): BookingRefusal[] {
	// A slot that does not end after it starts cannot be read against hours or durations: that reason alone.
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() <= start.getTime()) {
		return [{ reason: 'invalid_slot', field: 'end_at', message: 'The appointment must end after it starts.', constraint: { type: 'gt', value: Number.isNaN(start.getTime()) ? 'its start' : wallClock(start, settings.timezone) } }];
	}

	const refusals: BookingRefusal[] = [];
	const refuse = (reason: BookingReason, field: BookingRefusal['field'], message: string, constraint: FieldConstraint) => refusals.push({ reason, field, message, constraint });
	const tz = settings.timezone;
	const { day: from, endMinutes, duration } = localSlot(start, end, tz);
	const notThisService = { type: 'neq', value: service.name } as const;

	if (isUnused(service)) refuse('service_unused', 'service', `The service "${service.name}" is marked unused and cannot be booked.`, notThisService);

	if (isUnavailableAt(service, start)) {
		refuse('service_unavailable', 'service', `The service "${service.name}" is temporarily unavailable until ${service.unavailable_until?.toISOString()}.`, notThisService);
	}

	if (!withinServiceDates(service, from.ymd)) {
		const range = `${service.available_start_date ?? 'any date'} to ${service.available_end_date ?? 'any date'}`;
		const tooEarly = service.available_start_date !== null && from.ymd < service.available_start_date;
		refuse('outside_service_dates', 'start_at', `The service "${service.name}" can only be booked from ${range}; ${from.ymd} is outside that range.`, tooEarly ? { type: 'gte', value: service.available_start_date ?? '' } : { type: 'lte', value: service.available_end_date ?? '' });
	}

	if (!onServiceDay(service, from.weekday)) {
		const days = (service.available_days ?? []).map((day) => DAY_NAMES[day]).join(', ');
		refuse('outside_service_days', 'start_at', `The service "${service.name}" is not available on ${DAY_NAMES[from.weekday]}s (only ${days}).`, { type: 'in', value: days });
	}

	const hours = serviceHours(service);
	const serviceHoursText = `The service "${service.name}" is available from ${clock(hours.open)} to ${clock(hours.close)} (${tz}).`;
	if (from.minutes < hours.open) refuse('outside_service_hours', 'start_at', serviceHoursText, { type: 'gte', value: clock(hours.open) });
	if (endMinutes > hours.close) refuse('outside_service_hours', 'end_at', serviceHoursText, { type: 'lte', value: clock(hours.close) });

	const business = businessHours(settings, from.weekday);
	if (!business) refuse('outside_business_hours', 'start_at', `The business is closed on ${DAY_NAMES[from.weekday]}s.`, { type: 'neq', value: `a ${DAY_NAMES[from.weekday]}` });
	else {
		const businessHoursText = `Business hours on ${DAY_NAMES[from.weekday]} are ${clock(business.open)} to ${clock(business.close)} (${tz}).`;
		if (from.minutes < business.open) refuse('outside_business_hours', 'start_at', businessHoursText, { type: 'gte', value: clock(business.open) });
		if (endMinutes > business.close) refuse('outside_business_hours', 'end_at', businessHoursText, { type: 'lte', value: clock(business.close) });
	}

	if (!durationInRange(service, duration)) {
		const tooShort = service.duration_min !== null && duration < service.duration_min;
		const bound = new Date(start.getTime() + (tooShort ? (service.duration_min ?? 0) : (service.duration_max ?? 0)) * 60_000);
		refuse('duration_out_of_range', 'end_at', `The service "${service.name}" lasts ${service.duration_min ?? 0} to ${service.duration_max ?? '∞'} minutes; this appointment lasts ${duration}.`, { type: tooShort ? 'gte' : 'lte', value: wallClock(bound, tz) });
	}

	return refusals;
}
