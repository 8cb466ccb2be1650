/**
 * What the filter hook of an update or delete learned before the write (the records as they were,
 * and the intent row that makes the evaluation owed), handed to the action hook that runs after
 * the write commits. Directus passes the same `keys` array to both, so it is the handle; a WeakMap
 * lets abandoned writes (refused by validation or permissions) be collected without bookkeeping.
 */
export type Item = Record<string, unknown>;

export interface BeforeWrite {
	/** The write's id, and when its intents were recorded (see write-intents.ts). */
	writeId: string;
	at: Date;
	records: Map<string, Item>;
}

const pending = new WeakMap<object, BeforeWrite>();

export function rememberBefore(handle: object, before: BeforeWrite): void {
	pending.set(handle, before);
}

/** What the filter hook left for this write; null when it left nothing (the before state is unknown). */
export function takeBefore(handle: unknown): BeforeWrite | null {
	if (typeof handle !== 'object' || handle === null) return null;
	const before = pending.get(handle) ?? null;
	pending.delete(handle);
	return before;
}
