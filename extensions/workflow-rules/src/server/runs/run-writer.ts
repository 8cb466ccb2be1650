import type { Knex } from 'knex';
import { insertRuns, type RunRecord } from './run-log.js';

/** Rows per transaction, so that one burst does not hold the database for long. */
const MAX_ROWS = 400;

/**
 * Coalesces the runs that writes in the same tick log without jobs (mostly non-matching rules)
 * into few transactions: on SQLite the commit, not the insert, is what costs. A write's runs
 * always go into one statement, so they appear together.
 */
export class RunWriter {
	private queue: { runs: RunRecord[]; now: Date; resolve: () => void; reject: (error: unknown) => void }[] = [];
	private scheduled = false;

	constructor(private readonly knex: Knex) {}

	write(runs: RunRecord[], now: Date): Promise<void> {
		if (runs.length === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			this.queue.push({ runs, now, resolve, reject });
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
			let rows = chunk[0]!.runs.length;
			while (queue.length > 0 && rows + queue[0]!.runs.length <= MAX_ROWS) {
				rows += queue[0]!.runs.length;
				chunk.push(queue.shift()!);
			}

			try {
				await this.knex.transaction(async (trx) => {
					for (const entry of chunk) await insertRuns(trx, entry.runs, entry.now);
				});
				chunk.forEach((entry) => entry.resolve());
			} catch (error) {
				chunk.forEach((entry) => entry.reject(error));
			}
		}
	}
}
