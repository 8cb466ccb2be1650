import { describe, expect, it } from 'vitest';
import { detectEvents } from './detect-events.js';
import type { Item, RecordChange } from './event-types.js';
import { created, updated } from './test-helpers.js';

const now = new Date('2026-11-23T12:00:00Z');
const FUTURE = '2026-11-30T00:00:00Z';
const PAST = '2026-11-01 00:00:00';
const service: Item = { id: 3, name: 'Lawn care', status: 'active', unavailable_until: null, price: '45.00' };

const detect = (change: RecordChange) => detectEvents('services', change, { now });

describe('service events', () => {
	it('marked_unused: status becomes unused', () => {
		expect(detect(updated(service, { status: 'unused' }))).toEqual(['updated', 'marked_unused']);
		expect(detect(updated({ ...service, status: 'unused' }, { status: 'unused' }))).toEqual(['updated']);
		expect(detect(created({ ...service, status: 'unused' }))).toEqual(['created', 'marked_unused']);
	});

	it('marked_unavailable: unavailable_until becomes a future time, from null or a past time', () => {
		expect(detect(updated(service, { unavailable_until: FUTURE }))).toEqual(['updated', 'marked_unavailable']);
		expect(detect(updated({ ...service, unavailable_until: PAST }, { unavailable_until: FUTURE }))).toContain('marked_unavailable');
	});

	it('marked_unavailable: not for a past time, nor when extending an unavailability', () => {
		expect(detect(updated(service, { unavailable_until: PAST }))).toEqual(['updated']);
		expect(detect(updated({ ...service, unavailable_until: FUTURE }, { unavailable_until: '2026-12-31T00:00:00Z' }))).toEqual(['updated']);
	});

	it('marked_unavailable: "future" is relative to the now passed in', () => {
		const change = updated(service, { unavailable_until: FUTURE });
		expect(detectEvents('services', change, { now: new Date('2026-12-01T00:00:00Z') })).toEqual(['updated']);
	});

	it('marked_available: active again after unused', () => {
		expect(detect(updated({ ...service, status: 'unused' }, { status: 'active' }))).toEqual(['updated', 'marked_available']);
	});

	it('marked_available: unavailability lifted, to null or to a past time', () => {
		const unavailable = { ...service, unavailable_until: FUTURE };
		expect(detect(updated(unavailable, { unavailable_until: null }))).toEqual(['updated', 'marked_available']);
		expect(detect(updated(unavailable, { unavailable_until: '2026-11-23T11:59:00Z' }))).toEqual(['updated', 'marked_available']);
	});

	it('marked_available: not while still unused or still unavailable, nor on create', () => {
		expect(detect(updated({ ...service, status: 'unused', unavailable_until: FUTURE }, { unavailable_until: null }))).toEqual(['updated']);
		expect(detect(updated({ ...service, status: 'unused', unavailable_until: FUTURE }, { status: 'active' }))).toEqual(['updated']);
		expect(detect(updated(service, { price: 50 }))).toEqual(['updated']);
		expect(detect(created(service))).toEqual(['created']);
	});

	it('has no modified event (not in its table)', () => {
		expect(detect(updated(service, { name: 'Lawn mowing' }))).toEqual(['updated']);
	});
});
