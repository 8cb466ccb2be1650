import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import type { ItemsServiceClass } from './record-reader.js';
import { transactionThenEmit, type ActionEmitter } from '../automation/held-events.js';
import { primaryKeyOf } from '../rules/schema-info-adapter.js';
import { isSqlite } from '../db/dialect.js';

export interface OverdueDeps {
	knex: Knex;
	ItemsService: ItemsServiceClass;
	emitter: ActionEmitter;
}

/**
 * Marks appointments whose end has passed while still scheduled, and calls still scheduled
 * WORKFLOW_CALL_OVERDUE_MINUTES after their start, as `overdue`. The status change is an ordinary
 * write, so the `overdue` event fires once, through the same detection as every other event.
 */
export async function markOverdue({ knex, ItemsService, emitter }: OverdueDeps, schema: SchemaOverview, callOverdueMinutes: number, now = new Date()): Promise<number> {
	const due: [string, Record<string, unknown>][] = [
		['appointments', { status: { _eq: 'scheduled' }, end_at: { _lt: now.toISOString() } }],
		['calls', { status: { _eq: 'scheduled' }, start_at: { _lt: new Date(now.getTime() - callOverdueMinutes * 60_000).toISOString() } }],
	];
	const locksRows = !isSqlite(knex);
	let marked = 0;

	for (const [collection, filter] of due) {
		if (!schema.collections[collection]?.fields['status']) continue;
		const primaryKey = primaryKeyOf(schema, collection);
		const rows = await new ItemsService(collection, { schema, accountability: null }).readByQuery({ filter, fields: [primaryKey], limit: 200 }, { emitEvents: false });

		// One write per record, so each record gets its own event and its own runs. A record may be
		// completed between the read above and its write: the write applies only if the record is
		// still due then, its row locked so that a completion in flight lands before the check or
		// after the write (SQLite has no row locks; its single writer serialises the two instead).
		for (const row of rows) {
			const key = row[primaryKey] as string | number;
			const written = await transactionThenEmit(knex, emitter, async (trx, hold) => {
				if (locksRows) await trx(collection).where(primaryKey, key).forUpdate().first(primaryKey);
				const service = new ItemsService(collection, { schema, accountability: null, knex: trx });
				return service.updateByQuery({ filter: { _and: [{ [primaryKey]: { _eq: key } }, filter] }, limit: 1 }, { status: 'overdue' }, { ...hold });
			});
			marked += written.length;
		}
	}

	return marked;
}
