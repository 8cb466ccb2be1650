/**
 * What the running bundle has wired, shared by its API entries (they are bundled into one module,
 * so this state is common to the hook and the endpoint of one Directus process).
 */
export interface RuntimeStatus {
	startedAt: string;
	hook: { registered: boolean; events: string[]; writesSeen: number; lastWrite: { event: string; collection: string; at: string } | null };
}

const status: RuntimeStatus = {
	startedAt: new Date().toISOString(),
	hook: { registered: false, events: [], writesSeen: 0, lastWrite: null },
};

export function markHookRegistered(events: string[]): void {
	status.hook.registered = true;
	status.hook.events = [...events];
}

export function recordWrite(event: string, collection: string): void {
	status.hook.writesSeen += 1;
	status.hook.lastWrite = { event, collection, at: new Date().toISOString() };
}

export function runtimeStatus(): RuntimeStatus {
	return structuredClone(status);
}
