/**
 * The rule's `actions` array (SPEC §3/§5) as the actions editor edits it: new actions with their
 * default options, client-side checks that reuse the core schemas (the API stays the judge), error
 * lookup by path, and the small list/record conversions the forms need.
 */
import { actionSchema, formatPath, issueMessage, timingSchema, toRuleIssues } from '../../core/rule/rule-schema';
import { standaloneActionIssues } from '../../core/rule/validate-rule';
import { ACTION_TYPES, type ActionType, type RuleAction } from '../../core/rule/rule-types';
import { allowedTimingModes, type TriggerType } from './timing-model';

export { ACTION_TYPES, type ActionType };

/** An entry of the editor: a full action, or a saved one associated by `{ use, timing }`. */
export type EditorAction = Record<string, unknown>;

export const ACTION_ICONS: Record<ActionType, string> = {
	email: 'mail',
	webhook: 'webhook',
	update_fields: 'edit_note',
	tag: 'sell',
	create_task: 'task_alt',
	run_flow: 'bolt',
};

export function defaultOptions(type: ActionType): Record<string, unknown> {
	switch (type) {
		case 'email':
			return { to: [], subject: '', body: '' };
		case 'webhook':
			return { url: '', method: 'POST' };
		case 'update_fields':
			return { values: {} };
		case 'tag':
			return { add: [] };
		case 'create_task':
			return { subject: '', owner: 'record_owner', due_in: 'P1D', priority: 'normal' };
		case 'run_flow':
			return { flow: '' };
	}
}

export function newAction(type: ActionType): EditorAction {
	return { type, timing: { type: 'instant' }, options: defaultOptions(type) };
}

/** A reference with no timing of its own: the saved action's timing applies until the rule sets one. */
export function savedReference(id: string): EditorAction {
	return { use: id };
}

/** `{ use, timing }` without a type: an associated saved action. */
export function isSavedReference(action: EditorAction): boolean {
	return typeof action['use'] === 'string' && !('type' in action);
}

export function actionTypeOf(action: EditorAction): ActionType | null {
	const type = action['type'];
	return (ACTION_TYPES as readonly unknown[]).includes(type) ? (type as ActionType) : null;
}

/**
 * What the client can tell before saving, keyed by path from the rule root
 * (`actions[1].options.url`): the core action schema, the timing rules of SPEC §3. Checks that need
 * the data model (field names, saved action ids) are left to the API.
 */
export function actionIssues(actions: readonly EditorAction[], triggerType: TriggerType): Record<string, string> {
	const found: Record<string, string> = {};
	const add = (path: string, message: string) => {
		if (!(path in found)) found[path] = message;
	};
	actions.forEach((action, index) => {
		const prefix = `actions[${index}]`;
		if (isSavedReference(action)) {
			if (action['timing'] === undefined) return;
			const timing = timingSchema.safeParse(action['timing'], { error: issueMessage });
			if (!timing.success) for (const issue of toRuleIssues(timing.error.issues, ['actions', index, 'timing'])) add(issue.path, issue.message);
		} else {
			const parsed = actionSchema.safeParse(action, { error: issueMessage });
			if (!parsed.success) {
				for (const issue of toRuleIssues(parsed.error.issues, ['actions', index])) add(issue.path, issue.message);
				return;
			}
			for (const issue of standaloneActionIssues(parsed.data as RuleAction, prefix)) add(issue.path, issue.message);
		}
		const timingType = String((action['timing'] as { type?: unknown } | undefined)?.type ?? 'instant');
		if (timingType !== 'instant' && !(allowedTimingModes(triggerType, actionTypeOf(action)) as string[]).includes(timingType)) {
			add(`${prefix}.timing`, triggerType !== 'event' ? `${triggerType}-triggered rules take instant actions only` : 'tag actions run instantly only');
		}
	});
	return found;
}

/** The message for one path, or for the nearest path above it that has one (`actions[0].options` for its `.add`). */
export function errorAt(errors: Record<string, string> | undefined, path: string): string | null {
	if (!errors) return null;
	return errors[path] ?? null;
}

/** Errors under a prefix that no shown field claims: shown on the card so none is lost. */
export function unclaimedErrors(errors: Record<string, string> | undefined, prefix: string, claimed: readonly string[]): [string, string][] {
	if (!errors) return [];
	return Object.entries(errors).filter(([path]) => (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) && !claimed.some((known) => path === known || path.startsWith(`${known}.`) || path.startsWith(`${known}[`)));
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
	if (to < 0 || to >= list.length || from === to) return [...list];
	const copy = [...list];
	const [item] = copy.splice(from, 1);
	copy.splice(to, 0, item as T);
	return copy;
}

/**
 * Errors keyed by path follow their action when actions move or go: API errors of an action
 * removed are dropped, those of the others are renumbered.
 */
export function reindexErrors(errors: Record<string, string>, order: readonly (number | null)[]): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [path, message] of Object.entries(errors)) {
		const match = /^actions\[(\d+)\](.*)$/.exec(path);
		if (!match) {
			result[path] = message;
			continue;
		}
		const next = order.indexOf(Number(match[1]));
		if (next >= 0) result[`actions[${next}]${match[2]}`] = message;
	}
	return result;
}

/** Recipients as the chips show them, whatever form the rule holds (text or list). */
export function recipientList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((entry) => entry.trim() !== '');
	if (typeof value === 'string' && value.trim() !== '') return [value];
	return [];
}

export interface Row {
	key: string;
	value: string;
}

export function recordToRows(value: unknown): Row[] {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
	return Object.entries(value as Record<string, unknown>).map(([key, entry]) => ({ key, value: typeof entry === 'string' ? entry : JSON.stringify(entry) }));
}

export function rowsToRecord(rows: readonly Row[], convert: (key: string, text: string) => unknown = (_key, text) => text): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	for (const row of rows) if (row.key.trim() !== '') record[row.key.trim()] = convert(row.key.trim(), row.value);
	return record;
}

/**
 * Field values from edited rows: a row whose text still reads as its stored value keeps that value
 * as it is (a number stays a number even before the field types load, the string "null" stays a
 * string); only rows the user changed are converted.
 */
export function rowsToValues(rows: readonly Row[], stored: Record<string, unknown> | null | undefined, convert: (key: string, text: string) => unknown): Record<string, unknown> {
	return rowsToRecord(rows, (key, text) => (stored && Object.hasOwn(stored, key) && valueText(stored[key]) === text ? stored[key] : convert(key, text)));
}

/**
 * A value typed for a field, as the API stores it: numbers and booleans for such fields, JSON for
 * json fields; Liquid (`{{ … }}`) and `$NOW…` stay text whatever the field (resolved when run).
 */
export function fieldValue(text: string, type: string | null | undefined): unknown {
	const trimmed = text.trim();
	if (trimmed.includes('{{') || trimmed.includes('{%') || trimmed.startsWith('$NOW')) return text;
	if (trimmed === '' ) return type && type !== 'string' && type !== 'text' ? null : '';
	if (trimmed === 'null') return null;
	switch (type) {
		case 'integer':
		case 'bigInteger':
		case 'float':
		case 'decimal':
			return Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
		case 'boolean':
			return trimmed === 'true' ? true : trimmed === 'false' ? false : text;
		case 'json':
			try {
				return JSON.parse(trimmed) as unknown;
			} catch {
				return text;
			}
		default:
			return text;
	}
}

/** The text a stored value shows in the field-value editor. */
export function valueText(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Options without the empty optional entries the forms leave (blank cc, no headers…). */
export function withoutEmpty(options: Record<string, unknown>, optional: readonly string[]): Record<string, unknown> {
	const copy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(options)) {
		const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
		if (empty && optional.includes(key)) continue;
		copy[key] = value;
	}
	return copy;
}

export { formatPath };
