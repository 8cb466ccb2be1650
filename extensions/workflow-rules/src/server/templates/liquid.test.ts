import { describe, expect, it } from 'vitest';
import { PermanentActionError } from '../../core/actions/action-errors.js';
import { renderTemplate } from './liquid.js';

describe('renderTemplate', () => {
	it('renders the scope', async () => {
		await expect(renderTemplate('Hello {{ record.name | upcase }}', { record: { name: 'Ann' } })).resolves.toBe('Hello ANN');
	});

	// package.json is in the working directory of the tests, as it is for the Directus process.
	it.each([
		"{% include 'package.json' %}",
		"{% render 'package.json' %}",
		"{% layout 'package.json' %}",
		"{% include '/etc/passwd' %}",
		"{% render '../package.json' %}",
		"{% include './package.json' %}",
		'{% include file %}',
		"{% liquid\n include 'package.json' %}",
		"{% if true %}{% render 'package.json' %}{% endif %}",
	])('refuses to read a file: %s', async (template) => {
		const rendering = renderTemplate(template, { file: 'package.json' }, 'options.values.description');
		await expect(rendering).rejects.toThrow(PermanentActionError);
		await expect(rendering).rejects.toThrow(/^options\.values\.description: templates cannot read files/);
	});
});
