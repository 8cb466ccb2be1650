import { describe, expect, it } from 'vitest';
import { eventsFor } from '../../core/events/catalog';
import { eventLabel } from './event-label';

describe('eventLabel', () => {
	it('names every catalogued event in English and in French, differently from its raw name', () => {
		for (const collection of ['appointments', 'calls', 'services', 'contacts']) {
			for (const { name } of eventsFor(collection)) {
				expect(eventLabel('en', collection, name), `${collection}.${name}`).not.toBe(name);
				expect(eventLabel('fr', collection, name), `${collection}.${name}`).not.toBe(name);
			}
		}
	});

	it('speaks French when asked', () => {
		expect(eventLabel('fr', 'appointments', 'rescheduled')).not.toBe(eventLabel('en', 'appointments', 'rescheduled'));
	});

	it('keeps a name the catalogue does not know', () => {
		expect(eventLabel('en', 'appointments', 'date')).toBe('date');
	});
});
