import type { Knex } from 'knex';
import { tallyEvaluations, type Evaluated } from '../../core/engine/usage-tally.js';
import { settleIntents, type Settled, type SettleScope } from '../engine/write-intents.js';
import { insertRuns, type RunRecord } from './run-log.js';
import { addUsage } from './usage-counters.js';

/** Rows per transaction, so that one burst does not hold the database for long. */
const MAX_ROWS = 400;

export interface EvaluatedWrites {
	/** Runs to log that planned no job. */
	runs: RunRecord[];
	/** Every evaluation, for the usage counters. */
	evaluations: Evaluated[];
	now: Date;
	/** Intents whose evaluation this completes. */
	settle: Settled[];
}

interface Entry extends EvaluatedWrites {
	resolve: () => void;
	reject: (error: unknown) => void;
}

/**
 * Coalesces what the writes of one tick store once evaluated (the runs that planned no job, the
 * usage counters and the settling of their intents) into few transactions: on SQLite the commit,
 * not the insert, is what costs. A write's runs, counts and settled intent always go into one
 * transaction, so they appear together.
 */
export class RunWriter {
	private queue: Entry[] = [];
	private scheduled = false;

	constructor(private readonly knex: Knex, private readonly scope: () => SettleScope) {}

	write(writes: EvaluatedWrites): Promise<void> {
		if (writes.runs.length === 0 && writes.evaluations.length === 0 && writes.settle.length === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			this.queue.push({ ...writes, resolve, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => void this.flush());
			}
		});
	}

	private async flush(): Promise<void> {
		const queue = this.queue;
		this.queue = [];
		this.scheduled = false;

		while (queue.length > 0) {
			const chunk = [queue.shift()!];
			let rows = chunk[0]!.runs.length + chunk[0]!.settle.length;
			while (queue.length > 0 && rows + queue[0]!.runs.length + queue[0]!.settle.length <= MAX_ROWS) {
				rows += queue[0]!.runs.length + queue[0]!.settle.length;
				chunk.push(queue.shift()!);
			}

			try {
				await this.knex.transaction(async (trx) => {
					for (const entry of chunk) await insertRuns(trx, entry.runs, entry.now);
					await addUsage(trx, tallyEvaluations(chunk.flatMap((entry) => entry.evaluations)));
					await settleIntents(trx, chunk.flatMap((entry) => entry.settle), this.scope());
				});
				chunk.forEach((entry) => entry.resolve());
			} catch (error) {
				chunk.forEach((entry) => entry.reject(error));
			}
		}
	}
}
