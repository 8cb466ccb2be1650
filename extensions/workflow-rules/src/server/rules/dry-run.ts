import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { readCrmSettings } from '../catalogue/crm-settings.js';
import { evaluateRule, type RuleTrace } from '../../core/engine/evaluate-rule.js';
import { evaluationContext } from '../../core/engine/evaluation-context.js';
import { fieldsUsedBy } from '../../core/engine/needed-fields.js';
import { planAction, timingLabel } from '../../core/engine/plan-actions.js';
import { eventsHeardBy } from '../../core/engine/rule-events.js';
import { eventNames, type RecordChange } from '../../core/events/index.js';
import { redactRuleSecrets } from '../../core/rule/redact-secrets.js';
import type { Rule, RuleDefinition } from '../../core/rule/rule-types.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { previewGate } from '../engine/execution-gate.js';
import type { Item, ItemsServiceClass } from '../engine/record-reader.js';
import { primaryKeyOf } from './schema-info-adapter.js';
import { RULES_TABLE } from './rule-cache.js';
import { withSavedActions } from '../actions/saved-actions.js';
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
	/** Whether the rule's trigger listens to this event (its `fields` included). */
	listens: boolean;
	matched: boolean;
	/** Why a matching rule would not fire (execution mode). */
	gate?: string;
	/** Always built: the dry run is for reading it. */
	trace: RuleTrace | null;
	actions: { index: number; type: string; timing: string; due_at: string | null; would_run: boolean; reason?: string }[];
	/** The item as the caller may read it, with only the fields the rule uses. */
	record: Item;
}

export interface DryRunDeps {
	knex: Knex;
	schema: SchemaOverview;
	ItemsService: ItemsServiceClass;
	accountability: Accountability;
}

/**
 * Evaluates a saved or posted rule against one item and event with the engine's own evaluation,
 * and lists the actions it would plan. The item is read with the caller's permissions (a 403 or
 * 404 exactly as `GET /items` would answer). Reads only: no run, no job, no rule state is written.
 */
export async function dryRun(body: DryRunRequest, deps: DryRunDeps, now = new Date()): Promise<DryRunResult> {
	const rule = await resolveRule(body, deps);
	if (body.item === undefined || body.item === null || body.item === '' || typeof body.item === 'object') throw new BadRequestError({ field: 'item', problem: 'the key of the item to test against is required' });
	const item = String(body.item);
	if (body.previous !== undefined && body.previous !== null && (typeof body.previous !== 'object' || Array.isArray(body.previous))) throw new BadRequestError({ field: 'previous', problem: 'must be an object of field values' });

	const events = eventNames(rule.collection);
	const event = typeof body.event === 'string' ? body.event : rule.trigger.type === 'event' ? rule.trigger.events[0] : undefined;
	if (!event || !events.includes(event)) throw new BadRequestError({ field: 'event', problem: `must be one of ${events.join(', ')}` });

	const primaryKey = primaryKeyOf(deps.schema, rule.collection);
	const service = new deps.ItemsService(rule.collection, { schema: deps.schema, accountability: deps.accountability, knex: deps.knex });
	const record = await service.readOne(item, { fields: [...new Set([primaryKey, ...fieldsUsedBy(rule)])] });
	if (!record) throw new NotFoundError({ what: `item "${item}" of ${rule.collection}` });

	const previous = body.previous ? { ...record, ...(body.previous as Item) } : null;
	const kind: RecordChange['kind'] = event === 'created' ? 'create' : event === 'deleted' ? 'delete' : 'update';
	const change: RecordChange = { kind, before: kind === 'create' ? null : previous, after: kind === 'delete' ? null : record, written: body.previous ? Object.keys(body.previous) : [] };
	if (kind === 'delete') change.before = previous ?? record;

	const { timezone } = await readCrmSettings(deps.knex);
	const context = evaluationContext({ now, userId: deps.accountability.user ?? null, roleId: deps.accountability.role ?? null, timeZone: timezone });
	const listens = eventsHeardBy(rule, [event], change).length > 0;
	const { matched, matchedBefore, trace } = evaluateRule(rule, change, context);
	const gate = 'id' in rule && rule.id ? await previewGate(deps.knex, { rule: rule as Rule, collection: rule.collection, item, matched, matchedBefore }) : { fire: matched };
	const fires = listens && gate.fire;

	return {
		rule: redactRuleSecrets(rule),
		event,
		item,
		listens,
		matched,
		...(matched && !gate.fire && gate.reason ? { gate: gate.reason } : {}),
		trace,
		actions: rule.actions.map((action, index) => {
			const plan = planAction(action, record, now, context.timeZone);
			const reason = !listens ? `the trigger does not listen to "${event}"` : !matched ? 'the conditions do not hold' : !gate.fire ? gate.reason : plan.skip;
			return { index, type: action.type, timing: timingLabel(action), due_at: plan.dueAt?.toISOString() ?? null, would_run: fires && !!plan.dueAt, ...(reason ? { reason } : {}) };
		}),
		record,
	};
}

/** A posted rule, or a saved one read with the caller's permissions (as `GET /items/workflow_rules/:id` would). */
async function resolveRule(body: DryRunRequest, deps: DryRunDeps): Promise<Rule | (RuleDefinition & { id?: string })> {
	if (body.rule && typeof body.rule === 'object') return assertValidRule(body.rule as Record<string, unknown>, deps.schema, deps.knex);
	if (typeof body.rule_id === 'string' && body.rule_id) {
		// Whether a rule exists is no secret to an admin: a 404 then, rather than Directus' 403.
		if (deps.accountability.admin && !(await deps.knex(RULES_TABLE).where('id', body.rule_id).first('id'))) throw new NotFoundError({ what: `rule "${body.rule_id}"` });
		const row = await new deps.ItemsService(RULES_TABLE, { schema: deps.schema, accountability: deps.accountability, knex: deps.knex }).readOne(body.rule_id, { fields: ['*'] });
		if (!row) throw new NotFoundError({ what: `rule "${body.rule_id}"` });
		return withSavedActions(deps.knex, ruleFromRow(row));
	}
	throw new BadRequestError({ field: 'rule', problem: 'post a rule object, or a rule_id of a saved rule' });
}
