import { computed } from 'vue';
import { useStores } from '@directus/extensions-sdk';

type Action = 'create' | 'read' | 'update' | 'delete';

/**
 * What the user's policies let them do with rules and jobs, from the studio's own permissions
 * store (admins may do all), so that controls the API would refuse are not offered: no new-rule
 * button without create, status toggles and save disabled without update, no retry without update
 * on jobs (the retry endpoint checks exactly that).
 */
export function useWorkflowAccess() {
	const { usePermissionsStore } = useStores();
	const permissions = usePermissionsStore();
	const can = (collection: string, action: Action): boolean => {
		try {
			return permissions.hasPermission(collection, action) === true;
		} catch {
			// Without a store to ask, offer the control: the API still decides.
			return true;
		}
	};
	return {
		can,
		canCreateRules: computed(() => can('workflow_rules', 'create')),
		canUpdateRules: computed(() => can('workflow_rules', 'update')),
		canRetryJobs: computed(() => can('workflow_jobs', 'update')),
	};
}
