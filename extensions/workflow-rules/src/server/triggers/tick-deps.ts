import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import type { Evaluated } from '../../core/engine/usage-tally.js';
import { tallyEvaluations } from '../../core/engine/usage-tally.js';
import type { Rule } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import type { ItemsServiceClass } from '../engine/record-reader.js';
import { insertRuns, type RunRecord } from '../runs/run-log.js';
import { addUsage } from '../runs/usage-counters.js';

/** What one tick of the date or schedule triggers works with. */
export interface TickDeps {
	knex: Knex;
	config: EngineConfig;
	ItemsService: ItemsServiceClass;
	schema: SchemaOverview;
	/** The CRM settings' time zone. */
	timeZone: string;
	onError: (error: unknown, rule: Rule) => void;
	/** Called between batches: a tick with thousands of records due must keep its lease on the triggers. */
	renewLease: () => Promise<unknown>;
}

export interface TickResult {
	/** Records read to check exactly (date rules) or matched (schedule rules). */
	candidates: number;
	/** Occurrences stored with their jobs. */
	fired: number;
	queuedInstant: boolean;
}

export const NOTHING: TickResult = { candidates: 0, fired: 0, queuedInstant: false };

export function addResults(a: TickResult, b: TickResult): TickResult {
	return { candidates: a.candidates + b.candidates, fired: a.fired + b.fired, queuedInstant: a.queuedInstant || b.queuedInstant };
}

/** Runs that planned no job and the usage counts of a batch of evaluations, together (`knex` may be the batch's transaction). */
export async function storeEvaluations(knex: Knex, runs: RunRecord[], evaluations: Evaluated[], now: Date): Promise<void> {
	if (runs.length === 0 && evaluations.length === 0) return;
	const store = async (trx: Knex) => {
		await insertRuns(trx, runs, now);
		await addUsage(trx, tallyEvaluations(evaluations));
	};
	await (knex.isTransaction ? store(knex) : knex.transaction(store));
}
