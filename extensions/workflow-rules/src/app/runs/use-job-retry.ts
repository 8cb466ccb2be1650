import { ref } from 'vue';
import { useApi, useStores } from '@directus/extensions-sdk';
import { useT } from '../i18n/use-t';
import { apiErrorMessage } from './format';

/** Retry (replay) a failed, skipped or cancelled job, then let the page reload what it shows. */
export function useJobRetry(reload: () => Promise<void>) {
	const api = useApi();
	const { t } = useT();
	const notifications = useStores().useNotificationsStore();
	const retrying = ref<number | null>(null);

	async function retry(id: number) {
		retrying.value = id;
		try {
			await api.post(`/workflows/jobs/${id}/retry`);
			notifications.add({ title: t('module.retried', { id }), type: 'success' });
			await reload();
		} catch (e) {
			notifications.add({ title: t('module.retry_failed', { error: apiErrorMessage(e) }), type: 'error' });
		} finally {
			retrying.value = null;
		}
	}
	return { retry, retrying };
}

/** Reloads while some job is queued or running and due soon, so a retried job's outcome shows by itself. */
export function refreshWhileBusy(busy: () => boolean, reload: () => Promise<void>, everyMs = 1500, times = 40) {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let left = times;
	const tick = () => {
		timer = null;
		if (!busy() || left-- <= 0) return;
		void reload().finally(() => (timer = setTimeout(tick, everyMs)));
	};
	return {
		kick: () => {
			left = times;
			if (!timer) timer = setTimeout(tick, everyMs);
		},
		stop: () => timer && clearTimeout(timer),
	};
}
