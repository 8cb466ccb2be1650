import type { Knex } from 'knex';
import type { Rule } from '../../core/rule/rule-types.js';
import { toDate } from '../db/rows.js';
import { SAVED_ACTIONS_TABLE, withSavedActions } from '../actions/saved-actions.js';
import { ruleFromRow } from './rule-row.js';

export const RULES_TABLE = 'workflow_rules';

/**
 * Active rules per collection, in ascending `sort`. A save on this instance invalidates at once;
 * saves on other instances sharing the database are noticed by `refreshIfChanged`, which the
 * worker calls on every poll: a cheap fingerprint query (count and latest update) instead of a
 * message bus, so that it works the same with or without Redis.
 */
export class RuleCache {
	private byCollection: Map<string, Rule[]> | null = null;
	private fingerprint: string | null = null;
	private loading: Promise<Map<string, Rule[]>> | null = null;
	/** Bumped by every invalidation: a load begun before it must not store what it read. */
	private generation = 0;

	constructor(private readonly knex: Knex) {}

	/**
	 * `connection` is the caller's transaction when it holds one: inside a write's transaction on
	 * SQLite (one connection) a load through the pool, or waiting for one in flight, would wait
	 * for that transaction forever; such a caller loads through its own transaction.
	 */
	async forCollection(collection: string, connection?: Knex): Promise<Rule[]> {
		if (!this.byCollection && connection) return (await this.load(this.generation, connection)).get(collection) ?? [];
		return (await this.all()).get(collection) ?? [];
	}

	/** Every active rule, in `sort` order per collection: the date and schedule ticks pick theirs. */
	async active(): Promise<Rule[]> {
		return [...(await this.all()).values()].flat();
	}

	invalidate(): void {
		this.generation += 1;
		this.byCollection = null;
		this.fingerprint = null;
		this.loading = null;
	}

	async refreshIfChanged(): Promise<void> {
		const current = await this.readFingerprint();
		if (this.fingerprint !== null && current !== this.fingerprint) this.invalidate();
	}

	private async all(): Promise<Map<string, Rule[]>> {
		if (this.byCollection) return this.byCollection;
		if (!this.loading) {
			const loading = this.load(this.generation, this.knex).finally(() => {
				if (this.loading === loading) this.loading = null;
			});
			this.loading = loading;
		}
		return this.loading;
	}

	private async load(generation: number, knex: Knex): Promise<Map<string, Rule[]>> {
		const fingerprint = await this.readFingerprint(knex);
		const rows = await knex(RULES_TABLE).select('*').where('status', 'active');
		const rules = (await Promise.all(rows.map((row) => withSavedActions(knex, ruleFromRow(row))))).sort((a, b) => (a.sort ?? Number.MAX_SAFE_INTEGER) - (b.sort ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name));

		const byCollection = new Map<string, Rule[]>();
		for (const rule of rules) byCollection.set(rule.collection, [...(byCollection.get(rule.collection) ?? []), rule]);

		if (generation === this.generation) {
			this.byCollection = byCollection;
			this.fingerprint = fingerprint;
		}
		return byCollection;
	}

	/** Rules and the saved actions they use: a change to either changes what the rules do. */
	private async readFingerprint(knex: Knex = this.knex): Promise<string> {
		const parts: unknown[] = [];
		for (const table of [RULES_TABLE, SAVED_ACTIONS_TABLE]) {
			const [row] = await knex(table).count({ count: '*' }).max({ updated: 'date_updated' }).max({ created: 'date_created' });
			// As instants: a Date's string form drops the milliseconds, and two saves in one second would look the same.
			parts.push(Number(row?.['count'] ?? 0), toDate(row?.['updated'])?.getTime() ?? null, toDate(row?.['created'])?.getTime() ?? null);
		}
		return JSON.stringify(parts);
	}
}
