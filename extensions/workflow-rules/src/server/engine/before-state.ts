/**
 * Records as they were before an update or delete, handed from the filter hook (which runs before
 * the write) to the action hook (which runs after it commits). Directus passes the same `keys`
 * array to both, so it is the handle; a WeakMap lets abandoned writes (refused by validation or
 * permissions) be collected without bookkeeping.
 */
export type Item = Record<string, unknown>;

const pending = new WeakMap<object, Map<string, Item>>();

export function rememberBefore(handle: object, records: Map<string, Item>): void {
	pending.set(handle, records);
}

export function takeBefore(handle: unknown): Map<string, Item> {
	if (typeof handle !== 'object' || handle === null) return new Map();
	const records = pending.get(handle) ?? new Map<string, Item>();
	pending.delete(handle);
	return records;
}
