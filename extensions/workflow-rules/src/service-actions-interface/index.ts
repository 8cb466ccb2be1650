import { defineInterface } from '@directus/extensions-sdk';
import InterfaceComponent from './interface.vue';

export default defineInterface({
	id: 'service-quick-actions',
	name: 'Service quick actions',
	icon: 'bolt',
	description: 'Mark a service temporarily unavailable, unused or available again, or clone it',
	component: InterfaceComponent,
	types: ['alias'],
	localTypes: ['presentation'],
	group: 'presentation',
	options: null,
});
