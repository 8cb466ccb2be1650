import type { Knex } from 'knex';
import type { Rule } from '../../core/rule/rule-types.js';

export const STATE_TABLE = 'workflow_rule_state';

export interface GateDecision {
	fire: boolean;
	/** Why a matching rule did not fire. */
	reason?: string;
}

export interface GateInput {
	rule: Rule;
	collection: string;
	item: string;
	matched: boolean;
	/** Whether the conditions held before the write; null when there was no before state. */
	matchedBefore: boolean | null;
}

/**
 * Applies the rule's execution mode. `first_time` and `on_change` keep their memory in
 * workflow_rule_state under a unique key, so concurrent writes on several connections or
 * instances agree on exactly one firing: the database decides, not a flag in memory. `knex` is
 * the transaction that stores the firing's run and jobs, so the memory and the firing commit or
 * roll back together.
 */
export async function passGate(knex: Knex, input: GateInput, now = new Date()): Promise<GateDecision> {
	const { rule, matched } = input;
	if (rule.execution === 'every_time') return { fire: matched };
	if (rule.execution === 'first_time') return matched ? firstTime(knex, input, now) : { fire: false };
	return onChange(knex, input, now);
}

function stateKey(mode: string, { rule, collection, item }: GateInput): string {
	return `${mode}:${rule.id}:${collection}:${item}`;
}

async function firstTime(knex: Knex, input: GateInput, now: Date): Promise<GateDecision> {
	const inserted = await insertState(knex, stateKey('first_time', input), input, true, now, now);
	return inserted ? { fire: true } : { fire: false, reason: 'already ran once for this record (execution: first_time)' };
}

async function onChange(knex: Knex, input: GateInput, now: Date): Promise<GateDecision> {
	const key = stateKey('on_change', input);

	if (!input.matched) {
		const updated = await knex(STATE_TABLE).where({ key }).update({ matched: false, date_updated: now });
		if (updated === 0) await insertState(knex, key, input, false, null, now);
		return { fire: false };
	}

	const flipped = await knex(STATE_TABLE).where({ key, matched: false }).update({ matched: true, fired_at: now, date_updated: now });
	if (flipped === 1) return { fire: true };

	const exists = await knex(STATE_TABLE).where({ key }).first('id');
	if (exists) return { fire: false, reason: 'conditions were already true for this record (execution: on_change)' };

	if (input.matchedBefore === true) {
		await insertState(knex, key, input, true, null, now);
		return { fire: false, reason: 'conditions already held before this change (execution: on_change)' };
	}

	const inserted = await insertState(knex, key, input, true, now, now);
	return inserted ? { fire: true } : { fire: false, reason: 'another write made the conditions true first (execution: on_change)' };
}

/**
 * Inserts a state row unless its key exists; true when this call inserted it. `ON CONFLICT DO
 * NOTHING` rather than catching the violation: on PostgreSQL a failed statement would abort the
 * surrounding transaction.
 */
async function insertState(knex: Knex, key: string, input: GateInput, matched: boolean, firedAt: Date | null, now: Date): Promise<boolean> {
	const rows = await knex(STATE_TABLE)
		.insert({ key, rule: input.rule.id, collection: input.collection, item: input.item, matched, fired_at: firedAt, date_created: now, date_updated: now })
		.onConflict('key')
		.ignore()
		.returning('id');
	return Array.isArray(rows) && rows.length > 0;
}

/**
 * What the gate would decide, without remembering anything: the dry run's view of the execution
 * mode for one record.
 */
export async function previewGate(knex: Knex, input: GateInput): Promise<GateDecision> {
	const { rule, matched } = input;
	if (rule.execution === 'every_time' || !matched) return { fire: matched };
	const state = await knex(STATE_TABLE).where({ key: stateKey(rule.execution, input) }).first('matched', 'fired_at');
	if (rule.execution === 'first_time') return state ? { fire: false, reason: 'already ran once for this record (execution: first_time)' } : { fire: true };
	if (state && state.matched !== false && state.matched !== 0) return { fire: false, reason: 'conditions were already true for this record (execution: on_change)' };
	if (!state && input.matchedBefore === true) return { fire: false, reason: 'conditions already held before this change (execution: on_change)' };
	return { fire: true };
}
