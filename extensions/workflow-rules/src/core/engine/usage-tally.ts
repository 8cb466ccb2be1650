/** How one evaluation of a rule ended: the outcome of its run, logged or only counted. */
export type EvaluationOutcome = 'matched' | 'not_matched' | 'skipped' | 'error' | 'depth_limit';

export interface Evaluated {
	rule: string;
	outcome: EvaluationOutcome;
	at: Date;
}

/** Per rule and UTC day: what the usage report shows. */
export interface UsageCount {
	rule: string;
	day: string;
	evaluations: number;
	matched: number;
	not_matched: number;
	skipped: number;
	errors: number;
	cascade_cut: number;
}

const COLUMN: Record<EvaluationOutcome, keyof Omit<UsageCount, 'rule' | 'day' | 'evaluations'>> = {
	matched: 'matched',
	not_matched: 'not_matched',
	skipped: 'skipped',
	error: 'errors',
	depth_limit: 'cascade_cut',
};

/** The UTC day of an instant, as the report buckets it. */
export function usageDay(at: Date): string {
	return at.toISOString().slice(0, 10);
}

/** Evaluations summed per rule and day, ready to add to the stored counters. */
export function tallyEvaluations(evaluations: readonly Evaluated[]): UsageCount[] {
	const counts = new Map<string, UsageCount>();
	// A batch's evaluations share a handful of instants: one day string per instant, not per evaluation.
	let lastAt: Date | null = null;
	let day = '';
	for (const { rule, outcome, at } of evaluations) {
		if (at !== lastAt) {
			lastAt = at;
			day = usageDay(at);
		}
		const key = `${rule}:${day}`;
		let count = counts.get(key);
		if (!count) counts.set(key, (count = { rule, day, evaluations: 0, matched: 0, not_matched: 0, skipped: 0, errors: 0, cascade_cut: 0 }));
		count.evaluations += 1;
		count[COLUMN[outcome]] += 1;
	}
	return [...counts.values()];
}

/**
 * Whether a rule logs its evaluations that do not match: off by default, on for 24 hours after an
 * admin turns "log every evaluation" on (a trace per non-matching write would cost a row each).
 */
export function logsEveryEvaluation(rule: { trace_until?: string | null }, now: Date): boolean {
	return !!rule.trace_until && Date.parse(rule.trace_until) > now.getTime();
}
