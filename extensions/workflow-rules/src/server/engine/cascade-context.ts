import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How deep in a cascade the current code runs: 0 for a user's write, n for a write made by an
 * action n steps down. Job execution runs inside `withCascadeDepth`, and Directus calls action
 * hooks within the async context of the write, so the hook sees the depth of the write it observes.
 */
const storage = new AsyncLocalStorage<{ depth: number }>();

export function cascadeDepth(): number {
	return storage.getStore()?.depth ?? 0;
}

export function withCascadeDepth<T>(depth: number, work: () => Promise<T>): Promise<T> {
	return storage.run({ depth }, work);
}
