import type { Knex } from 'knex';
import { STATE_TABLE } from '../engine/execution-gate.js';
import { toDate } from '../db/rows.js';

export type TriggerKind = 'date' | 'schedule';

/** Cursor rows live in workflow_rule_state beside the execution gate's memory, told apart by this collection value. */
const CURSOR = 'cursor';

function cursorKey(kind: TriggerKind, rule: string): string {
	return `cursor:${kind}:${rule}`;
}

/**
 * Up to when a date or schedule rule's occurrences have been handled. The first call for a rule
 * starts its cursor at `now` and answers null: a rule created or activated now does not fire for
 * occurrences already past.
 */
export async function readCursor(knex: Knex, kind: TriggerKind, rule: string, now: Date): Promise<Date | null> {
	const key = cursorKey(kind, rule);
	const row = await knex(STATE_TABLE).where({ key }).first('fired_at');
	if (row) return toDate(row.fired_at) ?? now;
	await knex(STATE_TABLE).insert({ key, rule, collection: CURSOR, item: kind, matched: true, fired_at: now, date_created: now, date_updated: now }).onConflict('key').ignore();
	return null;
}

/** Moves the cursor forward (never back: a slower instance's late tick cannot replay a window). */
export async function advanceCursor(knex: Knex, kind: TriggerKind, rule: string, to: Date): Promise<void> {
	await knex(STATE_TABLE).where({ key: cursorKey(kind, rule) }).andWhere('fired_at', '<', to).update({ fired_at: to, date_updated: new Date() });
}

/**
 * Drops the cursors of rules that are no longer active date or schedule rules, so that a rule
 * activated again starts from then rather than firing for everything it missed while off.
 */
export async function forgetCursors(knex: Knex, kind: TriggerKind, activeRules: string[]): Promise<void> {
	await knex(STATE_TABLE).where({ collection: CURSOR, item: kind }).whereNotIn('rule', activeRules.length > 0 ? activeRules : ['']).delete();
}
