import { definePanel } from '@directus/extensions-sdk';
import { WIZARD_PANEL_ID } from '../shared/identity.js';
import PanelComponent from './panel.vue';

export default definePanel({
	id: WIZARD_PANEL_ID,
	name: 'Workflow rule wizard',
	icon: 'account_tree',
	description: 'Create workflow rules step by step: basic details, when, which records, actions',
	component: PanelComponent,
	options: [
		{
			field: 'collection',
			name: 'Default collection',
			type: 'string',
			meta: { interface: 'system-collection', options: { includeSystem: false }, width: 'full', note: 'The module new rules start on' },
		},
	],
	minWidth: 20,
	minHeight: 14,
});
