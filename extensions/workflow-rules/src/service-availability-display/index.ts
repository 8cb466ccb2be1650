import { defineDisplay } from '@directus/extensions-sdk';
import DisplayComponent from './display.vue';
import { SERVICE_AVAILABILITY_DISPLAY } from './display-id.js';

/**
 * A service's availability in lists: "Unavailable until …" while unavailable_until is in the
 * future, otherwise Active or Unused. It sits on services.availability, a relation of the service
 * to itself, because a display only receives its own field's value: `fields` makes the list fetch
 * the service's status and unavailable_until through that relation.
 */
export default defineDisplay({
	id: SERVICE_AVAILABILITY_DISPLAY,
	name: 'Service availability',
	description: 'Unavailable until a date, Active or Unused, as labels',
	icon: 'event_busy',
	component: DisplayComponent,
	types: ['uuid'],
	localTypes: ['m2o'],
	fields: ['status', 'unavailable_until'],
	options: null,
});
