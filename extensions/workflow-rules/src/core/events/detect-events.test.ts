import { describe, expect, it } from 'vitest';
import { detectEvents, listensTo } from './detect-events.js';
import { created, deleted, updated } from './test-helpers.js';

const appointment = { id: 1, status: 'scheduled', owner: 'user-1', start_at: '2026-11-23T10:00:00Z', address: '1 Main St' };

describe('detectEvents', () => {
	it('gives any collection the generic events', () => {
		expect(detectEvents('contacts', created({ first_name: 'Ann' }))).toEqual(['created']);
		expect(detectEvents('contacts', updated({ city: 'Lyon' }, { city: 'Lyon' }))).toEqual(['updated']);
		expect(detectEvents('contacts', deleted({ city: 'Lyon' }))).toEqual(['deleted']);
	});

	it('changing the address fires modified and updated, not rescheduled', () => {
		expect(detectEvents('appointments', updated(appointment, { address: '2 Main St' }))).toEqual(['updated', 'modified']);
	});

	it('an update whose before state is unknown fires no transition and no change event', () => {
		const unknownBefore = { kind: 'update' as const, before: null, after: { ...appointment, status: 'cancelled' }, written: ['status', 'start_at'] };
		expect(detectEvents('appointments', unknownBefore)).toEqual(['updated']);
		expect(detectEvents('calls', { ...unknownBefore, after: { status: 'missed' }, written: ['status'] })).toEqual(['updated']);
	});
});

describe('listensTo', () => {
	const addressChange = updated(appointment, { address: '2 Main St', owner: 'user-1' });

	it('needs the event among the trigger\'s events', () => {
		expect(listensTo({ events: ['modified'] }, 'modified', addressChange)).toBe(true);
		expect(listensTo({ events: ['scheduled'] }, 'modified', addressChange)).toBe(false);
	});

	it('narrows modified and updated to changes of the listed fields', () => {
		expect(listensTo({ events: ['modified'], fields: ['address'] }, 'modified', addressChange)).toBe(true);
		expect(listensTo({ events: ['updated'], fields: ['status', 'address'] }, 'updated', addressChange)).toBe(true);
		expect(listensTo({ events: ['modified'], fields: ['status'] }, 'modified', addressChange)).toBe(false);
	});

	it('does not count a field written with its unchanged value', () => {
		expect(listensTo({ events: ['modified', 'updated'], fields: ['owner'] }, 'updated', addressChange)).toBe(false);
	});

	it('treats empty or null fields as no narrowing', () => {
		expect(listensTo({ events: ['updated'], fields: [] }, 'updated', addressChange)).toBe(true);
		expect(listensTo({ events: ['updated'], fields: null }, 'updated', addressChange)).toBe(true);
	});

	it('lets other events ignore fields', () => {
		const cancel = updated(appointment, { status: 'cancelled' });
		expect(listensTo({ events: ['cancelled'], fields: ['address'] }, 'cancelled', cancel)).toBe(true);
	});
});
