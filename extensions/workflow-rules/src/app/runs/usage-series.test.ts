import { describe, expect, it } from 'vitest';
import { daysBetween, runsPerDay, seriesPerDay, sparklinePoints, totalsPerRule, type UsageRow } from './usage-series.js';

const rows: UsageRow[] = [
	{ rule: 'a', name: 'A', day: '2026-03-01', runs: 3, matched: 2, actions: { succeeded: 2, failed: 1 } },
	{ rule: 'a', name: 'A', day: '2026-03-03', runs: 1, matched: 1, actions: { pending: 1 } },
	{ rule: 'b', name: 'B', day: '2026-03-01', runs: 5, matched: 0, actions: { skipped: 1, cancelled: 1 } },
];

describe('usage series', () => {
	it('lists the days of a range, both ends included', () => {
		expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
	});

	it('gives a rule’s runs per day, zero on quiet days', () => {
		expect(runsPerDay(rows, 'a', daysBetween('2026-03-01', '2026-03-03'))).toEqual([3, 0, 1]);
	});

	it('sums runs, matches and outcomes per day, for all rules or one', () => {
		const days = daysBetween('2026-03-01', '2026-03-02');
		expect(seriesPerDay(rows, days)[0]).toEqual({ day: '2026-03-01', runs: 8, matched: 2, succeeded: 2, failed: 1, skipped: 2, pending: 0 });
		expect(seriesPerDay(rows, days, 'b')[0]!.runs).toBe(5);
		expect(seriesPerDay(rows, days)[1]!.runs).toBe(0);
	});

	it('totals per rule, busiest first', () => {
		expect(totalsPerRule(rows).map((row) => [row.name, row.runs, row.failed])).toEqual([['B', 5, 0], ['A', 4, 1]]);
	});

	it('draws a sparkline inside its box', () => {
		expect(sparklinePoints([0, 2, 1], 10, 10, 0)).toBe('0,10 5,0 10,5');
		expect(sparklinePoints([], 10, 10)).toBe('');
	});
});
