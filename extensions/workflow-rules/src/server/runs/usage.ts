import type { Knex } from 'knex';
import { usageDay } from '../../core/engine/usage-tally.js';
import { toDate } from '../db/rows.js';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { USAGE_TABLE } from './usage-counters.js';

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
 * What one caller may see of the report: the rules they can read (id → name), and whether rows of
 * jobs without a rule (Flow operations, jobs of deleted rules) are theirs to see. Undefined: all.
 */
export interface UsageScope {
	rules: ReadonlyMap<string, string>;
	ruleless: boolean;
}

/**
 * Evaluations and action outcomes per rule per UTC day, the usage report of the reference pages:
 * evaluations from the usage counters (every evaluation counts, logged or not), action outcomes
 * grouped in memory over the jobs' two columns needed, portable across SQLite and PostgreSQL date
 * storage. With a scope, rows of other rules are left out, so their names and counts never leave.
 */
export async function usageReport(knex: Knex, from: Date, to: Date, rule?: string, scope?: UsageScope): Promise<UsageRow[]> {
	const scoped = <T extends Knex.QueryBuilder>(query: T, dateColumn: string, ruleColumn: string): T => {
		query.where(dateColumn, '>=', from).andWhere(dateColumn, '<', to);
		if (rule) query.andWhere(ruleColumn, rule);
		return query;
	};

	const counters = knex(USAGE_TABLE).select('*').where('day', '>=', usageDay(from)).andWhere('day', '<', usageDay(to));
	if (rule) counters.andWhere('rule', rule);
	const jobs = await scoped(knex(JOBS_TABLE).select('rule', 'status', 'date_created'), 'date_created', 'rule');
	const names = scope?.rules ?? new Map<string, string>((await knex('workflow_rules').select('id', 'name')).map((row: { id: string; name: string }) => [String(row.id), row.name]));
	const rows = new Map<string, UsageRow>();

	const bucket = (ruleId: unknown, day: string): UsageRow => {
		const id = ruleId === null || ruleId === undefined ? null : String(ruleId);
		const key = `${id}|${day}`;
		let row = rows.get(key);
		if (!row) {
			row = { rule: id, name: id ? (names.get(id) ?? null) : null, day, runs: 0, matched: 0, not_matched: 0, skipped: 0, errors: 0, cascade_cut: 0, actions: {} };
			rows.set(key, row);
		}
		return row;
	};

	for (const counter of await counters) {
		const row = bucket(counter.rule, String(counter.day));
		row.runs += Number(counter.evaluations);
		row.matched += Number(counter.matched);
		row.not_matched += Number(counter.not_matched);
		row.skipped += Number(counter.skipped);
		row.errors += Number(counter.errors);
		row.cascade_cut += Number(counter.cascade_cut);
	}

	for (const job of jobs) {
		const row = bucket(job.rule, usageDay(toDate(job.date_created) ?? new Date(0)));
		row.actions[job.status] = (row.actions[job.status] ?? 0) + 1;
	}

	const visible = (row: UsageRow) => !scope || (row.rule === null ? scope.ruleless : scope.rules.has(row.rule));
	return [...rows.values()].filter(visible).sort((a, b) => a.day.localeCompare(b.day) || String(a.name).localeCompare(String(b.name)));
}
