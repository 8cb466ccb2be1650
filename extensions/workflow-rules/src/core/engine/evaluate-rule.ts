import { evaluateFilter, filterMatches, type ConditionTrace } from '../conditions/index.js';
import type { RecordChange } from '../events/index.js';
import type { Rule, RuleDefinition } from '../rule/rule-types.js';
import type { EvaluationContext } from './evaluation-context.js';

export interface RuleTrace {
	conditions: ConditionTrace | null;
	previous_conditions?: ConditionTrace | null;
}

export interface RuleEvaluation {
	/** The conditions hold after the write (and the previous conditions before it, when set). */
	matched: boolean;
	/** Whether the conditions held before the write, for `on_change`; null when not needed or unknown. */
	matchedBefore: boolean | null;
	/** Null when not asked for: a non-matching evaluation that is only counted. */
	trace: RuleTrace | null;
}

/**
 * Evaluates a rule's conditions against one write: `conditions` on the record after it,
 * `previous_conditions` ("from → to") on the record before it. A write without a before state
 * cannot satisfy previous conditions. The trace is built for matches (they are logged) and, with
 * `traceAll`, for every evaluation; otherwise the compiled conditions answer without one.
 */
export function evaluateRule(rule: Rule | RuleDefinition, change: Pick<RecordChange, 'before' | 'after'>, context: EvaluationContext, traceAll = true): RuleEvaluation {
	const filterContext = { now: context.now, userId: context.userId, roleId: context.roleId };
	const record = change.after ?? change.before ?? {};
	const previousHeld = () => !rule.previous_conditions || (!!change.before && filterMatches(rule.previous_conditions, change.before, filterContext));
	const matched = filterMatches(rule.conditions, record, filterContext) && previousHeld();
	const matchedBefore = rule.execution === 'on_change' && change.before ? filterMatches(rule.conditions, change.before, filterContext) : null;
	if (!matched && !traceAll) return { matched, matchedBefore, trace: null };

	const previous = rule.previous_conditions ? (change.before ? evaluateFilter(rule.previous_conditions, change.before, filterContext).trace : null) : undefined;
	return {
		matched,
		matchedBefore,
		trace: { conditions: evaluateFilter(rule.conditions, record, filterContext).trace, ...(previous !== undefined ? { previous_conditions: previous } : {}) },
	};
}

/** Whether the rule's conditions hold for a record now: the re-check of a scheduled action. */
export function conditionsHold(rule: Rule | RuleDefinition, record: Record<string, unknown>, context: EvaluationContext): boolean {
	return filterMatches(rule.conditions, record, { now: context.now, userId: context.userId, roleId: context.roleId });
}
