import { ref, onMounted, type Ref } from 'vue';

interface ApiLike {
	get<T = unknown>(url: string): Promise<{ data: T }>;
}

interface Health {
	status: string;
	version: string;
	hook: { registered: boolean };
}

/** Asks the workflows endpoint whether the engine is wired in this Directus instance. */
export function useEngineStatus(api: ApiLike): { health: Ref<Health | null>; error: Ref<string | null>; loading: Ref<boolean> } {
	const health = ref<Health | null>(null);
	const error = ref<string | null>(null);
	const loading = ref(true);

	onMounted(async () => {
		try {
			health.value = (await api.get<Health>('/workflows/health')).data;
		} catch (caught) {
			error.value = caught instanceof Error ? caught.message : String(caught);
		} finally {
			loading.value = false;
		}
	});

	return { health, error, loading };
}
