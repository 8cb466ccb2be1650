import type { Rule } from '../../core/rule/rule-types.js';
import { fromJson, toDate } from '../db/rows.js';

/** A workflow_rules row read with knex (JSON columns may still be text) as a Rule. */
export function ruleFromRow(row: Record<string, unknown>): Rule {
	return {
		id: String(row['id']),
		name: String(row['name'] ?? ''),
		description: (row['description'] as string | null) ?? null,
		status: row['status'] === 'active' ? 'active' : 'inactive',
		collection: String(row['collection'] ?? ''),
		trigger: fromJson(row['trigger'], { type: 'event', events: [] }),
		conditions: fromJson(row['conditions'], null),
		previous_conditions: fromJson(row['previous_conditions'], null),
		execution: (row['execution'] as Rule['execution']) ?? 'every_time',
		actions: fromJson(row['actions'], []),
		sort: row['sort'] === null || row['sort'] === undefined ? null : Number(row['sort']),
		trace_until: toDate(row['trace_until'])?.toISOString() ?? null,
	};
}
