/**
 * Validation of a rule against the data model: first its structure (rule-schema.ts), then, when the
 * structure is sound, every semantic problem at once: collection, events, fields, date fields,
 * timings allowed for the trigger and action, field updates and condition filters.
 */
import { isEngineCollection } from './engine-collections.js';
import { validateFilter } from '../conditions/validate-filter.js';
import { eventNames } from '../events/catalog.js';
import { parseDuration } from '../timing/iso-duration.js';
import { parseRuleStructure } from './rule-schema.js';
import type { RuleAction, RuleDefinition, RuleIssue } from './rule-types.js';
import { DATE_TYPES, type SchemaInfo } from './schema-info.js';

export interface RuleValidation {
	/** The rule with defaults applied, or null when any issue was found. */
	rule: RuleDefinition | null;
	issues: RuleIssue[];
}

export function validateRule(input: unknown, schema: SchemaInfo): RuleValidation {
	const structure = parseRuleStructure(input);
	if (!structure.rule) return structure;
	const issues = semanticIssues(structure.rule, schema);
	return issues.length > 0 ? { rule: null, issues } : { rule: structure.rule, issues: [] };
}

/** One line per issue: `path: message` (or the message alone for the rule as a whole). */
export function formatIssues(issues: readonly RuleIssue[]): string {
	return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}

function semanticIssues(rule: RuleDefinition, schema: SchemaInfo): RuleIssue[] {
	const issues: RuleIssue[] = [];
	const known = schema.hasCollection(rule.collection);
	if (!known) issues.push({ path: 'collection', message: `unknown collection ${quote(rule.collection)}` });
	else if (isEngineCollection(rule.collection)) issues.push({ path: 'collection', message: `${quote(rule.collection)} is a system or workflow collection: its writes never trigger rules` });
	const fields = known ? new FieldChecker(rule.collection, schema, issues) : null;

	const { trigger } = rule;
	if (trigger.type === 'event' && known) {
		const defined = eventNames(rule.collection);
		trigger.events.forEach((event, index) => {
			if (!defined.includes(event)) {
				issues.push({
					path: `trigger.events[${index}]`,
					message: `event ${quote(event)} is not defined for collection ${quote(rule.collection)}; expected one of ${defined.join(', ')}`,
				});
			}
		});
	}
	if (trigger.type === 'event') trigger.fields?.forEach((field, index) => fields?.exists(`trigger.fields[${index}]`, field));
	if (trigger.type === 'date') fields?.isDate('trigger.field', trigger.field, 'a date trigger');
	if (trigger.type !== 'event' && rule.previous_conditions) {
		issues.push({ path: 'previous_conditions', message: `only event-triggered rules have a previous state; this rule is ${trigger.type}-triggered` });
	}

	rule.actions.forEach((action, index) => actionIssues(action, `actions[${index}]`, rule, fields, issues));

	const collection = known ? rule.collection : undefined;
	const filterSchema = known ? schema : undefined;
	if (rule.conditions) issues.push(...validateFilter(rule.conditions, 'conditions', collection, filterSchema));
	if (rule.previous_conditions) issues.push(...validateFilter(rule.previous_conditions, 'previous_conditions', collection, filterSchema));
	return issues;
}

/** What an action's own type and timing allow, whatever rule it belongs to (a saved action is checked with this too). */
export function standaloneActionIssues(action: RuleAction, path: string): RuleIssue[] {
	const { timing } = action;
	const issues: RuleIssue[] = [];
	if (timing.type !== 'instant' && action.type === 'tag') issues.push({ path: `${path}.timing`, message: 'tag actions run instantly only' });
	if (timing.type === 'after_trigger' && parseDuration(timing.offset)?.sign === -1) {
		issues.push({ path: `${path}.timing.offset`, message: 'must not be negative: after_trigger actions run after the trigger' });
	}
	return issues;
}

function actionIssues(action: RuleAction, path: string, rule: RuleDefinition, fields: FieldChecker | null, issues: RuleIssue[]): void {
	const { timing } = action;
	issues.push(...standaloneActionIssues(action, path));
	if (timing.type !== 'instant' && action.type !== 'tag' && rule.trigger.type !== 'event') {
		issues.push({ path: `${path}.timing`, message: `${rule.trigger.type}-triggered rules take instant actions only` });
	}
	if (timing.type === 'relative_to_field') fields?.isDate(`${path}.timing.field`, timing.field, 'a field-relative timing');

	if (action.type === 'update_fields') {
		const values = action.options.values as Record<string, unknown>;
		for (const field of Object.keys(values)) fields?.exists(`${path}.options.values.${field}`, field);
	}
}

/** Field checks against one collection, reporting into a shared issue list. */
class FieldChecker {
	constructor(
		private readonly collection: string,
		private readonly schema: SchemaInfo,
		private readonly issues: RuleIssue[],
	) {}

	/** The field's type, or null (and an issue) when the collection has no such field. */
	exists(path: string, field: string): string | null {
		const type = this.schema.fieldType(this.collection, field);
		if (type === null) this.issues.push({ path, message: `unknown field ${quote(field)} in collection ${quote(this.collection)}` });
		return type;
	}

	isDate(path: string, field: string, use: string): void {
		const type = this.exists(path, field);
		if (type !== null && !(DATE_TYPES as readonly string[]).includes(type)) {
			this.issues.push({ path, message: `field ${quote(field)} is of type ${type}; ${use} needs a ${DATE_TYPES.slice(0, -1).join(', ')} or ${DATE_TYPES[DATE_TYPES.length - 1]} field` });
		}
	}
}

function quote(text: string): string {
	return JSON.stringify(text);
}
