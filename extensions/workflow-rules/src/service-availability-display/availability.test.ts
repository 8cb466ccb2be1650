import { describe, expect, it } from 'vitest';
import { availabilityAt } from './availability.js';

describe('availabilityAt', () => {
	const now = new Date('2026-12-02T10:00:00Z');

	it('is unavailable while unavailable_until is in the future, even when active', () => {
		expect(availabilityAt({ status: 'active', unavailable_until: '2026-12-03T09:00:00Z' }, now)).toEqual({ state: 'unavailable', until: new Date('2026-12-03T09:00:00Z') });
	});

	it('is its status once unavailable_until has passed or when empty', () => {
		expect(availabilityAt({ status: 'active', unavailable_until: '2026-12-01T09:00:00Z' }, now)).toEqual({ state: 'active' });
		expect(availabilityAt({ status: 'unused', unavailable_until: null }, now)).toEqual({ state: 'unused' });
	});

	it('says nothing it does not know', () => {
		expect(availabilityAt(null, now)).toEqual({ state: 'unknown' });
		expect(availabilityAt({ status: 'active', unavailable_until: 'not a date' }, now)).toEqual({ state: 'active' });
	});
});
