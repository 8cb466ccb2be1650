import { defineModule } from '@directus/extensions-sdk';
import { MODULE_ID } from '../shared/identity.js';
import ModuleRoot from './module-root.vue';

export default defineModule({
	id: MODULE_ID,
	name: 'Workflow rules',
	icon: 'account_tree',
	routes: [{ path: '', component: ModuleRoot }],
});
