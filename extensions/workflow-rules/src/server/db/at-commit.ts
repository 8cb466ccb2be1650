import type { Knex } from 'knex';

type Commit = (value?: unknown) => unknown;
interface Deferred {
	items: unknown[];
	write: (trx: Knex, items: unknown[]) => Promise<void>;
}

/** Per open transaction, what its commit writes first, by purpose. */
const pending = new WeakMap<Knex, Map<string, Deferred>>();

/**
 * Writes `items` inside `knex`'s transaction just before it commits, in one statement with what
 * the other writes of that transaction deferred under the same `purpose`; outside a transaction,
 * at once. A batch create of 100 items runs the filter hooks 100 times in one transaction: one
 * insert at its commit costs what one of its 100 inserts would.
 *
 * This relies on knex committing a transaction through the transactor's own `commit` property
 * (knex 3, `lib/execution/transaction.js`: `result.then((val) => transactor.commit(val))`), which
 * an explicit `trx.commit()` calls too. tests/integration/engine-hardening pins it: the intents of
 * a batch create are found after a kill -9 and before any evaluation.
 *
 * A failing deferred write is reported and the commit goes on: the user's write matters more
 * than what it was to record. It runs in a savepoint, so that on PostgreSQL its failure does not
 * abort the transaction (whose COMMIT would then roll the user's write back without a word).
 */
export async function writeAtCommit<T>(knex: Knex, purpose: string, items: T[], write: (trx: Knex, items: T[]) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
	if (items.length === 0) return;
	const trx = knex as Knex & { isTransaction?: boolean; commit?: Commit; isCompleted?: () => boolean };
	if (!trx.isTransaction || typeof trx.commit !== 'function' || trx.isCompleted?.()) return write(knex, items);

	let deferred = pending.get(knex);
	if (!deferred) {
		const byPurpose = new Map<string, Deferred>();
		deferred = byPurpose;
		pending.set(knex, byPurpose);
		const commit = trx.commit.bind(trx);
		trx.commit = async (value?: unknown) => {
			pending.delete(knex);
			for (const { items: rows, write: flush } of byPurpose.values()) {
				try {
					await knex.transaction((savepoint) => flush(savepoint, rows));
				} catch (error) {
					onError(error);
				}
			}
			return commit(value);
		};
	}
	const entry = deferred.get(purpose);
	if (entry) entry.items.push(...items);
	else deferred.set(purpose, { items: [...items], write: write as Deferred['write'] });
}
