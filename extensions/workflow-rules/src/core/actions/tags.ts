/**
 * Tag arithmetic for the `tags` JSON arrays of CRM records: pure, order-preserving, and tolerant of
 * the shapes a JSON column can hold (null, a JSON string, an array with non-strings).
 */

export function normaliseTags(value: unknown): string[] {
	if (typeof value === 'string') {
		try {
			return normaliseTags(JSON.parse(value));
		} catch {
			return value.trim() ? [value.trim()] : [];
		}
	}

	if (!Array.isArray(value)) return [];
	return dedupe(value.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.trim()).filter(Boolean));
}

/** The tags after adding `add` and removing `remove`; a tag in both ends up removed. */
export function applyTagChange(current: unknown, add: readonly string[] = [], remove: readonly string[] = []): string[] {
	const removed = new Set(normaliseTags(remove));
	return dedupe([...normaliseTags(current), ...normaliseTags(add)]).filter((tag) => !removed.has(tag));
}

export function sameTags(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((tag, index) => tag === b[index]);
}

function dedupe(tags: string[]): string[] {
	return [...new Set(tags)];
}
