/** The usage report (GET /workflows/usage rows) shaped for the module: sparklines, a chart, a table. */
export interface UsageRow {
	rule: string | null;
	name: string | null;
	day: string;
	runs: number;
	matched: number;
	not_matched?: number;
	skipped?: number;
	errors?: number;
	actions: Record<string, number>;
}

/** Every UTC day from `from` to `to`, both included, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
	const days: string[] = [];
	const end = Date.parse(`${to}T00:00:00Z`);
	for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && days.length < 1000; at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
	return days;
}

/** Runs per day of one rule over the given days (zero where it did not run): a sparkline's values. */
export function runsPerDay(rows: readonly UsageRow[], rule: string, days: readonly string[]): number[] {
	const byDay = new Map<string, number>();
	for (const row of rows) if (row.rule === rule) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.runs);
	return days.map((day) => byDay.get(day) ?? 0);
}

export interface DaySeries {
	day: string;
	runs: number;
	matched: number;
	succeeded: number;
	failed: number;
	skipped: number;
	pending: number;
}

/** Per day, over the chosen rules (all when `rule` is empty): runs, matches and action outcomes. */
export function seriesPerDay(rows: readonly UsageRow[], days: readonly string[], rule?: string | null): DaySeries[] {
	const byDay = new Map<string, DaySeries>(days.map((day) => [day, { day, runs: 0, matched: 0, succeeded: 0, failed: 0, skipped: 0, pending: 0 }]));
	for (const row of rows) {
		if (rule && row.rule !== rule) continue;
		const entry = byDay.get(row.day);
		if (!entry) continue;
		entry.runs += row.runs;
		entry.matched += row.matched;
		entry.succeeded += row.actions['succeeded'] ?? 0;
		entry.failed += row.actions['failed'] ?? 0;
		entry.skipped += (row.actions['skipped'] ?? 0) + (row.actions['cancelled'] ?? 0);
		entry.pending += (row.actions['pending'] ?? 0) + (row.actions['running'] ?? 0);
	}
	return [...byDay.values()];
}

export interface RuleTotals {
	rule: string | null;
	name: string;
	runs: number;
	matched: number;
	succeeded: number;
	failed: number;
	skipped: number;
	pending: number;
}

/** Totals per rule over the range, busiest first: the table under the chart. */
export function totalsPerRule(rows: readonly UsageRow[]): RuleTotals[] {
	const totals = new Map<string, RuleTotals>();
	for (const row of rows) {
		const key = String(row.rule);
		const entry = totals.get(key) ?? { rule: row.rule, name: row.name ?? (row.rule ? `#${row.rule}` : '—'), runs: 0, matched: 0, succeeded: 0, failed: 0, skipped: 0, pending: 0 };
		entry.runs += row.runs;
		entry.matched += row.matched;
		entry.succeeded += row.actions['succeeded'] ?? 0;
		entry.failed += row.actions['failed'] ?? 0;
		entry.skipped += (row.actions['skipped'] ?? 0) + (row.actions['cancelled'] ?? 0);
		entry.pending += (row.actions['pending'] ?? 0) + (row.actions['running'] ?? 0);
		totals.set(key, entry);
	}
	return [...totals.values()].sort((a, b) => b.runs - a.runs || a.name.localeCompare(b.name));
}

/** An SVG polyline's points for values in a width × height box (0 at the bottom). */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1): string {
	if (values.length === 0) return '';
	const max = Math.max(1, ...values);
	const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
	return values.map((value, i) => `${round(pad + i * step)},${round(height - pad - (value / max) * (height - 2 * pad))}`).join(' ');
}

const round = (value: number) => Math.round(value * 10) / 10;
