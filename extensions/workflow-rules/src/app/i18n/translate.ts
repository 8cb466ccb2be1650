/**
 * Pure lookup of the extension's own labels: the user's studio language (`fr-FR`, `fr`, `en-US`…)
 * picks a dictionary by its language part, English fills what a translation lacks, and `{name}`
 * placeholders take the given values. Kept free of Vue so it can be unit tested.
 */
export type Messages = Record<string, string>;
export type AreaMessages = { en: Messages; fr: Messages };
export type Params = Record<string, string | number>;

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(locale: string | null | undefined): Language {
	const base = String(locale ?? '').toLowerCase().split(/[-_]/)[0];
	return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export function mergeAreas(areas: AreaMessages[]): Record<Language, Messages> {
	const merged: Record<Language, Messages> = { en: {}, fr: {} };
	for (const area of areas) for (const language of LANGUAGES) Object.assign(merged[language], area[language]);
	return merged;
}

export function translate(messages: Record<Language, Messages>, language: Language, key: string, params?: Params): string {
	const template = messages[language][key] ?? messages.en[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
