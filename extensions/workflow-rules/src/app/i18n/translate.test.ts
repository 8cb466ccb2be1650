import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages/index';
import { languageOf, mergeAreas, translate } from './translate';

describe('translate', () => {
	const messages = mergeAreas([{ en: { 'a.hello': 'Hello {name}', 'a.only_en': 'Only English' }, fr: { 'a.hello': 'Bonjour {name}' } }]);

	it('picks the dictionary by the language part of the studio locale', () => {
		expect(languageOf('fr-FR')).toBe('fr');
		expect(languageOf('fr')).toBe('fr');
		expect(languageOf('en-US')).toBe('en');
		expect(languageOf('de-DE')).toBe('en');
		expect(languageOf(undefined)).toBe('en');
	});

	it('fills placeholders and falls back to English, then to the key', () => {
		expect(translate(messages, 'fr', 'a.hello', { name: 'Ana' })).toBe('Bonjour Ana');
		expect(translate(messages, 'fr', 'a.only_en')).toBe('Only English');
		expect(translate(messages, 'en', 'a.missing')).toBe('a.missing');
		expect(translate(messages, 'en', 'a.hello', {})).toBe('Hello {name}');
	});

	it('has a French label for every English one', () => {
		const missing = Object.keys(MESSAGES.en).filter((key) => !(key in MESSAGES.fr));
		expect(missing).toEqual([]);
	});
});
