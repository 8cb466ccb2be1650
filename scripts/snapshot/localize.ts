/**
 * Turns the English and French texts of the schema definition (`tr(en, fr)`: notes, choice labels,
 * checkbox labels) into Directus `$t:` keys, and collects the custom translations those keys need.
 * The studio translates a `$t:key` note, option or display option from `directus_translations`
 * in the user's language; the extension installs the collected keys at startup
 * (custom-translations.ts), from the file `npm run snapshot` writes.
 */
import type { Localized } from './field-kit.js';
import type { Plan } from './plan.js';

export type CustomTranslations = Record<string, { 'en-US': string; 'fr-FR': string }>;

/** Path parts that say nothing about which text it is (a key stays short and stable). */
const SILENT = new Set(['meta', 'options', 'display_options', 'choices', 'fields', 'text']);

function isLocalized(value: unknown): value is Localized {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).sort().join() === 'en,fr';
}

/** An array element is named by its choice value or sub-field name, not by its position. */
function segmentOf(parent: unknown[], index: number): string {
	const element = parent[index] as Record<string, unknown> | undefined;
	return String(element?.['value'] ?? element?.['field'] ?? index);
}

function replaceIn(value: unknown, path: string[], prefix: string, collected: CustomTranslations): unknown {
	if (isLocalized(value)) {
		const key = [prefix, ...path.filter((part) => !SILENT.has(part))].join('_').replace(/[^a-zA-Z0-9_]/g, '_');
		const existing = collected[key];
		if (existing && (existing['en-US'] !== value.en || existing['fr-FR'] !== value.fr)) throw new Error(`Translation key ${key} has two texts`);
		collected[key] = { 'en-US': value.en, 'fr-FR': value.fr };
		return `$t:${key}`;
	}

	if (Array.isArray(value)) return value.map((element, index) => replaceIn(element, [...path, segmentOf(value, index)], prefix, collected));
	if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, replaceIn(inner, [...path, name], prefix, collected)]));
	return value;
}

/** Replaces every localized text of the plan's fields by its `$t:` key, in place; returns the translations. */
export function localize(plan: Plan): CustomTranslations {
	const collected: CustomTranslations = {};
	for (const collection of plan.collections) {
		for (const field of collection.fields) {
			if (field.meta) field.meta = replaceIn(field.meta, [], `wr_${collection.collection}_${field.field}`, collected) as Record<string, unknown>;
		}
	}

	return Object.fromEntries(Object.entries(collected).sort(([a], [b]) => a.localeCompare(b)));
}
