import { ref, type Ref } from 'vue';

interface ApiLike {
	post<T = unknown>(url: string, body?: unknown): Promise<{ data: T }>;
}

export type QuickAction = { kind: 'unavailable'; preset: string; until?: string | undefined } | { kind: 'unused' } | { kind: 'available' } | { kind: 'clone' };

/** Calls the service quick-action endpoints; the stored service comes back, or the error is kept for the form to show. */
export function useServiceActions(api: ApiLike, serviceId: () => string | number | null) {
	const busy = ref(false);
	const error: Ref<string | null> = ref(null);

	async function run(action: QuickAction): Promise<Record<string, unknown> | null> {
		const id = serviceId();
		if (id === null || id === '+') return null;
		busy.value = true;
		error.value = null;
		try {
			const path = `/workflows/services/${id}/${action.kind}`;
			const body = action.kind === 'unavailable' ? { preset: action.preset, ...(action.until ? { until: action.until } : {}) } : undefined;
			const response = await api.post<{ data: Record<string, unknown> }>(path, body);
			return response.data.data;
		} catch (caught) {
			const response = (caught as { response?: { data?: { errors?: { message: string }[] } } }).response;
			error.value = response?.data?.errors?.[0]?.message ?? (caught instanceof Error ? caught.message : String(caught));
			return null;
		} finally {
			busy.value = false;
		}
	}

	return { busy, error, run };
}
