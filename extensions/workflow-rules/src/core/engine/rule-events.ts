import { listensTo, type RecordChange } from '../events/index.js';
import type { Rule, RuleDefinition } from '../rule/rule-types.js';

/**
 * The events of one write that a rule listens to, in catalogue order. A rule fires at most once
 * per write: these are the events its one run names.
 */
export function eventsHeardBy(rule: Rule | RuleDefinition, detected: readonly string[], change: RecordChange): string[] {
	const trigger = rule.trigger;
	if (trigger.type !== 'event') return [];
	return detected.filter((event) => listensTo(trigger, event, change));
}
