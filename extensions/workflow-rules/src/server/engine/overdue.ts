import type { SchemaOverview } from '@directus/types';
import type { ItemsServiceClass } from './record-reader.js';
import { primaryKeyOf } from '../rules/schema-info-adapter.js';

/**
 * Marks appointments whose end has passed while still scheduled, and calls still scheduled
 * WORKFLOW_CALL_OVERDUE_MINUTES after their start, as `overdue`. The status change is an ordinary
 * write, so the `overdue` event fires once, through the same detection as every other event.
 */
export async function markOverdue(ItemsService: ItemsServiceClass, schema: SchemaOverview, callOverdueMinutes: number, now = new Date()): Promise<number> {
	const due: [string, Record<string, unknown>][] = [
		['appointments', { status: { _eq: 'scheduled' }, end_at: { _lt: now.toISOString() } }],
		['calls', { status: { _eq: 'scheduled' }, start_at: { _lt: new Date(now.getTime() - callOverdueMinutes * 60_000).toISOString() } }],
	];
	let marked = 0;

	for (const [collection, filter] of due) {
		if (!schema.collections[collection]?.fields['status']) continue;
		const service = new ItemsService(collection, { schema, accountability: null });
		const primaryKey = primaryKeyOf(schema, collection);
		const rows = await service.readByQuery({ filter, fields: [primaryKey], limit: 200 }, { emitEvents: false });
		const keys = rows.map((row) => row[primaryKey] as string | number);
		// One write per record: each record gets its own event and its own runs.
		for (const key of keys) await service.updateOne(key, { status: 'overdue' });
		marked += keys.length;
	}

	return marked;
}
