import type { SchemaOverview } from '@directus/types';
import type { SchemaInfo } from '../../core/rule/schema-info.js';

/** Directus' schema overview seen through the engine's SchemaInfo. */
export function schemaInfoFrom(schema: SchemaOverview): SchemaInfo {
	return {
		hasCollection: (collection) => collection in schema.collections,
		fieldType: (collection, field) => schema.collections[collection]?.fields[field]?.type ?? null,
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
	return schema.collections[collection]?.primary ?? 'id';
}
