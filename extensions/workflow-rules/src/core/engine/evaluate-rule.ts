import { evaluateFilter, type ConditionTrace } from '../conditions/index.js';
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
	trace: RuleTrace;
}

/**
 * Evaluates a rule's conditions against one write: `conditions` on the record after it,
 * `previous_conditions` ("from → to") on the record before it. A write without a before state
 * cannot satisfy previous conditions.
 */
export function evaluateRule(rule: Rule | RuleDefinition, change: Pick<RecordChange, 'before' | 'after'>, context: EvaluationContext): RuleEvaluation {
	const filterContext = { now: context.now, userId: context.userId, roleId: context.roleId };
	const record = change.after ?? change.before ?? {};
	const current = evaluateFilter(rule.conditions, record, filterContext);
	const previous = rule.previous_conditions ? (change.before ? evaluateFilter(rule.previous_conditions, change.before, filterContext) : { result: false, trace: null }) : null;
	const matchedBefore = rule.execution === 'on_change' && change.before ? evaluateFilter(rule.conditions, change.before, filterContext).result : null;

	return {
		matched: current.result && (previous?.result ?? true),
		matchedBefore,
		trace: { conditions: current.trace, ...(previous ? { previous_conditions: previous.trace } : {}) },
	};
}

/** Whether the rule's conditions hold for a record now: the re-check of a scheduled action. */
export function conditionsHold(rule: Rule | RuleDefinition, record: Record<string, unknown>, context: EvaluationContext): boolean {
	return evaluateFilter(rule.conditions, record, { now: context.now, userId: context.userId, roleId: context.roleId }).result;
}
