/**
 * The rule JSON of SPEC §3, exactly as `POST /items/workflow_rules` accepts it. Validation
 * (rule-schema.ts) is the single source of truth for what is allowed; these types describe the
 * shape a validated rule has.
 */

/** A Directus filter object (the API's `filter` syntax, relational paths included). */
export type Filter = Record<string, unknown>;

export type RuleStatus = 'active' | 'inactive';
export type Execution = 'every_time' | 'first_time' | 'on_change';
export type Recurrence = 'none' | 'monthly' | 'yearly';

export interface EventTrigger {
	type: 'event';
	events: string[];
	/** Narrows `modified` / `updated` to changes of these fields. */
	fields?: string[] | null;
}

export interface DateTrigger {
	type: 'date';
	field: string;
	/** ISO 8601 duration, negative = before the field's value. */
	offset?: string | null;
	/** HH:MM in the CRM time zone, for date-only fields. */
	time?: string | null;
	recurrence?: Recurrence | null;
}

export interface ScheduleTrigger {
	type: 'schedule';
	cron: string;
}

export type Trigger = EventTrigger | DateTrigger | ScheduleTrigger;

export type Timing =
	| { type: 'instant' }
	| { type: 'after_trigger'; offset: string }
	| { type: 'relative_to_field'; field: string; offset: string };

export const ACTION_TYPES = ['email', 'webhook', 'update_fields', 'tag', 'create_task', 'run_flow'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface RuleAction {
	type: ActionType;
	timing: Timing;
	options: Record<string, unknown>;
	/** Optional label shown in run logs. */
	name?: string | null;
	/** The saved action it is, when the rule associates one (`{ "use": id }`): resolved when the rule is read. */
	use?: string | null;
}

export interface RuleDefinition {
	name: string;
	description?: string | null;
	status: RuleStatus;
	collection: string;
	trigger: Trigger;
	conditions: Filter | null;
	previous_conditions?: Filter | null;
	execution: Execution;
	actions: RuleAction[];
	sort?: number | null;
}

/** A stored rule. */
export interface Rule extends RuleDefinition {
	id: string;
	/** Evaluations that do not match are logged until then (ISO); see logsEveryEvaluation. */
	trace_until?: string | null;
}

/** One problem found in a rule, at a JSON path such as `actions[1].options.url`. */
export interface RuleIssue {
	path: string;
	message: string;
}
