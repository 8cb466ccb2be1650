import { IGNORED_COLLECTION_PREFIXES } from '../shared/identity.js';

/** Directus' own system collections never trigger rules; every user collection may. */
export function isWatchedCollection(collection: string): boolean {
	return !IGNORED_COLLECTION_PREFIXES.some((prefix) => collection.startsWith(prefix));
}
