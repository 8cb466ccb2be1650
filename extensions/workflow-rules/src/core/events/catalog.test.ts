import { describe, expect, it } from 'vitest';
import { eventNames, eventsFor, isSemanticCollection, SEMANTIC_COLLECTIONS } from './catalog.js';

describe('event catalogue', () => {
	it('gives every collection the generic events', () => {
		expect(eventNames('contacts')).toEqual(['created', 'updated', 'deleted']);
		expect(isSemanticCollection('contacts')).toBe(false);
	});

	it('adds each CRM collection its table, listing deleted once', () => {
		expect(SEMANTIC_COLLECTIONS).toEqual(['appointments', 'calls', 'services']);
		expect(eventNames('appointments')).toEqual([
			'created', 'updated', 'deleted', 'scheduled', 'rescheduled', 'cancelled', 'completed', 'reassigned', 'modified', 'overdue',
		]);
		expect(eventNames('calls')).toEqual([
			'created', 'updated', 'deleted', 'logged', 'scheduled', 'ringing', 'on_hold', 'completed', 'missed', 'cancelled',
			'rescheduled', 'reassigned', 'overdue', 'modified',
		]);
		expect(eventNames('services')).toEqual(['created', 'updated', 'deleted', 'marked_unused', 'marked_unavailable', 'marked_available']);
	});

	it('uses the collection\'s own wording for an event it redefines', () => {
		expect(eventsFor('calls').find((event) => event.name === 'deleted')?.description).toBe('The call was deleted.');
	});

	it('labels and describes every event', () => {
		for (const collection of [...SEMANTIC_COLLECTIONS, 'contacts']) {
			for (const event of eventsFor(collection)) {
				expect(event.label.length).toBeGreaterThan(0);
				expect(event.description.length).toBeGreaterThan(0);
			}
		}
	});

	it('is not confused by inherited property names', () => {
		expect(eventNames('constructor')).toEqual(['created', 'updated', 'deleted']);
	});
});
