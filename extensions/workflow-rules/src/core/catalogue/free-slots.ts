/**
 * The next free slots of a service (issue 11, `GET /workflows/services/:id/slots`): start times on
 * a grid of the CRM's wall clock, each one a booking the booking check accepts and, when the service
 * has members, one that a member with no overlapping appointment can take. Pure: the server hands
 * in the service, the settings, `from` and the members' busy intervals.
 */
import {
	businessHours,
	checkBooking,
	clock,
	durationInRange,
	isUnavailableAt,
	isUnused,
	localSlot,
	onServiceDay,
	serviceHours,
	withinServiceDates,
	type BookableService,
	type BookingSettings,
} from './booking-check.js';
import { addDaysYmd, weekdayOfYmd, zonedParts, zonedTimeToUtc } from '../timing/zoned-time.js';

/** Days looked at in one call at most: two months. */
export const MAX_SLOT_DAYS = 62;
export const MAX_SLOT_LIMIT = 100;
/** Candidate start times tried in one call at most, whatever the input: 62 days at a 5-minute step are 17,856. */
export const MAX_SLOT_CANDIDATES = 20_000;
export const DEFAULT_SLOT_LIMIT = 10;
/** The grid of start times, in minutes, for slots longer than this; shorter slots follow each other. */
export const DEFAULT_SLOT_STEP = 30;
/** The finest grid of start times: a one-minute appointment does not make the search try every minute. */
export const MIN_SLOT_STEP = 5;
/** The length of a slot, in minutes, for a service that sets no shortest duration. */
export const DEFAULT_SLOT_DURATION = 60;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** A time a member is taken, such as an open appointment they own or attend. */
export interface BusyInterval {
	member: string;
	start: Date;
	end: Date;
}

export interface FreeSlotQuery {
	service: BookableService;
	/** The CRM's time zone and business hours. */
	settings: BookingSettings;
	/** No slot starts before this moment; the days counted start on its local date. */
	from: Date;
	/** Local calendar days looked at, the date of `from` included; at most MAX_SLOT_DAYS. */
	days: number;
	/** Minutes; defaults to the service's shortest duration (see defaultSlotDuration). */
	duration?: number;
	/** Minutes between proposed start times, counted from the day's opening. */
	step?: number;
	/** The service's members: when there are any, each slot needs one of them free. */
	members?: readonly string[];
	busy?: readonly BusyInterval[];
	/** Slots returned at most (default DEFAULT_SLOT_LIMIT, at most MAX_SLOT_LIMIT). */
	limit?: number;
}

export interface FreeSlot {
	start: Date;
	end: Date;
	/** The first of the service's members (in their given order) free for the whole slot. */
	member?: string;
}

/** duration_min, else an hour, shortened to duration_max when that is shorter. */
export function defaultSlotDuration(service: BookableService): number {
	return service.duration_min ?? Math.min(DEFAULT_SLOT_DURATION, service.duration_max ?? DEFAULT_SLOT_DURATION);
}

/**
 * The first free slots from `from` on, in ascending order. Start times are wall-clock times
 * `open + k × step` of each local day, `open` being the later of the service's and the business's
 * opening; a slot lies within its start day and ends by both closings. A wall time skipped by a DST
 * switch is not proposed, and a repeated one only at its first occurrence; the duration is elapsed
 * time, as the booking check counts it. Work is bounded by MAX_SLOT_DAYS and MAX_SLOT_CANDIDATES:
 * past the latter, the slots found so far are returned.
 */
export function freeSlots(query: FreeSlotQuery): FreeSlot[] {
	const { service, settings, from } = query;
	if (Number.isNaN(from.getTime())) throw new RangeError('from must be a valid date');
	const duration = positiveInteger('duration', query.duration ?? defaultSlotDuration(service));
	const step = positiveInteger('step', query.step ?? Math.max(MIN_SLOT_STEP, Math.min(duration, DEFAULT_SLOT_STEP)));
	const days = Math.min(positiveInteger('days', query.days), MAX_SLOT_DAYS);
	const limit = Math.min(positiveInteger('limit', query.limit ?? DEFAULT_SLOT_LIMIT), MAX_SLOT_LIMIT);
	if (isUnused(service) || !durationInRange(service, duration)) return [];

	const tz = settings.timezone;
	const members = query.members ?? [];
	const busy = busyIndex(members, query.busy ?? []);
	const hours = serviceHours(service);
	// Days wholly before the end of a temporary unavailability are skipped without trying their times.
	const earliest = isUnavailableAt(service, from) && service.unavailable_until ? service.unavailable_until : from;
	const firstDay = zonedParts(earliest, tz).ymd;
	const startDay = zonedParts(from, tz).ymd;

	const slots: FreeSlot[] = [];
	let candidates = 0;
	for (let offset = 0; offset < days; offset++) {
		const ymd = addDaysYmd(startDay, offset);
		const weekday = weekdayOfYmd(ymd);
		const business = businessHours(settings, weekday);
		if (ymd < firstDay || !business || !withinServiceDates(service, ymd) || !onServiceDay(service, weekday)) continue;
		// Never past midnight, even for a service open around the clock: a slot belongs to one day.
		const close = Math.min(hours.close, business.close, DAY_MINUTES);
		for (let minutes = Math.max(hours.open, business.open); minutes < close; minutes += step) {
			if (++candidates > MAX_SLOT_CANDIDATES) return slots;
			const start = zonedTimeToUtc(ymd, clock(minutes), tz);
			if (start.getTime() < earliest.getTime()) continue;
			const end = new Date(start.getTime() + duration * MINUTE_MS);
			// Cheapest first: the members' diaries need no zone arithmetic.
			const member = freeMember(members, busy, start, end);
			if (member === null) continue;
			const local = localSlot(start, end, tz);
			// A time the clocks skip resolves to a later one, which is proposed at its own grid point.
			if (local.day.ymd !== ymd || local.day.minutes !== minutes || local.endMinutes > close) continue;
			// The booking check has the last word, so a proposed slot is always one it accepts.
			if (checkBooking(service, start, end, settings)) continue;
			slots.push(member === undefined ? { start, end } : { start, end, member });
			if (slots.length >= limit) return slots;
		}
	}
	return slots;
}

function positiveInteger(name: string, value: number): number {
	if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, not ${value}`);
	return value;
}

/** A member's busy intervals sorted by start, with the latest end among each prefix. */
interface MemberBusy {
	starts: number[];
	latestEnds: number[];
}

function busyIndex(members: readonly string[], busy: readonly BusyInterval[]): Map<string, MemberBusy> {
	const byMember = new Map<string, [number, number][]>(members.map((member) => [member, []]));
	for (const interval of busy) {
		const start = interval.start.getTime();
		const end = interval.end.getTime();
		// Someone else's, or no time at all (malformed, or ending before it starts): it takes nobody.
		if (!(end > start)) continue;
		byMember.get(interval.member)?.push([start, end]);
	}
	const index = new Map<string, MemberBusy>();
	for (const [member, intervals] of byMember) {
		intervals.sort((a, b) => a[0] - b[0]);
		let latest = Number.NEGATIVE_INFINITY;
		index.set(member, { starts: intervals.map(([start]) => start), latestEnds: intervals.map(([, end]) => (latest = Math.max(latest, end))) });
	}
	return index;
}

/** undefined when the service has no members (anyone may take it); null when every member is busy. */
function freeMember(members: readonly string[], busy: Map<string, MemberBusy>, start: Date, end: Date): string | null | undefined {
	if (members.length === 0) return undefined;
	return members.find((member) => !isBusy(busy.get(member), start.getTime(), end.getTime())) ?? null;
}

/** Whether an interval overlaps [start, end): one that ends as the slot starts leaves it free. */
function isBusy(busy: MemberBusy | undefined, start: number, end: number): boolean {
	if (!busy) return false;
	// The intervals starting before the slot ends are a prefix; one of them overlaps if it ends after the slot starts.
	let low = 0;
	let high = busy.starts.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((busy.starts[middle] ?? 0) < end) low = middle + 1;
		else high = middle;
	}
	return low > 0 && (busy.latestEnds[low - 1] ?? 0) > start;
}

/**
 * Who of `members` is free for [start, end), in their given order, from their busy intervals indexed
 * once: the slots endpoint says who could take a slot, where freeSlots names only the first.
 */
export function memberAvailability(members: readonly string[], busy: readonly BusyInterval[]): (start: Date, end: Date) => string[] {
	const index = busyIndex(members, busy);
	return (start, end) => members.filter((member) => !isBusy(index.get(member), start.getTime(), end.getTime()));
}
