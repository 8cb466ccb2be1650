import { applyTagChange, normaliseTags, sameTags } from '../../../core/actions/tags.js';
import type { ItemsServiceLike } from '../../engine/record-reader.js';

export interface TagChange {
	collection: string;
	key: string | number;
	add?: string[];
	remove?: string[];
}

export interface TagResult {
	tags: string[];
	changed: boolean;
}

/**
 * Adds and removes tags on one record's `tags` field through a service the caller set up (its
 * accountability, its transaction), so permissions, revisions and hooks apply as for any other
 * write; `mutation` goes to the write. Writes nothing when the tags do not change.
 */
export async function tagItem(items: ItemsServiceLike, change: Omit<TagChange, 'collection'>, mutation: Record<string, unknown> = {}): Promise<TagResult> {
	const record = await items.readOne(change.key, { fields: ['tags'] });
	const current = normaliseTags(record['tags']);
	const tags = applyTagChange(current, change.add, change.remove);

	if (sameTags(tags, current)) return { tags, changed: false };

	await items.updateOne(change.key, { tags }, mutation);
	return { tags, changed: true };
}
