/**
 * A refused booking as the studio shows it: one Directus validation error per reason, at the field
 * it concerns, and the next free slots of the service, listed at the start time.
 */
import type { BookingRefusal } from '../../core/catalogue/booking-check.js';
import { nextFreeText, slotLabel } from '../../core/catalogue/slot-label.js';
import { BookingFieldError, type ProposedSlotJson } from '../errors.js';
import type { ProposedSlot } from './service-free-slots.js';

/** Slots named in the readable message; the error's `next_free` holds them all. */
const SLOTS_IN_MESSAGE = 3;
/**
 * Types that read alike, for a second reason at a field that already has one of its type: the
 * studio keys its notice's rows by field and type, and shows the first reason's type at the field
 * and each reason's own sentence in the notice, so only the first of a field keeps its exact type.
 * Every error also carries its reason's own `constraint`, the one to read for what is required.
 */
const ALIKE_TYPES: Record<string, readonly string[]> = { neq: ['neq', 'nin'] };
const VALUE_TYPES = ['in', 'gte', 'lte', 'gt', 'lt', 'eq'];

/** A slot as answered: its times, and who is free for it when the caller may know it. */
export function slotJson(slot: ProposedSlot, withMembers: boolean): ProposedSlotJson {
	return { start: slot.start.toISOString(), end: slot.end.toISOString(), ...(withMembers ? { members: slot.members } : {}) };
}

export function bookingRefusalErrors(refusals: readonly BookingRefusal[], proposals: readonly ProposedSlot[] | null, tz: string): InstanceType<typeof BookingFieldError>[] {
	// Times only: whoever books may not read the members' agendas.
	const nextFree = (proposals ?? []).map((slot) => slotJson(slot, false));
	// The proposal goes where the receptionist changes the time: the first start_at reason, else the first one.
	const startReason = refusals.findIndex((refusal) => refusal.field === 'start_at');
	const carrier = proposals === null ? -1 : startReason >= 0 ? startReason : 0;
	const shown = (proposals ?? []).slice(0, SLOTS_IN_MESSAGE).map((slot) => slot.start);

	const usedTypes = new Set<string>();
	return refusals.map((refusal, index) => {
		let { type, value }: { type: string; value: string } = refusal.constraint;
		let message = refusal.message;
		if (index === carrier) {
			message = `${message} ${nextFreeText(shown, tz)}`;
			// At the start field, "Value has to be one of Tue 3 Dec 09:00, …" names the times to pick.
			if (refusal.field === 'start_at' && shown.length > 0) {
				type = 'in';
				value = shown.map((start) => slotLabel(start, tz)).join(', ');
			}
		}
		const alike = ALIKE_TYPES[type] ?? VALUE_TYPES;
		const keyed = [type, ...alike].find((candidate) => !usedTypes.has(`${refusal.field}:${candidate}`)) ?? type;
		usedTypes.add(`${refusal.field}:${keyed}`);
		// A borrowed type states no bound: with its value it would say something false ("≤ 10:00").
		const bound = keyed !== type ? {} : type === 'neq' || type === 'nin' ? { invalid: value } : { valid: value };
		return new BookingFieldError({
			collection: 'appointments',
			field: refusal.field,
			path: [],
			type: keyed,
			...bound,
			reason: refusal.reason,
			constraint: refusal.constraint,
			validation_message: message,
			next_free: nextFree,
		});
	});
}

/** The worksheet gate, as a validation error at the status it refuses. */
export function worksheetRequiredError(serviceName: string): InstanceType<typeof BookingFieldError> {
	return new BookingFieldError({
		collection: 'appointments',
		field: 'status',
		path: [],
		type: 'neq',
		invalid: 'Completed',
		reason: 'worksheet_required',
		constraint: { type: 'neq', value: 'Completed' },
		validation_message: `The service "${serviceName}" requires a worksheet: add one for this appointment before completing it.`,
		next_free: [],
	});
}
