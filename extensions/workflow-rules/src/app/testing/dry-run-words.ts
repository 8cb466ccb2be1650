/**
 * The answer of `POST /workflows/rules/test` (server/rules/dry-run.ts) in words: whether the rule
 * would fire, and why not; and what the record test sends: the previous values of an update.
 */
import { eventWriteKind } from '../../core/events/catalog';
import { filterFields } from '../../core/conditions/filter-fields';
import { fieldValue, rowsToRecord, type Row } from '../actions/action-model';

export interface DryRunAnswer {
	/** The record event tried, or `date` / `schedule` for rules those triggers fire. */
	event: string;
	item: string;
	listens: boolean;
	/** When a date or schedule trigger next fires for the record (ISO); null for record events or when it will not. */
	occurrence?: string | null;
	occurrence_reason?: string;
	/** The CRM time zone the occurrence and due times are counted in. */
	time_zone?: string;
	matched: boolean;
	gate?: string;
	trace: unknown;
	actions: { index: number; type: string; timing: string; due_at: string | null; would_run: boolean; reason?: string }[];
}

export type Verdict = 'fires' | 'fires_at' | 'not_listening' | 'no_occurrence' | 'no_match' | 'gated';

/** Triggers that fire on their own time rather than on a record event. */
export const TIMED_TRIGGERS = ['date', 'schedule'] as const;

export function isTimedEvent(event: string | null | undefined): boolean {
	return (TIMED_TRIGGERS as readonly (string | null | undefined)[]).includes(event);
}

/** The trigger type of a draft rule when it is a date or schedule trigger, null for record events. */
export function timedTriggerOf(rule: Record<string, unknown>): 'date' | 'schedule' | null {
	const type = (rule['trigger'] as { type?: unknown } | null | undefined)?.type;
	return type === 'date' || type === 'schedule' ? type : null;
}

export function verdictOf(answer: Pick<DryRunAnswer, 'listens' | 'matched' | 'gate'> & { event?: string }): Verdict {
	const timed = isTimedEvent(answer.event);
	if (!answer.listens) return timed ? 'no_occurrence' : 'not_listening';
	if (!answer.matched) return 'no_match';
	if (answer.gate) return 'gated';
	return timed ? 'fires_at' : 'fires';
}

/** Events whose write has a state before it, which previous values stand for. */
export function hasPreviousState(collection: string, event: string | null | undefined): boolean {
	return !!event && !isTimedEvent(event) && eventWriteKind(collection, event) === 'update';
}

/**
 * The fields worth a previous value: those the previous conditions ("from") read first, then the
 * fields a "modified" trigger is narrowed to (a test that changes none of them is not heard), then
 * the conditions' own (a changed field, `on_change`), each once.
 */
export function previousFields(rule: Record<string, unknown>): string[] {
	const from = filterFields(rule['previous_conditions'] as Record<string, unknown> | null | undefined);
	const fields = (rule['trigger'] as { fields?: unknown } | null | undefined)?.fields;
	const narrowed = Array.isArray(fields) ? fields.map(String) : [];
	const to = filterFields(rule['conditions'] as Record<string, unknown> | null | undefined);
	return [...new Set([...from, ...narrowed, ...to])];
}

/**
 * The `previous` object of rows: rows with a field and a value, typed for the field (`typeOf`
 * knows top-level fields; a relational path stays text); null when there is none.
 */
export function previousPayload(rows: readonly Row[], typeOf: (field: string) => string | null = () => null): Record<string, unknown> | null {
	const filled = rows.filter((row) => row.key.trim() !== '' && row.value.trim() !== '');
	if (!filled.length) return null;
	return rowsToRecord(filled, (key, text) => fieldValue(text, key.includes('.') ? null : typeOf(key)));
}

/** Rule errors of a 400 (`errors[].extensions.path`) as `path: message` lines. */
export function errorLines(error: unknown): string[] {
	const errors = (error as { response?: { data?: { errors?: { message?: string; extensions?: { path?: string; field?: string; problem?: string } }[] } } } | null)?.response?.data?.errors;
	if (!errors?.length) return [error instanceof Error ? error.message : String(error)];
	return errors.map((entry) => entry.message ?? `${entry.extensions?.path ?? entry.extensions?.field ?? ''}: ${entry.extensions?.problem ?? ''}`);
}
