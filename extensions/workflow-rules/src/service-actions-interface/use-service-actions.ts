import { ref, type Ref } from 'vue';

interface ApiLike {
	post<T = unknown>(url: string, body?: unknown): Promise<{ data: T }>;
}

export type QuickAction = { kind: 'unavailable'; preset: string; until?: string } | { kind: 'unused' } | { kind: 'available' } | { kind: 'clone' };

/** Calls the service quick-action endpoints and keeps the outcome for the form to show. */
export function useServiceActions(api: ApiLike, serviceId: () => string | number | null) {
	const busy = ref(false);
	const error: Ref<string | null> = ref(null);
	const done: Ref<string | null> = ref(null);

	async function run(action: QuickAction): Promise<{ id: string } | null> {
		const id = serviceId();
		if (id === null || id === '+') return null;
		busy.value = true;
		error.value = null;
		try {
			const path = `/workflows/services/${id}/${action.kind}`;
			const body = action.kind === 'unavailable' ? { preset: action.preset, ...(action.until ? { until: action.until } : {}) } : undefined;
			const response = await api.post<{ data: { id: string; name: string } }>(path, body);
			done.value = action.kind === 'clone' ? `Created ${response.data.data.name}` : 'Saved';
			return response.data.data;
		} catch (caught) {
			const response = (caught as { response?: { data?: { errors?: { message: string }[] } } }).response;
			error.value = response?.data?.errors?.[0]?.message ?? (caught instanceof Error ? caught.message : String(caught));
			return null;
		} finally {
			busy.value = false;
		}
	}

	return { busy, error, done, run };
}
