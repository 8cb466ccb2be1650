import type { Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Item } from './before-state.js';

export type { Item };
import { primaryKeyOf } from '../rules/schema-info-adapter.js';

export interface ItemsServiceLike {
	readMany(keys: (string | number)[], query?: Record<string, unknown>, opts?: Record<string, unknown>): Promise<Item[]>;
	readOne(key: string | number, query?: Record<string, unknown>, opts?: Record<string, unknown>): Promise<Item>;
	createOne(data: Item, opts?: Record<string, unknown>): Promise<string | number>;
	updateOne(key: string | number, data: Item, opts?: Record<string, unknown>): Promise<string | number>;
	updateMany(keys: (string | number)[], data: Item, opts?: Record<string, unknown>): Promise<(string | number)[]>;
	updateByQuery(query: Record<string, unknown>, data: Item, opts?: Record<string, unknown>): Promise<(string | number)[]>;
	readByQuery(query: Record<string, unknown>, opts?: Record<string, unknown>): Promise<Item[]>;
}

export type ItemsServiceClass = new (collection: string, options: { schema: SchemaOverview; knex?: Knex; accountability: Accountability | null }) => ItemsServiceLike;

/**
 * Reads records by key with exactly the given fields (top-level `*` plus the relational paths
 * conditions and templates name), in one query, as the system: rules see the whole record
 * whoever made the write.
 */
export async function readRecords(
	ItemsService: ItemsServiceClass,
	schema: SchemaOverview,
	collection: string,
	keys: (string | number)[],
	fields: string[],
	knex?: Knex,
): Promise<Map<string, Item>> {
	if (keys.length === 0) return new Map();
	const service = new ItemsService(collection, { schema, accountability: null, ...(knex ? { knex } : {}) });
	const primaryKey = primaryKeyOf(schema, collection);
	const rows = await service.readMany(keys, { fields: [...new Set(['*', ...fields])], limit: -1 }, { emitEvents: false });
	return new Map(rows.map((row) => [String(row[primaryKey]), row]));
}
