import type { SchemaOverview } from '@directus/types';
import type { SchemaInfo } from '../../core/rule/schema-info.js';

type CollectionOverview = SchemaOverview['collections'][string];

/**
 * The collection of that name, or undefined. Names come from rule JSON: an own-property check
 * keeps `constructor` or `__proto__` from finding Object.prototype's members.
 */
export function collectionOf(schema: SchemaOverview, collection: string): CollectionOverview | undefined {
	return Object.hasOwn(schema.collections, collection) ? schema.collections[collection] : undefined;
}

function fieldOf(schema: SchemaOverview, collection: string, field: string) {
	const fields = collectionOf(schema, collection)?.fields;
	return fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** Directus' schema overview seen through the engine's SchemaInfo. */
export function schemaInfoFrom(schema: SchemaOverview): SchemaInfo {
	return {
		hasCollection: (collection) => collectionOf(schema, collection) !== undefined,
		fieldType: (collection, field) => fieldOf(schema, collection, field)?.type ?? null,
		relatedCollection(collection, field) {
			for (const relation of schema.relations) {
				if (relation.collection === collection && relation.field === field) return relation.related_collection;
				if (relation.related_collection === collection && relation.meta?.one_field === field) return relation.collection;
			}
			return null;
		},
	};
}

export function primaryKeyOf(schema: SchemaOverview, collection: string): string {
	return collectionOf(schema, collection)?.primary ?? 'id';
}
