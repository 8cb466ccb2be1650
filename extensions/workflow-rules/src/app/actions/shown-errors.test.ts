import { describe, expect, it } from 'vitest';
import { shownErrors } from './shown-errors';

describe('shown errors', () => {
	const client = { 'actions[0].options.url': 'bad url', 'actions[0].options': 'must add', 'actions[1].options.subject': 'empty' };

	it('shows client checks near edited fields, the API always', () => {
		const shown = shownErrors(client, { 'actions[1].timing.field': 'unknown field' }, new Set(['actions[0].options.url', 'actions[0].options.add']), false);
		expect(shown.errors).toEqual({ 'actions[0].options.url': 'bad url', 'actions[0].options': 'must add', 'actions[1].timing.field': 'unknown field' });
		expect(shown.sources['actions[1].timing.field']).toBe('api');
		expect(shown.sources['actions[0].options.url']).toBe('client');
	});

	it('shows everything when asked, the API message winning', () => {
		const shown = shownErrors(client, { 'actions[0].options.url': 'must be an absolute http(s) URL' }, new Set(), true);
		expect(Object.keys(shown.errors)).toHaveLength(3);
		expect(shown.errors['actions[0].options.url']).toBe('must be an absolute http(s) URL');
		expect(shown.sources['actions[0].options.url']).toBe('api');
	});
});
