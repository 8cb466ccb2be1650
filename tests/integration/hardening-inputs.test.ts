/**
 * SPEC §6 hardening against hostile or unlucky rule inputs: templates never read files,
 * conditions run in linear time, and a change of a value's text is a change.
 */
import { describe, expect, inject, it } from 'vitest';
import { api, data } from '../support/api.js';
import { cleanUpRules, createRule, eventually, runsOf, settledJobs } from '../support/rules.js';

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

describe('regular expressions', () => {
	it('evaluate a catastrophic pattern without blocking other requests', async () => {
		const rule = await createRule({
			name: 'Catastrophic regex',
			collection: 'contacts',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { first_name: { _regex: '^(a+)+$' } },
		});
		const contact = await data<{ id: string }>('POST', '/items/contacts', { first_name: 'Ann', last_name: 'Probe' });

		// 28 letters keep a backtracking engine busy for seconds (the time doubles with each one).
		const write = api('PATCH', `/items/contacts/${contact.id}`, { first_name: `${'a'.repeat(28)}!` });
		const latencies: number[] = [];
		const deadline = Date.now() + 30_000;
		let runs = 0;
		while (runs === 0) {
			if (Date.now() > deadline) throw new Error(`no run after 30 s; ping latencies: ${latencies.map(Math.round).join(', ')}`);
			const started = performance.now();
			const ping = await fetch(`${inject('directusUrl')}/server/ping`);
			latencies.push(performance.now() - started);
			expect(ping.status).toBe(200);
			runs = (await runsOf(rule, contact.id)).length;
		}
		expect((await write).status).toBe(200);

		expect(latencies.filter((latency) => latency >= 1000)).toEqual([]);
		const [run] = await runsOf(rule, contact.id);
		expect(run).toMatchObject({ outcome: 'not_matched', trace: { conditions: { path: 'first_name', operator: '_regex', result: false } } });
	});

	it('refuse a pattern that needs backtracking, naming its path', async () => {
		const response = await api<{ errors: { message: string; extensions: { path: string } }[] }>('POST', '/items/workflow_rules', {
			name: 'Backreference',
			status: 'active',
			collection: 'contacts',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { first_name: { _regex: '(a)\\1' } },
			execution: 'every_time',
			actions: [],
		});

		expect(response.status).toBe(400);
		const error = response.body.errors.find((entry) => entry.extensions.path === 'conditions.first_name._regex');
		expect(error?.message).toMatch(/^conditions\.first_name\._regex: .*backreference/i);
	});
});

describe('change detection', () => {
	// Contacts have no `modified` event: `updated` narrowed to a field fires only when that field changed.
	it('sees a phone number losing its plus sign as a change of the field', async () => {
		const rule = await createRule({ name: 'Phone changed', collection: 'contacts', trigger: { type: 'event', events: ['updated'], fields: ['phone'] } });
		const contact = await data<{ id: string }>('POST', '/items/contacts', { first_name: 'Phil', last_name: 'Probe', phone: '+16175551234' });

		await data('PATCH', `/items/contacts/${contact.id}`, { phone: '16175551234' });

		const runs = await eventually(() => runsOf(rule, contact.id), (found) => found.length > 0, 15_000, 'a run of the phone rule');
		expect(runs.map((run) => [run.event, run.outcome])).toEqual([['updated', 'matched']]);
	});
});
