import { ref } from 'vue';
import { useApi } from '@directus/extensions-sdk';
import { apiStatus } from './format';

/**
 * Whether the user may read workflow rules: the API answers (a 403 means no), so the module shows
 * a clear notice instead of a broken page.
 */
export function useRulesAccess() {
	const api = useApi();
	const access = ref<'loading' | 'granted' | 'denied'>('loading');
	const check = async () => {
		try {
			await api.get('/items/workflow_rules', { params: { limit: 1, fields: ['id'] } });
			access.value = 'granted';
		} catch (error) {
			access.value = apiStatus(error) === 403 || apiStatus(error) === 401 ? 'denied' : 'granted';
		}
	};
	void check();
	return { access };
}
