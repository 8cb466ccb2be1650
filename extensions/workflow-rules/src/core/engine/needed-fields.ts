import { templateFields } from '../actions/template-fields.js';
import { filterFields } from '../conditions/index.js';
import type { Rule, RuleDefinition } from '../rule/rule-types.js';

/** Relational paths (`service.name`) a set of rules reads from the record after the write. */
export function afterFields(rules: Rule[]): string[] {
	return relational(rules.flatMap((rule) => filterFields(rule.conditions)));
}

/** Relational paths needed from the record before the write: previous conditions, and conditions of on_change rules. */
export function beforeFields(rules: Rule[]): string[] {
	return relational(rules.flatMap((rule) => [...filterFields(rule.previous_conditions ?? null), ...(rule.execution === 'on_change' ? filterFields(rule.conditions) : [])]));
}

/** Every field path one rule reads: its conditions, its action templates and timing fields. */
export function fieldsUsedBy(rule: Rule | RuleDefinition): string[] {
	const timingFields = rule.actions.flatMap((action) => (action.timing.type === 'relative_to_field' ? [action.timing.field] : []));
	const paths = [...filterFields(rule.conditions), ...filterFields(rule.previous_conditions ?? null), ...rule.actions.flatMap((action) => templateFields(action.options)), ...timingFields];
	return [...new Set(paths)].sort();
}

/** Relational paths a job of a rule needs: the rule's conditions (re-checked when it is scheduled) and its action's own fields. */
export function jobFields(conditions: RuleDefinition['conditions'], actionFields: string[]): string[] {
	return relational([...filterFields(conditions), ...actionFields]);
}

function relational(paths: string[]): string[] {
	return [...new Set(paths.filter((path) => path.includes('.')))].sort();
}
