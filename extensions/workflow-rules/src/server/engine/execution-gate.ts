import type { Knex } from 'knex';
import type { Rule } from '../../core/rule/rule-types.js';
import { isUniqueViolation } from '../db/rows.js';

export const STATE_TABLE = 'workflow_rule_state';

export interface GateDecision {
	fire: boolean;
	/** Why a matching rule did not fire. */
	reason?: string;
}

interface GateInput {
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
 * instances agree on exactly one firing: the database decides, not a flag in memory.
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
	try {
		await knex(STATE_TABLE).insert({ key: stateKey('first_time', input), rule: input.rule.id, collection: input.collection, item: input.item, matched: true, fired_at: now, date_created: now, date_updated: now });
		return { fire: true };
	} catch (error) {
		if (isUniqueViolation(error)) return { fire: false, reason: 'already ran once for this record (execution: first_time)' };
		throw error;
	}
}

async function onChange(knex: Knex, input: GateInput, now: Date): Promise<GateDecision> {
	const key = stateKey('on_change', input);

	if (!input.matched) {
		const updated = await knex(STATE_TABLE).where({ key }).update({ matched: false, date_updated: now });
		if (updated === 0) await insertState(knex, key, input, false, now);
		return { fire: false };
	}

	const flipped = await knex(STATE_TABLE).where({ key, matched: false }).update({ matched: true, fired_at: now, date_updated: now });
	if (flipped === 1) return { fire: true };

	const exists = await knex(STATE_TABLE).where({ key }).first('id');
	if (exists) return { fire: false, reason: 'conditions were already true for this record (execution: on_change)' };

	if (input.matchedBefore === true) {
		await insertState(knex, key, input, true, null);
		return { fire: false, reason: 'conditions already held before this change (execution: on_change)' };
	}

	const inserted = await insertState(knex, key, input, true, now);
	return inserted ? { fire: true } : { fire: false, reason: 'another write made the conditions true first (execution: on_change)' };
}

async function insertState(knex: Knex, key: string, input: GateInput, matched: boolean, firedAt: Date | null): Promise<boolean> {
	const now = new Date();
	try {
		await knex(STATE_TABLE).insert({ key, rule: input.rule.id, collection: input.collection, item: input.item, matched, fired_at: firedAt, date_created: now, date_updated: now });
		return true;
	} catch (error) {
		if (isUniqueViolation(error)) return false;
		throw error;
	}
}
