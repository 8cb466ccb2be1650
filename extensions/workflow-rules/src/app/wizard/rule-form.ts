/**
 * The wizard's form state and the rule JSON of SPEC §3, both ways: a stored rule opens in the
 * wizard's steps, and the steps save exactly what `POST /items/workflow_rules` accepts. No Vue here.
 */
import type { Execution, Filter, Recurrence, RuleStatus } from '../../core/rule/rule-types.js';
import { offsetFromParts, partsFromOffset, type OffsetDirection, type OffsetUnit } from '../timing/offset.js';
import { cronFromSchedule, DEFAULT_SCHEDULE, scheduleFromCron, type ScheduleParts } from './schedule.js';

export type TriggerType = 'event' | 'date' | 'schedule';
export type WizardAction = Record<string, unknown>;

export interface RuleForm {
	collection: string | null;
	name: string;
	description: string;
	status: RuleStatus;
	triggerType: TriggerType;
	/** event trigger */
	events: string[];
	fields: string[];
	/** date trigger */
	dateField: string | null;
	/** `on` = at the field's value itself */
	dateDirection: OffsetDirection | 'on';
	dateAmount: number;
	dateUnit: OffsetUnit;
	/** an offset no single unit states (`P1M2D`), kept as it was */
	dateOffsetRaw: string | null;
	dateTime: string;
	recurrence: Recurrence;
	/** schedule trigger */
	schedule: ScheduleParts;
	/** which records */
	filterAll: boolean;
	conditions: Filter | null;
	usePrevious: boolean;
	previousConditions: Filter | null;
	execution: Execution;
	actions: WizardAction[];
	sort: number | null;
}

export function emptyForm(collection: string | null = null): RuleForm {
	return {
		collection,
		name: '',
		description: '',
		status: 'active',
		triggerType: 'event',
		events: [],
		fields: [],
		dateField: null,
		dateDirection: 'before',
		dateAmount: 1,
		dateUnit: 'days',
		dateOffsetRaw: null,
		dateTime: '',
		recurrence: 'none',
		schedule: { ...DEFAULT_SCHEDULE },
		filterAll: true,
		conditions: null,
		usePrevious: false,
		previousConditions: null,
		execution: 'every_time',
		actions: [],
		sort: null,
	};
}

function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function isFilter(value: unknown): value is Filter {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

/** A stored rule (as the API returns it, JSON columns possibly as text) opened in the wizard. */
export function formFromRule(stored: Record<string, unknown>): RuleForm {
	const form = emptyForm(typeof stored['collection'] === 'string' ? stored['collection'] : null);
	form.name = String(stored['name'] ?? '');
	form.description = String(stored['description'] ?? '');
	form.status = stored['status'] === 'inactive' ? 'inactive' : 'active';
	form.execution = (['every_time', 'first_time', 'on_change'] as const).find((value) => value === stored['execution']) ?? 'every_time';
	form.sort = typeof stored['sort'] === 'number' ? stored['sort'] : null;

	const trigger = (parseJson(stored['trigger']) ?? {}) as Record<string, unknown>;
	if (trigger['type'] === 'date') {
		form.triggerType = 'date';
		form.dateField = typeof trigger['field'] === 'string' ? trigger['field'] : null;
		form.dateTime = typeof trigger['time'] === 'string' ? trigger['time'] : '';
		form.recurrence = (['monthly', 'yearly'] as const).find((value) => value === trigger['recurrence']) ?? 'none';
		const offset = typeof trigger['offset'] === 'string' ? trigger['offset'] : null;
		const parts = partsFromOffset(offset);
		if (!parts) {
			form.dateOffsetRaw = offset;
		} else if (parts.amount === 0) {
			form.dateDirection = 'on';
		} else {
			form.dateDirection = parts.direction;
			form.dateAmount = parts.amount;
			form.dateUnit = parts.unit;
		}
	} else if (trigger['type'] === 'schedule') {
		form.triggerType = 'schedule';
		form.schedule = scheduleFromCron(String(trigger['cron'] ?? ''));
	} else {
		form.triggerType = 'event';
		form.events = Array.isArray(trigger['events']) ? trigger['events'].map(String) : [];
		form.fields = Array.isArray(trigger['fields']) ? trigger['fields'].map(String) : [];
	}

	const conditions = parseJson(stored['conditions']);
	form.filterAll = !isFilter(conditions);
	form.conditions = isFilter(conditions) ? conditions : null;
	const previous = parseJson(stored['previous_conditions']);
	form.usePrevious = isFilter(previous);
	form.previousConditions = isFilter(previous) ? previous : null;

	const actions = parseJson(stored['actions']);
	form.actions = Array.isArray(actions) ? (actions as WizardAction[]) : [];
	return form;
}

/** The date trigger's offset as the rule stores it. */
export function dateOffset(form: RuleForm): string | null {
	if (form.dateOffsetRaw !== null) return form.dateOffsetRaw;
	if (form.dateDirection === 'on') return null;
	return offsetFromParts({ direction: form.dateDirection, amount: form.dateAmount, unit: form.dateUnit });
}

export function triggerFromForm(form: RuleForm): Record<string, unknown> {
	if (form.triggerType === 'date') {
		const trigger: Record<string, unknown> = { type: 'date', field: form.dateField ?? '' };
		const offset = dateOffset(form);
		if (offset) trigger['offset'] = offset;
		if (form.dateTime) trigger['time'] = form.dateTime;
		trigger['recurrence'] = form.recurrence;
		return trigger;
	}
	if (form.triggerType === 'schedule') return { type: 'schedule', cron: cronFromSchedule(form.schedule) };
	const trigger: Record<string, unknown> = { type: 'event', events: [...form.events] };
	const narrowed = form.events.some((event) => NARROWABLE_EVENTS.includes(event));
	if (narrowed && form.fields.length > 0) trigger['fields'] = [...form.fields];
	return trigger;
}

/** Events that `trigger.fields` narrows (core/events/detect-events.ts FIELD_NARROWED_EVENTS). */
export const NARROWABLE_EVENTS: readonly string[] = ['modified', 'updated'];

/**
 * The rule JSON to save. `previous_conditions` is written only when used, or as null when
 * `clearPrevious` (an edited rule that had some and no longer does).
 */
export function ruleFromForm(form: RuleForm, options: { clearPrevious?: boolean } = {}): Record<string, unknown> {
	const rule: Record<string, unknown> = {
		name: form.name.trim(),
		description: form.description.trim() ? form.description : null,
		status: form.status,
		collection: form.collection ?? '',
		trigger: triggerFromForm(form),
		conditions: form.filterAll ? null : (form.conditions ?? null),
	};
	if (form.usePrevious && form.previousConditions) rule['previous_conditions'] = form.previousConditions;
	else if (options.clearPrevious) rule['previous_conditions'] = null;
	rule['execution'] = form.execution;
	rule['actions'] = form.actions;
	if (form.sort !== null) rule['sort'] = form.sort;
	return rule;
}

export const STEP_IDS = ['details', 'when', 'which', 'actions', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The step that holds the field an API error path names (`actions[1].options.url` → actions). */
export function stepOfPath(path: string): StepId {
	const root = path.split(/[.[]/)[0] ?? '';
	if (['collection', 'name', 'description'].includes(root)) return 'details';
	if (root === 'trigger') return 'when';
	if (['conditions', 'previous_conditions', 'execution'].includes(root)) return 'which';
	if (root === 'actions') return 'actions';
	return 'review';
}

/** What the wizard's own checks find before asking the API, keyed by rule path. */
export function localProblems(form: RuleForm): Record<string, string> {
	const problems: Record<string, string> = {};
	if (!form.collection) problems['collection'] = 'required';
	if (!form.name.trim()) problems['name'] = 'required';
	if (form.triggerType === 'event' && form.events.length === 0) problems['trigger.events'] = 'choose_event';
	if (form.triggerType === 'date' && !form.dateField) problems['trigger.field'] = 'required';
	if (form.triggerType === 'date' && form.dateOffsetRaw === null && form.dateDirection !== 'on' && !(Number.isInteger(Number(form.dateAmount)) && Number(form.dateAmount) > 0)) {
		problems['trigger.offset'] = 'positive_amount';
	}
	if (form.triggerType === 'schedule' && !cronFromSchedule(form.schedule)) problems['trigger.cron'] = 'required';
	return problems;
}

export interface ApiError {
	message?: string;
	extensions?: { code?: string; path?: string; problem?: string; field?: string };
}

/** API errors (`errors[]` of a 400) by the rule path they name; those without a path under `''`. */
export function errorsByPath(errors: readonly ApiError[]): Record<string, string> {
	const byPath: Record<string, string> = {};
	for (const error of errors) {
		const path = error.extensions?.path ?? error.extensions?.field ?? '';
		const message = error.extensions?.problem ?? stripPath(error.message ?? '', path);
		byPath[path] = byPath[path] ? `${byPath[path]}; ${message}` : message;
	}
	return byPath;
}

function stripPath(message: string, path: string): string {
	return path && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** The errors under one root (`actions` → `actions[0].options.url`…). */
export function errorsUnder(errors: Record<string, string>, root: string): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).filter(([path]) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`)));
}

/**
 * The errors still standing once the user edits the rule: an error goes as soon as the top-level
 * part it is about changes. Errors under `actions` are the actions editor's to clear (per option,
 * following moved and removed actions), so they are left as they are.
 */
export function errorsStillStanding(errors: Record<string, string>, before: Record<string, unknown>, after: Record<string, unknown>): Record<string, string> {
	const root = (path: string) => path.split(/[.[]/)[0] ?? '';
	const unchanged = (path: string) => JSON.stringify(before[root(path)]) === JSON.stringify(after[root(path)]);
	return Object.fromEntries(Object.entries(errors).filter(([path]) => path === '' || root(path) === 'actions' || unchanged(path)));
}

/** Collections listed CRM first (their usual order), then the others by name. */
export const CRM_COLLECTIONS = ['appointments', 'calls', 'services', 'contacts', 'accounts', 'leads', 'deals', 'tasks', 'worksheets'] as const;

export function orderCollections<T extends { collection: string }>(collections: readonly T[]): T[] {
	const rank = (name: string) => {
		const index = (CRM_COLLECTIONS as readonly string[]).indexOf(name);
		return index < 0 ? CRM_COLLECTIONS.length : index;
	};
	return [...collections].sort((a, b) => rank(a.collection) - rank(b.collection) || a.collection.localeCompare(b.collection));
}

/** A stable text of the form, to tell whether anything changed since it was loaded or saved. */
export function formSignature(form: RuleForm): string {
	return JSON.stringify(ruleFromForm(form));
}

export { type ScheduleParts };
