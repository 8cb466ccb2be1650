import { filterFields } from '../../core/conditions/index.js';
import type { Rule } from '../../core/rule/rule-types.js';

/** Relational paths (`service.name`) a set of rules reads from the record after the write. */
export function afterFields(rules: Rule[]): string[] {
	return relational(rules.flatMap((rule) => filterFields(rule.conditions)));
}

/** Relational paths needed from the record before the write: previous conditions, and conditions of on_change rules. */
export function beforeFields(rules: Rule[]): string[] {
	return relational(rules.flatMap((rule) => [...filterFields(rule.previous_conditions ?? null), ...(rule.execution === 'on_change' ? filterFields(rule.conditions) : [])]));
}

function relational(paths: string[]): string[] {
	return [...new Set(paths.filter((path) => path.includes('.')))].sort();
}
