import { defineModule } from '@directus/extensions-sdk';
import { MODULE_ID } from '../shared/identity.js';
import ModuleRoot from './module-root.vue';
import RulePage from './rule-page.vue';
import RunPage from './run-page.vue';
import UsagePage from './usage-page.vue';

export default defineModule({
	id: MODULE_ID,
	name: 'Workflow rules',
	icon: 'account_tree',
	routes: [
		{ path: '', component: ModuleRoot },
		{ path: 'usage', component: UsagePage },
		{ path: 'new', component: RulePage },
		{ path: 'runs/:run', component: RunPage, props: true },
		{ path: ':id', component: RulePage, props: true },
	],
});
