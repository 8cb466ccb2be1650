/**
 * What rule validation needs to know about the data model, without depending on Directus: the
 * server adapts Directus' SchemaOverview to this, unit tests use a small literal.
 */
export interface SchemaInfo {
	hasCollection(collection: string): boolean;
	/** The field's Directus type ('string', 'timestamp', 'date', 'alias', 'json', ...) or null when it does not exist. */
	fieldType(collection: string, field: string): string | null;
	/**
	 * The collection a relational field points to: the related collection of a many-to-one, the
	 * child collection of a one-to-many or of a many-to-many's junction; null for plain fields.
	 */
	relatedCollection(collection: string, field: string): string | null;
}

/** Field types whose values are points in time (valid for date triggers and field-relative timing). */
export const DATE_TYPES = ['date', 'dateTime', 'timestamp'] as const;

/** A SchemaInfo from a plain description, for tests and dry runs. */
export function literalSchema(collections: Record<string, Record<string, string | { type: string; related: string }>>): SchemaInfo {
	// Own properties only: `constructor` is no collection or field.
	const specOf = (collection: string, field: string) => {
		const fields = Object.hasOwn(collections, collection) ? collections[collection] : undefined;
		return fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
	};
	return {
		hasCollection: (collection) => Object.hasOwn(collections, collection),
		fieldType(collection, field) {
			const spec = specOf(collection, field);
			if (spec === undefined) return null;
			return typeof spec === 'string' ? spec : spec.type;
		},
		relatedCollection(collection, field) {
			const spec = specOf(collection, field);
			return spec !== undefined && typeof spec !== 'string' ? spec.related : null;
		},
	};
}
