import type { Knex } from 'knex';
import { toDate } from '../db/rows.js';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { RUNS_TABLE } from './run-log.js';

export interface UsageRow {
	rule: string | null;
	name: string | null;
	day: string;
	runs: number;
	matched: number;
	not_matched: number;
	skipped: number;
	errors: number;
	cascade_cut: number;
	actions: Record<string, number>;
}

/**
 * Runs and action outcomes per rule per UTC day, the usage report of the reference pages.
 * Grouped in memory over the two columns needed: portable across SQLite and PostgreSQL date
 * storage, and bounded by the retention period.
 */
export async function usageReport(knex: Knex, from: Date, to: Date, rule?: string): Promise<UsageRow[]> {
	const scoped = <T extends Knex.QueryBuilder>(query: T, dateColumn: string, ruleColumn: string): T => {
		query.where(dateColumn, '>=', from).andWhere(dateColumn, '<', to);
		if (rule) query.andWhere(ruleColumn, rule);
		return query;
	};

	const runs = await scoped(knex(RUNS_TABLE).select('rule', 'outcome', 'date_created'), 'date_created', 'rule');
	const jobs = await scoped(knex(JOBS_TABLE).select('rule', 'status', 'date_created'), 'date_created', 'rule');
	const names = new Map<string, string>((await knex('workflow_rules').select('id', 'name')).map((row: { id: string; name: string }) => [String(row.id), row.name]));
	const rows = new Map<string, UsageRow>();

	const bucket = (ruleId: unknown, date: unknown): UsageRow => {
		const id = ruleId === null || ruleId === undefined ? null : String(ruleId);
		const day = (toDate(date) ?? new Date(0)).toISOString().slice(0, 10);
		const key = `${id}|${day}`;
		let row = rows.get(key);
		if (!row) {
			row = { rule: id, name: id ? (names.get(id) ?? null) : null, day, runs: 0, matched: 0, not_matched: 0, skipped: 0, errors: 0, cascade_cut: 0, actions: {} };
			rows.set(key, row);
		}
		return row;
	};

	for (const run of runs) {
		const row = bucket(run.rule, run.date_created);
		row.runs += 1;
		if (run.outcome === 'matched') row.matched += 1;
		else if (run.outcome === 'not_matched') row.not_matched += 1;
		else if (run.outcome === 'skipped') row.skipped += 1;
		else if (run.outcome === 'error') row.errors += 1;
		else if (run.outcome === 'depth_limit') row.cascade_cut += 1;
	}

	for (const job of jobs) {
		const row = bucket(job.rule, job.date_created);
		row.actions[job.status] = (row.actions[job.status] ?? 0) + 1;
	}

	return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || String(a.name).localeCompare(String(b.name)));
}
