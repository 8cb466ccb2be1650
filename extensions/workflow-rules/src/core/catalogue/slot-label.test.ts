import { describe, expect, it } from 'vitest';
import { nextFreeText, slotLabel } from './slot-label.js';

describe('slot labels', () => {
	it('reads the start on the CRM wall clock, DST included', () => {
		expect(slotLabel(new Date('2026-12-03T08:00:00Z'), 'Europe/Paris')).toBe('Thu 3 Dec 09:00');
		expect(slotLabel(new Date('2027-03-29T07:00:00Z'), 'Europe/Paris')).toBe('Mon 29 Mar 09:00');
		expect(slotLabel(new Date('2027-03-13T23:30:00Z'), 'America/New_York')).toBe('Sat 13 Mar 18:30');
	});

	it('lists the next free slots, or says there is none', () => {
		expect(nextFreeText([new Date('2026-12-03T08:00:00Z'), new Date('2026-12-03T08:30:00Z')], 'Europe/Paris')).toBe('Next free: Thu 3 Dec 09:00, Thu 3 Dec 09:30 (Europe/Paris).');
		expect(nextFreeText([], 'UTC')).toBe('No free slot in the next days.');
	});
});
