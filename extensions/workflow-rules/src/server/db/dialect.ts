import type { Knex } from 'knex';

export type Dialect = 'postgres' | 'mysql' | 'sqlite' | 'other';

/** Which SQL the database speaks: Directus' DB_CLIENT as knex names it. */
export function dialectOf(knex: Knex): Dialect {
	const client = String(knex.client.config?.client ?? '');
	if (client === 'pg' || client === 'postgres' || client === 'postgresql' || client === 'cockroachdb') return 'postgres';
	if (client.startsWith('mysql')) return 'mysql';
	if (client.includes('sqlite')) return 'sqlite';
	return 'other';
}

/** SQLite has one writer at a time and no row locks: `FOR UPDATE` is left out there. */
export function isSqlite(knex: Knex): boolean {
	return dialectOf(knex) === 'sqlite';
}
