import type { Knex } from 'knex';
import type { Rule } from '../../core/rule/rule-types.js';
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
	 * `knex`: the connection of the caller's transaction, when it runs in one. A load it needs
	 * runs there: on SQLite's single connection, a load on the pool would wait for the very
	 * transaction that waits for it.
	 */
	async forCollection(collection: string, knex: Knex = this.knex): Promise<Rule[]> {
		if (knex !== this.knex && !this.byCollection) return (await this.load(this.generation, knex)).get(collection) ?? [];
		return (await this.all()).get(collection) ?? [];
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
			const loading = this.load(this.generation).finally(() => {
				if (this.loading === loading) this.loading = null;
			});
			this.loading = loading;
		}
		return this.loading;
	}

	private async load(generation: number, knex: Knex = this.knex): Promise<Map<string, Rule[]>> {
		const fingerprint = await this.readFingerprint(knex);
		const rows = await knex(RULES_TABLE).select('*').where('status', 'active');
		const rules = rows.map(ruleFromRow).sort((a, b) => (a.sort ?? Number.MAX_SAFE_INTEGER) - (b.sort ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name));

		const byCollection = new Map<string, Rule[]>();
		for (const rule of rules) byCollection.set(rule.collection, [...(byCollection.get(rule.collection) ?? []), rule]);

		if (generation === this.generation) {
			this.byCollection = byCollection;
			this.fingerprint = fingerprint;
		}
		return byCollection;
	}

	private async readFingerprint(knex: Knex = this.knex): Promise<string> {
		const [row] = await knex(RULES_TABLE).count({ count: '*' }).max({ updated: 'date_updated' }).max({ created: 'date_created' });
		return JSON.stringify([row?.['count'], String(row?.['updated'] ?? ''), String(row?.['created'] ?? '')]);
	}
}
