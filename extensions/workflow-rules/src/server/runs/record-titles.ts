/**
 * The display template of each collection (directus_collections.display_template), read once a
 * minute, to give runs their record's title (core/engine/record-title.ts).
 */
import type { Knex } from 'knex';
import { recordTitle } from '../../core/engine/record-title.js';

const REFRESH_MS = 60_000;

export class RecordTitles {
	private templates: Map<string, string> | null = null;
	private loadedAt = 0;

	constructor(private readonly knex: Knex) {}

	async titleOf(collection: string, record: Record<string, unknown> | null): Promise<string | null> {
		if (!record) return null;
		return recordTitle((await this.load()).get(collection), record);
	}

	private async load(): Promise<Map<string, string>> {
		if (this.templates && Date.now() - this.loadedAt < REFRESH_MS) return this.templates;
		const rows: { collection: string; display_template: string | null }[] = await this.knex('directus_collections').select('collection', 'display_template').whereNotNull('display_template');
		this.templates = new Map(rows.map((row) => [row.collection, row.display_template!]));
		this.loadedAt = Date.now();
		return this.templates;
	}
}
