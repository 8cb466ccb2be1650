import type { SchemaOverview } from '@directus/types';
import { readRecords, type Item, type ItemsServiceClass } from './record-reader.js';

interface Pending {
	schema: SchemaOverview;
	collection: string;
	fields: string[];
	keys: Set<string>;
	waiters: { resolve: (records: Map<string, Item>) => void; reject: (error: unknown) => void }[];
}

/**
 * Coalesces the record reads that arrive in the same tick into one query per collection and
 * field set. A batch create of 100 items makes Directus emit 100 action events back to back;
 * reading their records one by one would cost 100 queries where one does.
 */
export class BatchedReader {
	private readonly pending = new Map<string, Pending>();

	constructor(private readonly ItemsService: ItemsServiceClass) {}

	read(schema: SchemaOverview, collection: string, keys: string[], fields: string[]): Promise<Map<string, Item>> {
		const id = `${collection}|${[...fields].sort().join(',')}`;
		let batch = this.pending.get(id);

		if (!batch || batch.schema !== schema) {
			if (batch) this.flush(id);
			batch = { schema, collection, fields, keys: new Set(), waiters: [] };
			this.pending.set(id, batch);
			setImmediate(() => this.flush(id));
		}

		for (const key of keys) batch.keys.add(key);
		const current = batch;
		return new Promise((resolve, reject) => current.waiters.push({ resolve, reject }));
	}

	private flush(id: string): void {
		const batch = this.pending.get(id);
		if (!batch) return;
		this.pending.delete(id);

		readRecords(this.ItemsService, batch.schema, batch.collection, [...batch.keys], batch.fields).then(
			(records) => batch.waiters.forEach((waiter) => waiter.resolve(records)),
			(error) => batch.waiters.forEach((waiter) => waiter.reject(error)),
		);
	}
}
