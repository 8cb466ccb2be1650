/**
 * Installs the custom translations (Settings → Translations, `directus_translations`) that the
 * schema's `$t:` notes and choices use, so a studio in fr-FR reads them in French. Only missing
 * keys are inserted: an admin's edit of a text stays. Each row's id is derived from its language
 * and key, so two instances starting together insert one row, the other's insert being ignored.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { SCHEMA_TRANSLATIONS } from './schema-translations.js';

export const TRANSLATIONS_TABLE = 'directus_translations';

export type CustomTranslations = Record<string, Record<string, string>>;

/** Rows per insert: four columns each stays far below SQLite's 999 bound variables. */
const CHUNK = 100;

/** A name-based (version 5 layout) UUID of the language and key: the same on every instance. */
export function translationId(language: string, key: string): string {
	const hex = createHash('sha1').update(`workflow-rules:translation:${language}:${key}`).digest('hex');
	const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Inserts the translations whose key is missing in their language; returns how many were missing. */
export async function installCustomTranslations(knex: Knex, translations: CustomTranslations = SCHEMA_TRANSLATIONS): Promise<number> {
	const rows = Object.entries(translations).flatMap(([key, byLanguage]) => Object.entries(byLanguage).map(([language, value]) => ({ id: translationId(language, key), language, key, value })));
	if (rows.length === 0) return 0;

	const present = new Set<string>();
	const keys = Object.keys(translations);
	for (let start = 0; start < keys.length; start += CHUNK * 4) {
		const existing: { key: string; language: string }[] = await knex(TRANSLATIONS_TABLE).select('key', 'language').whereIn('key', keys.slice(start, start + CHUNK * 4));
		for (const row of existing) present.add(`${row.language}\u0000${row.key}`);
	}

	const missing = rows.filter((row) => !present.has(`${row.language}\u0000${row.key}`));
	for (let start = 0; start < missing.length; start += CHUNK) await knex(TRANSLATIONS_TABLE).insert(missing.slice(start, start + CHUNK)).onConflict('id').ignore();
	return missing.length;
}
