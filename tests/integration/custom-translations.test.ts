/**
 * The schema's notes and choices are `$t:` keys: the extension installs their English and French
 * texts as Directus custom translations at startup, adds only missing ones, and two instances
 * installing together write each key once.
 */
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installCustomTranslations } from '../../extensions/workflow-rules/src/server/studio/custom-translations.js';
import { api, data } from '../support/api.js';

interface Translation {
	id: string;
	language: string;
	key: string;
	value: string;
}

const byKey = (key: string, language?: string) => `/translations?limit=-1&filter=${encodeURIComponent(JSON.stringify({ key: { _eq: key }, ...(language ? { language: { _eq: language } } : {}) }))}`;

describe('custom translations', () => {
	let db: Knex;

	beforeAll(() => {
		db = knex({ ...inject('dbConnection'), useNullAsDefault: true } as Knex.Config);
	});

	afterAll(async () => {
		await db?.destroy();
	});

	it('are installed at startup for every $t: key of the schema, in English and French', async () => {
		const field = await data<{ meta: { options: { choices: { value: string; text: string }[] }; note: string | null } }>('GET', '/fields/appointments/status');
		const scheduled = field.meta.options.choices.find((choice) => choice.value === 'scheduled')!.text;
		expect(scheduled).toMatch(/^\$t:/);

		const texts = await data<Translation[]>('GET', byKey(scheduled.slice(3)));
		expect(Object.fromEntries(texts.map((text) => [text.language, text.value]))).toEqual({ 'en-US': 'Scheduled', 'fr-FR': 'Planifié' });

		const owner = await data<{ meta: { note: string } }>('GET', '/fields/appointments/owner');
		const note = await data<Translation[]>('GET', byKey(owner.meta.note.slice(3)));
		expect(note.find((text) => text.language === 'fr-FR')?.value).toBe('Le membre affecté au rendez-vous');
	});

	it('keep an admin’s edit and restore a deleted key, once each when two instances install together', async () => {
		const key = 'wr_appointments_status_overdue';
		const [french] = await data<Translation[]>('GET', byKey(key, 'fr-FR'));
		const [english] = await data<Translation[]>('GET', byKey(key, 'en-US'));
		await data('PATCH', `/translations/${french!.id}`, { value: 'Dépassé' });
		expect((await api('DELETE', `/translations/${english!.id}`)).status).toBe(204);

		await Promise.all([installCustomTranslations(db), installCustomTranslations(db)]);

		const after = await data<Translation[]>('GET', byKey(key));
		expect(after.map((text) => `${text.language}: ${text.value}`).sort()).toEqual(['en-US: Overdue', 'fr-FR: Dépassé']);
		await data('PATCH', `/translations/${french!.id}`, { value: 'En retard' });
	});

	it('install nothing when every key is there', async () => {
		expect(await installCustomTranslations(db)).toBe(0);
	});
});
