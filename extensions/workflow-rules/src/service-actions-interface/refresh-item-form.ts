import { getActivePinia } from 'pinia';

interface AiToolsStore {
	triggerSystemToolResult?: (tool: string, payload: { collection: string; action: string }) => unknown;
}

/**
 * Makes the open item page read its item again, keeping the user's unsaved edits. Directus' item
 * page does exactly this when its AI assistant writes to the collection (it listens on the
 * `ai-tools-store`'s results); there is no other public hook for it. False when the app offers no
 * such store (another Directus version): the caller then sets the new values in the form itself.
 */
export function refreshItemForm(collection: string): boolean {
	const stores = (getActivePinia() as unknown as { _s?: Map<string, AiToolsStore> } | undefined)?._s;
	const trigger = stores?.get('ai-tools-store')?.triggerSystemToolResult;
	if (typeof trigger !== 'function') return false;
	void trigger('items', { collection, action: 'update' });
	return true;
}
