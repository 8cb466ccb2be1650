import type { Knex } from 'knex';
import { settleIntents } from '../engine/write-intents.js';
import { insertRuns, type RunRecord } from './run-log.js';

/** Rows per transaction, so that one burst does not hold the database for long. */
const MAX_ROWS = 400;

interface Entry {
	runs: RunRecord[];
	now: Date;
	/** Intents whose evaluation these runs complete. */
	settle: string[];
	resolve: () => void;
	reject: (error: unknown) => void;
}

/**
 * Coalesces what the writes of one tick store once evaluated (the runs that planned no job, mostly
 * non-matching rules, and the settling of their intents) into few transactions: on SQLite the
 * commit, not the insert, is what costs. A write's runs and its settled intent always go into one
 * transaction, so they appear together.
 */
export class RunWriter {
	private queue: Entry[] = [];
	private scheduled = false;

	constructor(private readonly knex: Knex) {}

	write(runs: RunRecord[], now: Date, settle: string[] = []): Promise<void> {
		if (runs.length === 0 && settle.length === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			this.queue.push({ runs, now, settle, resolve, reject });
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
					await settleIntents(trx, chunk.flatMap((entry) => entry.settle));
				});
				chunk.forEach((entry) => entry.resolve());
			} catch (error) {
				chunk.forEach((entry) => entry.reject(error));
			}
		}
	}
}
