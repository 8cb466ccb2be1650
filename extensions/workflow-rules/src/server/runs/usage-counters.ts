import type { Knex } from 'knex';
import type { UsageCount } from '../../core/engine/usage-tally.js';

export const USAGE_TABLE = 'workflow_usage';

const COUNTERS = ['evaluations', 'matched', 'not_matched', 'skipped', 'errors', 'cascade_cut'] as const;

/** Adds counts to the stored per-rule, per-day counters: one upsert for the whole batch. */
export async function addUsage(knex: Knex, counts: readonly UsageCount[]): Promise<void> {
	if (counts.length === 0) return;
	const increments = Object.fromEntries(COUNTERS.map((column) => [column, knex.raw('??.?? + excluded.??', [USAGE_TABLE, column, column])]));
	await knex(USAGE_TABLE)
		.insert(counts.map((count) => ({ key: `${count.rule}:${count.day}`, ...count })))
		.onConflict('key')
		.merge(increments);
}
