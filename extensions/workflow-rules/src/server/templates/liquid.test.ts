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

describe('renderTemplate for HTML', () => {
	const record = { name: '<script>alert("x")</script> & Co', notes: '{{ 7 | times: 6 }}' };

	it('escapes every printed value, and only when asked to', async () => {
		await expect(renderTemplate('<p>{{ record.name }}</p>', { record }, 'options.body', { html: true })).resolves.toBe('<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co</p>');
		await expect(renderTemplate('{{ record.name }}', { record })).resolves.toBe('<script>alert("x")</script> & Co');
	});

	it('prints record values as data, never as templates', async () => {
		await expect(renderTemplate('<p>{{ record.notes }}</p>', { record }, 'options.body', { html: true })).resolves.toBe('<p>{{ 7 | times: 6 }}</p>');
		await expect(renderTemplate('{{ record.notes }}', { record })).resolves.toBe('{{ 7 | times: 6 }}');
	});

	it('keeps the limits and the absence of files', async () => {
		await expect(renderTemplate("{% include 'package.json' %}", {}, 'options.body', { html: true })).rejects.toThrow(/^options\.body: templates cannot read files/);
		await expect(renderTemplate('{% for i in (1..100000000) %}{{ i }}{% endfor %}', {}, 'options.body', { html: true })).rejects.toThrow(/^options\.body: memory alloc limit exceeded/);
	});
});

describe('limits', () => {
	it('stop a runaway loop after the render time limit', async () => {
		const started = Date.now();
		const rendering = renderTemplate('{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}', {}, 'options.subject');
		await expect(rendering).rejects.toThrow(PermanentActionError);
		await expect(rendering).rejects.toThrow(/^options\.subject: template render limit exceeded/);
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});
