/**
 * SPEC §6 hardening against hostile or unlucky rule inputs: templates never read files,
 * conditions run in linear time, and a change of a value's text is a change.
 */
import { describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { cleanUpRules, createRule, settledJobs } from '../support/rules.js';

cleanUpRules();

describe('templates', () => {
	// package.json sits in the project root, the Directus process' working directory: liquidjs'
	// default root, so a file-reading tag would find it.
	const TAGS = [
		['include', "{% include 'package.json' %}"],
		['render', "{% render 'package.json' %}"],
		['layout', "{% layout 'package.json' %}"],
	] as const;

	it.each(TAGS)('cannot read a file with %s', async (tag, template) => {
		const rule = await createRule({
			name: `Template reads a file (${tag})`,
			collection: 'tasks',
			trigger: { type: 'event', events: ['created'] },
			actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { description: template } } }],
		});
		const task = await data<{ id: string }>('POST', '/items/tasks', { subject: 'File probe', description: 'untouched' });

		const [job] = await settledJobs(rule, String(task.id), 1);
		expect((await data<{ description: string }>('GET', `/items/tasks/${task.id}?fields=description`)).description).toBe('untouched');
		expect(job).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/templates cannot read files/i) });
	});
});
