import { describe, expect, it } from 'vitest';
import { checkBooking, type BookableService, type BookingSettings } from './booking-check.js';
import { freeSlots, MAX_SLOT_CANDIDATES, type FreeSlot, type FreeSlotQuery } from './free-slots.js';

const NY = 'America/New_York';
const PARIS = 'Europe/Paris';
const NO_BUSINESS_HOURS: BookingSettings = { timezone: NY, business_hours: null };
/** Open 09:00 to 12:00 every day, any date, any duration. */
const SERVICE: BookableService = {
	name: 'Lawn care',
	status: 'active',
	unavailable_until: null,
	available_days: null,
	available_from: '09:00:00',
	available_to: '12:00:00',
	available_start_date: null,
	available_end_date: null,
	duration_min: null,
	duration_max: null,
};

// November 2026 in New York is UTC-5; Monday 2026-11-16 starts the week the tests walk.
const at = (local: string) => new Date(`${local}:00-05:00`);
/** An expected slot, `minutes` long from a New York wall time, as `start/end member`. */
const slot = (local: string, minutes = 60, member?: string) => shown({ start: at(local), end: new Date(at(local).getTime() + minutes * 60_000), ...(member ? { member } : {}) });
const utcSlot = (start: string, end: string) => `${new Date(start).toISOString()}/${new Date(end).toISOString()}`;

function shown(found: FreeSlot): string {
	return `${found.start.toISOString()}/${found.end.toISOString()}${found.member ? ` ${found.member}` : ''}`;
}

type Query = Partial<Omit<FreeSlotQuery, 'service'>> & { service?: Partial<BookableService> };

/**
 * The slots found from Monday 2026-11-16 00:00 over a week, one hour long on the hour unless told;
 * each one checked to be a booking the booking check accepts, in ascending order.
 */
function find({ service: overrides = {}, ...query }: Query = {}): string[] {
	const service = { ...SERVICE, ...overrides };
	const full: FreeSlotQuery = { service, settings: NO_BUSINESS_HOURS, from: at('2026-11-16T00:00'), days: 7, duration: 60, step: 60, ...query };
	const found = freeSlots(full);
	for (const [index, each] of found.entries()) {
		expect(checkBooking(service, each.start, each.end, full.settings), shown(each)).toBeNull();
		expect(each.start.getTime()).toBeGreaterThanOrEqual(full.from.getTime());
		if (index > 0) expect(each.start.getTime()).toBeGreaterThan(found[index - 1]!.start.getTime());
	}
	return found.map(shown);
}

describe('freeSlots', () => {
	it('proposes only the service’s days', () => {
		expect(find({ service: { available_days: ['tue', 'thu'] }, limit: 4 })).toEqual([slot('2026-11-17T09:00'), slot('2026-11-17T10:00'), slot('2026-11-17T11:00'), slot('2026-11-19T09:00')]);
	});

	it('proposes slots wholly within the service’s hours, none before `from`, one starting at `from` included', () => {
		const query = { step: 30, limit: 4 };
		expect(find({ ...query, from: at('2026-11-16T10:10') })).toEqual([slot('2026-11-16T10:30'), slot('2026-11-16T11:00'), slot('2026-11-17T09:00'), slot('2026-11-17T09:30')]);
		expect(find({ ...query, from: at('2026-11-16T10:30') })[0]).toBe(slot('2026-11-16T10:30'));
	});

	it('keeps to the service’s date range, both ends included', () => {
		expect(find({ service: { available_from: '09:00', available_to: '11:00', available_start_date: '2026-11-18', available_end_date: '2026-11-19' } })).toEqual([
			slot('2026-11-18T09:00'),
			slot('2026-11-18T10:00'),
			slot('2026-11-19T09:00'),
			slot('2026-11-19T10:00'),
		]);
	});

	it('proposes nothing while the service is temporarily unavailable, nor for an unused one', () => {
		expect(find({ service: { unavailable_until: at('2026-11-16T10:15') }, step: 30, limit: 3 })).toEqual([slot('2026-11-16T10:30'), slot('2026-11-16T11:00'), slot('2026-11-17T09:00')]);
		expect(find({ service: { unavailable_until: at('2026-11-19T12:00') }, limit: 1 })).toEqual([slot('2026-11-20T09:00')]);
		expect(find({ service: { status: 'unused' } })).toEqual([]);
	});

	it('keeps to the business hours as well, and not at all on days the business is closed', () => {
		const settings: BookingSettings = {
			timezone: NY,
			business_hours: [
				{ day: 'mon', open: '08:00', close: '18:00' },
				{ day: 'tue', open: '08:00', close: '18:00' },
				{ day: 'sat', open: '09:00', close: '14:00' },
			],
		};
		expect(find({ service: { available_from: '07:00', available_to: '10:00' }, settings })).toEqual([
			slot('2026-11-16T08:00'),
			slot('2026-11-16T09:00'),
			slot('2026-11-17T08:00'),
			slot('2026-11-17T09:00'),
			slot('2026-11-21T09:00'),
		]);
		// A service without hours of its own: the business hours alone; Sunday closed.
		expect(find({ service: { available_from: null, available_to: null }, settings, from: at('2026-11-21T00:00'), days: 2 })).toEqual([
			slot('2026-11-21T09:00'),
			slot('2026-11-21T10:00'),
			slot('2026-11-21T11:00'),
			slot('2026-11-21T12:00'),
			slot('2026-11-21T13:00'),
		]);
	});

	it('moves a slot longer than what is left of a day to the next day, and proposes none that fits no day', () => {
		expect(find({ duration: 120, from: at('2026-11-16T10:30'), limit: 2 })).toEqual([slot('2026-11-17T09:00', 120), slot('2026-11-17T10:00', 120)]);
		expect(find({ duration: 240 })).toEqual([]);
	});

	it('proposes only durations the service allows, its shortest one by default, every half hour or back to back', () => {
		expect(find({ service: { duration_max: 90 }, duration: 120 })).toEqual([]);
		expect(find({ service: { duration_min: 45 }, duration: undefined, step: undefined, limit: 3 })).toEqual([slot('2026-11-16T09:00', 45), slot('2026-11-16T09:30', 45), slot('2026-11-16T10:00', 45)]);
		expect(find({ service: { duration_min: 20 }, duration: undefined, step: undefined, limit: 3 })).toEqual([slot('2026-11-16T09:00', 20), slot('2026-11-16T09:20', 20), slot('2026-11-16T09:40', 20)]);
		// A one-minute appointment is proposed on the five-minute grid, not at every minute.
		expect(find({ service: { duration_min: 1 }, duration: undefined, step: undefined, limit: 3 })).toEqual([slot('2026-11-16T09:00', 1), slot('2026-11-16T09:05', 1), slot('2026-11-16T09:10', 1)]);
		expect(find({ duration: undefined, step: undefined, limit: 2 })).toEqual([slot('2026-11-16T09:00'), slot('2026-11-16T09:30')]);
	});

	it('needs one of the service’s members free for the whole slot, and names the first one free', () => {
		const busy = [
			{ member: 'ann', start: at('2026-11-16T09:00'), end: at('2026-11-16T10:00') },
			{ member: 'bob', start: at('2026-11-16T09:30'), end: at('2026-11-16T10:30') },
			// Not a member of the service: takes nothing from it.
			{ member: 'carol', start: at('2026-11-16T00:00'), end: at('2026-11-23T00:00') },
		];
		const query = { from: at('2026-11-16T09:00'), step: 30, limit: 2, busy };
		// 09:00 and 09:30 overlap both; ann's ends as 10:00 starts, which leaves her free.
		expect(find({ ...query, members: ['ann', 'bob'] })).toEqual([slot('2026-11-16T10:00', 60, 'ann'), slot('2026-11-16T10:30', 60, 'ann')]);
		expect(find({ ...query, members: ['bob', 'ann'] })).toEqual([slot('2026-11-16T10:00', 60, 'ann'), slot('2026-11-16T10:30', 60, 'bob')]);
		// No members: anyone may take it, busy or not.
		expect(find({ ...query, members: [] })).toEqual([slot('2026-11-16T09:00'), slot('2026-11-16T09:30')]);
	});

	it('proposes no slot when every member is busy', () => {
		const busy = [
			{ member: 'ann', start: at('2026-11-16T08:00'), end: at('2026-11-18T12:00') },
			{ member: 'bob', start: at('2026-11-16T00:00'), end: at('2026-11-17T23:00') },
			{ member: 'bob', start: at('2026-11-18T09:00'), end: at('2026-11-18T10:30') },
		];
		expect(find({ members: ['ann', 'bob'], busy, days: 3 })).toEqual([slot('2026-11-18T11:00', 60, 'bob')]);
		expect(find({ members: ['ann'], busy, days: 3 })).toEqual([]);
	});

	it('reads the hours on the wall clock on the day clocks spring forward, skipping the times that do not exist', () => {
		// Paris, Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
		const settings = { timezone: PARIS, business_hours: null };
		const service = { available_from: '01:00', available_to: '04:00' };
		expect(find({ service, settings, from: new Date('2026-03-28T23:00:00Z'), days: 1, step: 30 })).toEqual([
			utcSlot('2026-03-29T00:00Z', '2026-03-29T01:00Z'), // 01:00 CET → 03:00 CEST
			utcSlot('2026-03-29T00:30Z', '2026-03-29T01:30Z'), // 01:30 CET → 03:30 CEST
			utcSlot('2026-03-29T01:00Z', '2026-03-29T02:00Z'), // 03:00 → 04:00 CEST; 03:30 would end after 04:00
		]);
	});

	it('proposes a repeated wall time once, at its first occurrence, on the day clocks fall back', () => {
		// Paris, Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC).
		const settings = { timezone: PARIS, business_hours: null };
		const service = { available_from: '01:00', available_to: '04:00' };
		expect(find({ service, settings, from: new Date('2026-10-24T22:00:00Z'), days: 1 })).toEqual([
			utcSlot('2026-10-24T23:00Z', '2026-10-25T00:00Z'), // 01:00 CEST
			utcSlot('2026-10-25T00:00Z', '2026-10-25T01:00Z'), // 02:00 CEST → 02:00 CET
			utcSlot('2026-10-25T02:00Z', '2026-10-25T03:00Z'), // 03:00 CET
		]);
	});

	it('keeps business hours at the same wall time across a DST weekend', () => {
		// New York springs forward on Sunday 2026-03-08: 09:00 is 14:00 UTC on Saturday, 13:00 UTC after.
		const settings: BookingSettings = { timezone: NY, business_hours: ['sat', 'sun', 'mon'].map((day) => ({ day: day as 'sat', open: '09:00', close: '10:00' })) };
		expect(find({ service: { available_from: null, available_to: null }, settings, from: new Date('2026-03-07T05:00:00Z'), days: 3 })).toEqual([
			utcSlot('2026-03-07T14:00Z', '2026-03-07T15:00Z'),
			utcSlot('2026-03-08T13:00Z', '2026-03-08T14:00Z'),
			utcSlot('2026-03-09T13:00Z', '2026-03-09T14:00Z'),
		]);
	});

	it('returns at most `limit` slots, ten by default and a hundred at most', () => {
		expect(find({ limit: 1 })).toEqual([slot('2026-11-16T09:00')]);
		expect(find({ limit: undefined })).toHaveLength(10);
		// Open around the clock: 168 hours in the week.
		expect(find({ service: { available_from: null, available_to: null }, limit: 1000 })).toHaveLength(100);
	});

	it('looks 62 days ahead at most, whatever `days` says', () => {
		// 2027-01-16 is 61 days after 2026-11-16, the 62nd day counted; 2027-01-17 the 63rd.
		const on = (ymd: string) => ({ available_start_date: ymd, available_end_date: ymd });
		expect(find({ service: on('2027-01-16'), days: 1000, limit: 1 })).toEqual([slot('2027-01-16T09:00')]);
		expect(find({ service: on('2027-01-17'), days: 1000 })).toEqual([]);
	});

	it(`gives up after ${MAX_SLOT_CANDIDATES} start times tried`, () => {
		// Busy for 15 days: at a one-minute step that is 21,600 start times before the first free one.
		const query: Query = { service: { available_from: null, available_to: null }, members: ['ann'], busy: [{ member: 'ann', start: at('2026-11-16T00:00'), end: at('2026-12-01T00:00') }], days: 20, limit: 1 };
		expect(find({ ...query, step: 60 })).toEqual([slot('2026-12-01T00:00', 60, 'ann')]);
		expect(find({ ...query, step: 1 })).toEqual([]);
	});

	it('refuses counts that are not positive whole numbers, and an invalid `from`', () => {
		expect(() => find({ days: 0 })).toThrow(RangeError);
		expect(() => find({ step: 0 })).toThrow(RangeError);
		expect(() => find({ duration: 1.5 })).toThrow(RangeError);
		expect(() => find({ limit: -1 })).toThrow(RangeError);
		expect(() => find({ duration: Number.NaN })).toThrow(RangeError);
		expect(() => find({ from: new Date('nope') })).toThrow(RangeError);
	});
});
