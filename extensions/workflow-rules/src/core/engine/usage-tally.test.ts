import { describe, expect, it } from 'vitest';
import { logsEveryEvaluation, tallyEvaluations } from './usage-tally.js';

describe('tallyEvaluations', () => {
	it('sums outcomes per rule and UTC day', () => {
		const late = new Date('2026-11-30T23:59:59.999Z');
		const early = new Date('2026-12-01T00:00:00.000Z');
		const counts = tallyEvaluations([
			{ rule: 'r1', outcome: 'matched', at: late },
			{ rule: 'r1', outcome: 'not_matched', at: late },
			{ rule: 'r1', outcome: 'not_matched', at: early },
			{ rule: 'r2', outcome: 'error', at: early },
			{ rule: 'r2', outcome: 'depth_limit', at: early },
			{ rule: 'r2', outcome: 'skipped', at: early },
		]);
		expect(counts).toEqual([
			{ rule: 'r1', day: '2026-11-30', evaluations: 2, matched: 1, not_matched: 1, skipped: 0, errors: 0, cascade_cut: 0 },
			{ rule: 'r1', day: '2026-12-01', evaluations: 1, matched: 0, not_matched: 1, skipped: 0, errors: 0, cascade_cut: 0 },
			{ rule: 'r2', day: '2026-12-01', evaluations: 3, matched: 0, not_matched: 0, skipped: 1, errors: 1, cascade_cut: 1 },
		]);
	});
});

describe('logsEveryEvaluation', () => {
	const now = new Date('2026-12-01T12:00:00Z');
	it('is on only until trace_until', () => {
		expect(logsEveryEvaluation({}, now)).toBe(false);
		expect(logsEveryEvaluation({ trace_until: null }, now)).toBe(false);
		expect(logsEveryEvaluation({ trace_until: '2026-12-01T12:00:01Z' }, now)).toBe(true);
		expect(logsEveryEvaluation({ trace_until: '2026-12-01T12:00:00Z' }, now)).toBe(false);
	});
});
