import type { SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { templateFields } from '../../core/actions/template-fields.js';
import { evaluateFilter, filterFields, type ConditionTrace } from '../../core/conditions/index.js';
import { eventNames } from '../../core/events/index.js';
import type { Rule, RuleDefinition } from '../../core/rule/rule-types.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { planAction, timingLabel } from '../engine/plan-actions.js';
import { readRecords, type Item, type ItemsServiceClass } from '../engine/record-reader.js';
import { RULES_TABLE } from './rule-cache.js';
import { ruleFromRow } from './rule-row.js';
import { assertValidRule } from './validate-rule-write.js';

export interface DryRunRequest {
	rule?: unknown;
	rule_id?: unknown;
	item?: unknown;
	event?: unknown;
	previous?: unknown;
}

export interface DryRunResult {
	rule: RuleDefinition;
	event: string;
	item: string;
	/** Whether the rule's trigger listens to this event. */
	listens: boolean;
	matched: boolean;
	trace: { conditions: ConditionTrace | null; previous_conditions?: ConditionTrace | null };
	actions: { index: number; type: string; timing: string; due_at: string | null; would_run: boolean; reason?: string }[];
	record: Item;
}

/**
 * Evaluates a saved or posted rule against one item and event, exactly as the engine would, and
 * lists the actions it would plan. Reads only: no run, no job, no rule state is written.
 */
export async function dryRun(body: DryRunRequest, deps: { knex: Knex; schema: SchemaOverview; ItemsService: ItemsServiceClass }, now = new Date()): Promise<DryRunResult> {
	const rule = await resolveRule(body, deps);
	if (body.item === undefined || body.item === null || body.item === '') throw new BadRequestError({ field: 'item', problem: 'the key of the item to test against is required' });
	const item = String(body.item);

	const events = eventNames(rule.collection);
	const event = typeof body.event === 'string' ? body.event : rule.trigger.type === 'event' ? rule.trigger.events[0] : undefined;
	if (!event || !events.includes(event)) throw new BadRequestError({ field: 'event', problem: `must be one of ${events.join(', ')}` });

	const fields = [...filterFields(rule.conditions), ...rule.actions.flatMap((action) => templateFields(action.options))].filter((path) => path.includes('.'));
	const record = (await readRecords(deps.ItemsService, deps.schema, rule.collection, [item], fields)).get(item);
	if (!record) throw new NotFoundError({ what: `item "${item}" of ${rule.collection}` });

	const previous = body.previous && typeof body.previous === 'object' ? { ...record, ...(body.previous as Item) } : null;
	const current = evaluateFilter(rule.conditions, record, { now });
	const before = rule.previous_conditions ? (previous ? evaluateFilter(rule.previous_conditions, previous, { now }) : { result: false, trace: null }) : null;
	const listens = rule.trigger.type === 'event' && rule.trigger.events.includes(event);
	const matched = current.result && (before?.result ?? true);

	return {
		rule,
		event,
		item,
		listens,
		matched,
		trace: { conditions: current.trace, ...(before ? { previous_conditions: before.trace } : {}) },
		actions: rule.actions.map((action, index) => {
			const plan = planAction(action, record, now);
			const reason = !listens ? `the trigger does not listen to "${event}"` : !matched ? 'the conditions do not hold' : plan.skip;
			return { index, type: action.type, timing: timingLabel(action), due_at: plan.dueAt?.toISOString() ?? null, would_run: listens && matched && !!plan.dueAt, ...(reason ? { reason } : {}) };
		}),
		record,
	};
}

async function resolveRule(body: DryRunRequest, deps: { knex: Knex; schema: SchemaOverview }): Promise<Rule | (RuleDefinition & { id?: string })> {
	if (body.rule && typeof body.rule === 'object') return assertValidRule(body.rule as Record<string, unknown>, deps.schema);
	if (typeof body.rule_id === 'string' && body.rule_id) {
		const row = await deps.knex(RULES_TABLE).where('id', body.rule_id).first();
		if (!row) throw new NotFoundError({ what: `rule "${body.rule_id}"` });
		return ruleFromRow(row);
	}
	throw new BadRequestError({ field: 'rule', problem: 'post a rule object, or a rule_id of a saved rule' });
}
