/**
 * The rule engine's collections (SPEC §3 and §6): rules as items, one run row per evaluation,
 * per-record rule state for the execution modes, and the durable job table.
 */
import { boolean, choice, code, collectionName, filter, integer, integerKey, json, oneToMany, text, textKey, timestamp, timestamps, uniqueKey, uuidKey } from './field-kit.js';
import { COLORS, Plan } from './plan.js';

const RULE_TEMPLATE = JSON.stringify({ type: 'event', events: ['created'] }, null, 2);

export function workflowSchema(plan: Plan): void {
	plan.collection('workflow_rules', { icon: 'account_tree', display_template: '{{name}}', sort_field: 'sort', note: 'Workflow rules: when a record event or date occurs and conditions hold, run actions' }, (c) => c.add(
		uuidKey(),
		choice('status', [['active', 'Active'], ['inactive', 'Inactive']], { required: true, default: 'active', index: true, colors: { active: COLORS.green, inactive: COLORS.grey } }),
		text('name', { required: true }),
		text('description', { multiline: true }),
		collectionName('collection', { required: true, index: true, note: 'The module the rule applies to' }),
		choice('execution', [['every_time', 'Every time'], ['first_time', 'Only the first time'], ['on_change', 'When the conditions become true']], { required: true, default: 'every_time' }),
		code('trigger', { required: true, note: 'When: record events, a date field, or a schedule', template: RULE_TEMPLATE }),
		filter('conditions', 'collection', { note: 'Which records: empty means all records' }),
		filter('previous_conditions', 'collection', { note: 'Optional: the record must have matched this before the change (from → to)' }),
		code('actions', { required: true, note: 'Instant and scheduled actions' }),
		integer('sort', { hidden: true }),
		boolean('trace_evaluations', { label: 'Log every evaluation', note: 'Also log the evaluations that do not match, with their trace, for 24 hours' }),
		timestamp('trace_until', { readonly: true, note: 'Evaluations that do not match are logged until then' }),
		{ field: 'user_created', type: 'uuid', meta: { special: ['user-created'], interface: 'select-dropdown-m2o', readonly: true, hidden: true, width: 'half', display: 'user' }, schema: {} },
		...timestamps(),
	));

	plan.collection('workflow_actions', { icon: 'bolt', display_template: '{{name}} · {{type}}', note: 'Saved actions: defined once, associated to several rules ({ "use": id }); a change applies to every rule that uses it' }, (c) => c.add(
		uuidKey(),
		text('name', { required: true }),
		choice('type', [['email', 'Send email'], ['webhook', 'Call webhook'], ['update_fields', 'Update fields'], ['tag', 'Tag record'], ['create_task', 'Create task'], ['run_flow', 'Run Flow']], { required: true }),
		code('options', { required: true, note: 'The action’s options (SPEC §5)' }),
		code('timing', { note: 'Default timing of the rules that use it; a rule may set its own' }),
		text('description', { multiline: true }),
		...timestamps(),
	));

	plan.collection('workflow_runs', { icon: 'receipt_long', display_template: '{{event}} · {{collection}} {{item}}', sort_field: null, note: 'Rule evaluations that matched, were skipped, failed or were cut (and every evaluation while a rule logs them all): what was seen and what was planned' }, (c) => c
		.add(integerKey())
		.m2o('rule', 'workflow_rules', { template: '{{name}}', index: true, onDelete: 'SET NULL' })
		.add(
			choice('outcome', [['matched', 'Matched'], ['not_matched', 'Not matched'], ['skipped', 'Skipped'], ['depth_limit', 'Cascade cut'], ['error', 'Error']], { required: true, index: true, colors: { matched: COLORS.green, not_matched: COLORS.grey, skipped: COLORS.blue, depth_limit: COLORS.amber, error: COLORS.red } }),
			boolean('matched', { readonly: true }),
			text('collection', { readonly: true, index: true }),
			text('item', { readonly: true, index: true }),
			text('event', { readonly: true }),
			json('events', { readonly: true, note: 'Every event of the write the rule listened to: a rule fires once per write' }),
			integer('depth', { readonly: true, note: 'Cascade depth: 0 for a user write, n for a write made by a rule action' }),
			integer('duration_ms', { readonly: true, suffix: 'ms' }),
			text('message', { multiline: true, readonly: true, note: 'Why the run was skipped or cut, or the error' }),
			json('trace', { readonly: true, note: 'Each condition with the value it saw' }),
			json('actions', { readonly: true, note: 'The actions planned by this run' }),
			json('rule_snapshot', { readonly: true, note: 'The rule as it ran' }),
			oneToMany('jobs', { template: '{{action_type}} · {{status}}', readonly: true }),
			{ field: 'date_created', type: 'timestamp', meta: { special: ['date-created'], interface: 'datetime', readonly: true, width: 'half', display: 'datetime', display_options: { relative: true } }, schema: { is_indexed: true } },
		));

	plan.collection('workflow_usage', { icon: 'query_stats', hidden: true, note: 'Per rule and UTC day: how many evaluations, matches, skips and errors (what the usage report reads)' }, (c) => c.add(
		integerKey(),
		uniqueKey('key', { note: 'rule:day' }),
		text('rule', { readonly: true, index: true }),
		text('day', { readonly: true, index: true }),
		integer('evaluations', { default: 0, readonly: true }),
		integer('matched', { default: 0, readonly: true }),
		integer('not_matched', { default: 0, readonly: true }),
		integer('skipped', { default: 0, readonly: true }),
		integer('errors', { default: 0, readonly: true }),
		integer('cascade_cut', { default: 0, readonly: true }),
	));

	plan.collection('workflow_rule_state', { icon: 'flag', hidden: true, note: 'Per rule and record: first-time and on-change bookkeeping' }, (c) => c.add(
		integerKey(),
		uniqueKey('key', { note: 'mode:rule:collection:item' }),
		text('rule', { readonly: true, index: true }),
		text('collection', { readonly: true }),
		text('item', { readonly: true }),
		boolean('matched', { readonly: true }),
		timestamp('fired_at', { readonly: true }),
		...timestamps(),
	));

	plan.collection('workflow_intents', { icon: 'hourglass_top', hidden: true, note: 'Records of writes whose rule evaluation is still owed: recovered by the worker when a process died before storing it' }, (c) => c.add(
		textKey(),
		text('write_id', { readonly: true, index: true }),
		text('collection', { readonly: true }),
		text('item', { readonly: true, index: true }),
		text('kind', { readonly: true }),
		json('before', { readonly: true }),
		json('written', { readonly: true }),
		text('user', { readonly: true }),
		text('role', { readonly: true }),
		integer('depth', { default: 0, readonly: true }),
		text('locked_by', { readonly: true }),
		timestamp('locked_until', { readonly: true, index: true }),
		timestamp('date_created', { readonly: true }),
	));

	plan.collection('workflow_jobs', { icon: 'pending_actions', display_template: '{{action_type}} · {{status}}', note: 'Durable action jobs: due now or later, retried, leased to one instance' }, (c) => c
		.add(integerKey())
		.m2o('run', 'workflow_runs', { template: '{{event}}', type: 'integer', index: true, onDelete: 'SET NULL', oneField: 'jobs' })
		.m2o('rule', 'workflow_rules', { template: '{{name}}', index: true, onDelete: 'SET NULL' })
		.add(
			uniqueKey('idempotency_key', { note: 'rule:collection:item:occurrence:action — one job per action per event occurrence' }),
			choice('status', [['pending', 'Pending'], ['running', 'Running'], ['succeeded', 'Succeeded'], ['failed', 'Failed'], ['skipped', 'Skipped'], ['cancelled', 'Cancelled']], { required: true, default: 'pending', index: true, colors: { pending: COLORS.blue, running: COLORS.purple, succeeded: COLORS.green, failed: COLORS.red, skipped: COLORS.grey, cancelled: COLORS.grey } }),
			integer('action_index', { readonly: true }),
			text('action_type', { readonly: true }),
			text('timing', { readonly: true }),
			text('collection', { readonly: true, index: true }),
			text('item', { readonly: true, index: true }),
			text('event', { readonly: true }),
			timestamp('due_at', { required: true, index: true }),
			integer('attempts', { default: 0, readonly: true }),
			integer('max_attempts', { default: 5, readonly: true }),
			timestamp('locked_until', { readonly: true }),
			text('locked_by', { readonly: true }),
			integer('depth', { default: 0, readonly: true }),
			json('context', { readonly: true, note: 'Event, record key, previous values: what the action needs when it runs' }),
			json('result', { readonly: true }),
			text('last_error', { multiline: true, readonly: true }),
			text('error_class', { readonly: true, note: 'What failed last: timeout, connection, http, smtp, template, refused, …' }),
			integer('error_status', { readonly: true, note: 'The HTTP or SMTP status of the last failure, when the other side answered' }),
			timestamp('finished_at', { readonly: true }),
			...timestamps(),
		));
}
