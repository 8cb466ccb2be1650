import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { readCrmSettings } from '../catalogue/crm-settings.js';
import { evaluateRule, type RuleTrace } from '../../core/engine/evaluate-rule.js';
import { evaluationContext, type EvaluationContext } from '../../core/engine/evaluation-context.js';
import { fieldsUsedBy } from '../../core/engine/needed-fields.js';
import { planAction, timingLabel, type ActionPlan } from '../../core/engine/plan-actions.js';
import { eventsHeardBy } from '../../core/engine/rule-events.js';
import { eventNames, eventWriteKind, type RecordChange } from '../../core/events/index.js';
import { redactRuleSecrets } from '../../core/rule/redact-secrets.js';
import type { DateTrigger, Rule, RuleDefinition, ScheduleTrigger } from '../../core/rule/rule-types.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { previewGate } from '../engine/execution-gate.js';
import type { Item, ItemsServiceClass } from '../engine/record-reader.js';
import { primaryKeyOf } from './schema-info-adapter.js';
import { RULES_TABLE } from './rule-cache.js';
import { withSavedActions } from '../actions/saved-actions.js';
import { assertMayReadSavedActions } from '../actions/saved-action-access.js';
import { ruleFromRow } from './rule-row.js';
import { assertValidRule } from './validate-rule-write.js';
import { dateColumn } from '../triggers/date-tick.js';
import { dryRunChange } from './dry-run-change.js';
import { nextDateOccurrence, nextScheduleOccurrence } from './dry-run-occurrence.js';

export interface DryRunRequest {
	rule?: unknown;
	rule_id?: unknown;
	item?: unknown;
	event?: unknown;
	previous?: unknown;
}

export interface DryRunResult {
	rule: RuleDefinition;
	/** The record event tried, or `date` / `schedule` for rules those triggers fire (as their runs name it). */
	event: string;
	item: string;
	/**
	 * Whether the trigger fires for this record: it listens to the event (its `fields` included),
	 * or, for date and schedule triggers, it has an occurrence to come.
	 */
	listens: boolean;
	/** When a date or schedule trigger next fires for the record (ISO); null for record events, or when it will not. */
	occurrence: string | null;
	/** Why a date or schedule trigger has no occurrence to come for the record. */
	occurrence_reason?: string;
	/** The CRM time zone the occurrence and the due times are counted in. */
	time_zone: string;
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
 * Evaluates a saved or posted rule against one item with the engine's own evaluation, and lists
 * the actions it would plan. A record-event rule is tried on one event (`previous` values stand
 * for the record before an update); a date or schedule rule on its next occurrence for the record,
 * evaluated as its tick would: as the system, `$NOW` being the occurrence. The item is read with
 * the caller's permissions (a 403 or 404 exactly as `GET /items` would answer). Reads only: no
 * run, no job, no rule state is written.
 */
export async function dryRun(body: DryRunRequest, deps: DryRunDeps, now = new Date()): Promise<DryRunResult> {
	const rule = await resolveRule(body, deps);
	if (body.item === undefined || body.item === null || body.item === '' || typeof body.item === 'object') throw new BadRequestError({ field: 'item', problem: 'the key of the item to test against is required' });
	const item = String(body.item);
	if (body.previous !== undefined && body.previous !== null && (typeof body.previous !== 'object' || Array.isArray(body.previous))) throw new BadRequestError({ field: 'previous', problem: 'must be an object of field values' });
	const previous = (body.previous as Item | null | undefined) ?? null;
	const trigger = rule.trigger;
	const event = triedEvent(rule, body.event);

	const primaryKey = primaryKeyOf(deps.schema, rule.collection);
	const service = new deps.ItemsService(rule.collection, { schema: deps.schema, accountability: deps.accountability, knex: deps.knex });
	const fields = [primaryKey, ...fieldsUsedBy(rule), ...(trigger.type === 'date' ? [trigger.field] : [])];
	const record = await service.readOne(item, { fields: [...new Set(fields)] });
	if (!record) throw new NotFoundError({ what: `item "${item}" of ${rule.collection}` });

	const { timezone } = await readCrmSettings(deps.knex);
	const tried = trigger.type === 'event' ? onEvent(rule, event, record, previous, deps.accountability, now, timezone) : onOccurrence(rule, trigger, record, deps.schema, now, timezone);
	const { listens, change, context } = tried;
	const { matched, matchedBefore, trace } = evaluateRule(rule, change, context);
	const gate = 'id' in rule && rule.id ? await previewGate(deps.knex, { rule: rule as Rule, collection: rule.collection, item, matched, matchedBefore }) : { fire: matched };
	const fires = listens && gate.fire;

	return {
		rule: redactRuleSecrets(rule),
		event,
		item,
		listens,
		occurrence: tried.occurrence?.toISOString() ?? null,
		...(tried.occurrenceReason ? { occurrence_reason: tried.occurrenceReason } : {}),
		time_zone: timezone,
		matched,
		...(matched && !gate.fire && gate.reason ? { gate: gate.reason } : {}),
		trace,
		actions: rule.actions.map((action, index) => {
			// Due times count from the firing: the write (now), or the trigger's occurrence; none without one.
			const plan: ActionPlan = tried.firesAt ? planAction(action, record, tried.firesAt, context.timeZone) : { dueAt: null };
			const reason = !listens ? tried.notListening : !matched ? 'the conditions do not hold' : !gate.fire ? gate.reason : plan.skip;
			return { index, type: action.type, timing: timingLabel(action), due_at: plan.dueAt?.toISOString() ?? null, would_run: fires && !!plan.dueAt, ...(reason ? { reason } : {}) };
		}),
		record,
	};
}

interface Tried {
	listens: boolean;
	/** Why the trigger does not fire, for the actions that would not run. */
	notListening: string;
	change: Pick<RecordChange, 'before' | 'after'>;
	context: EvaluationContext;
	/** When the rule would fire: now for a record event, the occurrence for a date or schedule trigger. */
	firesAt: Date | null;
	occurrence: Date | null;
	occurrenceReason?: string;
}

/** The event to try: one of the collection's record events for an event trigger, the trigger's own type otherwise. */
function triedEvent(rule: RuleDefinition, asked: unknown): string {
	const trigger = rule.trigger;
	if (trigger.type !== 'event') {
		if (asked === undefined || asked === null || asked === '' || asked === trigger.type) return trigger.type;
		throw new BadRequestError({ field: 'event', problem: `a ${trigger.type}-triggered rule is tried on its next occurrence, not on a record event: leave event out` });
	}
	const events = eventNames(rule.collection);
	const event = typeof asked === 'string' ? asked : trigger.events[0];
	if (!event || !events.includes(event)) throw new BadRequestError({ field: 'event', problem: `must be one of ${events.join(', ')}` });
	return event;
}

/** A record event, as a write by the caller: the record after it, and before it with the previous values over it. */
function onEvent(rule: RuleDefinition, event: string, record: Item, previous: Item | null, accountability: Accountability, now: Date, timeZone: string): Tried {
	const change = dryRunChange(eventWriteKind(rule.collection, event), record, previous);
	const context = evaluationContext({ now, userId: accountability.user ?? null, roleId: accountability.role ?? null, timeZone });
	return { listens: eventsHeardBy(rule, [event], change).length > 0, notListening: `the trigger does not listen to "${event}"`, change, context, firesAt: now, occurrence: null };
}

/** The trigger's next occurrence for the record, evaluated as the ticks do (fire-on-record.ts): no before state, as the system, at that instant. */
function onOccurrence(rule: RuleDefinition, trigger: DateTrigger | ScheduleTrigger, record: Item, schema: SchemaOverview, now: Date, timeZone: string): Tried {
	const clock = { now, timeZone };
	const next = trigger.type === 'date' ? nextDateOccurrence(trigger, record, dateColumn({ schema }, rule, trigger)?.dateOnly ?? null, clock) : nextScheduleOccurrence(trigger, clock);
	return {
		listens: next.at !== null,
		notListening: `the trigger has no occurrence to come for this record: ${next.reason ?? 'none'}`,
		change: { before: null, after: record },
		context: evaluationContext({ now: next.at ?? now, timeZone }),
		firesAt: next.at,
		occurrence: next.at,
		...(next.reason ? { occurrenceReason: next.reason } : {}),
	};
}

/**
 * A posted rule, or a saved one read with the caller's permissions (as `GET /items/workflow_rules/:id`
 * would). Both together are the wizard's draft of a saved rule: the draft is evaluated, through the
 * saved rule's execution memory (first time, each time it becomes true) so the gate answers as it
 * would once the draft is saved.
 */
async function resolveRule(body: DryRunRequest, deps: DryRunDeps): Promise<Rule | (RuleDefinition & { id?: string })> {
	const saved = typeof body.rule_id === 'string' && body.rule_id ? await readSavedRule(body.rule_id, deps) : null;
	if (body.rule && typeof body.rule === 'object') {
		await assertMayReadSavedActions((body.rule as Record<string, unknown>)['actions'], deps.ItemsService, deps.schema, deps.accountability);
		const draft = await assertValidRule(body.rule as Record<string, unknown>, deps.schema, deps.knex);
		return saved ? { ...draft, id: saved.id } : draft;
	}
	if (saved) {
		await assertMayReadSavedActions(saved.actions, deps.ItemsService, deps.schema, deps.accountability);
		return withSavedActions(deps.knex, saved);
	}
	throw new BadRequestError({ field: 'rule', problem: 'post a rule object, or a rule_id of a saved rule' });
}

async function readSavedRule(id: string, deps: DryRunDeps): Promise<Rule> {
	// Whether a rule exists is no secret to an admin: a 404 then, rather than Directus' 403.
	if (deps.accountability.admin && !(await deps.knex(RULES_TABLE).where('id', id).first('id'))) throw new NotFoundError({ what: `rule "${id}"` });
	const row = await new deps.ItemsService(RULES_TABLE, { schema: deps.schema, accountability: deps.accountability, knex: deps.knex }).readOne(id, { fields: ['*'] });
	if (!row) throw new NotFoundError({ what: `rule "${id}"` });
	return ruleFromRow(row);
}
