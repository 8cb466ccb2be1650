import { PermanentActionError } from '../../../core/actions/action-errors.js';

/** What run_flow uses of Directus' FlowManager (`api/src/flows.ts`, Directus 12.4). */
export interface FlowManager {
	/** An active Flow as the manager loaded it; undefined while it reloads or when it is inactive. */
	getFlow(id: string): { trigger?: unknown } | undefined;
	/** Runs an "Another Flow" (operation) Flow to its end, as Directus' own `trigger` operation does. */
	runOperationFlow(id: string, data: unknown, context: Record<string, unknown>): Promise<unknown>;
}

const SPECIFIER = '@directus/api/flows';
let loading: Promise<FlowManager> | null = null;

/**
 * Directus' FlowManager, the one that loaded the Flows. Extensions are not handed it
 * (directus/directus#21484), so it is imported at run time from the Directus installation the
 * extension runs in, as held-events.ts does for the core emitter: bundled, it would be a second,
 * empty manager. tests/integration/actions-task-flow pins this seam.
 */
export function directusFlowManager(): Promise<FlowManager> {
	loading ??= import(/* @vite-ignore */ SPECIFIER).then((module: { getFlowManager?: () => FlowManager }) => {
		if (typeof module.getFlowManager !== 'function') throw new Error(`${SPECIFIER} has no getFlowManager()`);
		return module.getFlowManager();
	});
	return loading.catch((error: unknown) => {
		loading = null;
		throw new PermanentActionError(`this Directus version does not let extensions run Flows: ${error instanceof Error ? error.message : String(error)}`, { kind: 'unavailable' });
	});
}
