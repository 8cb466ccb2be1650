import { defineEvents } from './define-events.js';

/**
 * Semantic events of `services` (SPEC §4, §7). "Unavailable" means `unavailable_until` is later
 * than `now` (the detection's reference instant); null or a past time means available.
 */
export const SERVICE_EVENTS = defineEvents([
	{
		name: 'marked_unused',
		label: 'Marked as unused',
		description: 'The service status became "unused".',
		becomes: { status: 'unused' },
	},
	{
		name: 'marked_unavailable',
		label: 'Marked as temporarily unavailable',
		description: 'The service got an "unavailable until" time in the future (it had none, or a past one).',
		becomes: { unavailable_until: { future: true } },
	},
	{
		name: 'marked_available',
		label: 'Marked as available again',
		description: 'The service is active and available again: it was unused, or temporarily unavailable.',
		on: 'update',
		after: { status: 'active', unavailable_until: { future: false } },
		anyOf: [{ before: { status: 'unused' } }, { before: { unavailable_until: { future: true } } }],
	},
]);
