import { describe, expect, it } from 'vitest';
import { webhookOptions } from '../../../core/rule/action-options.js';
import { templateScope, type ActionRun } from '../action-definition.js';
import { renderTemplate } from '../../templates/liquid.js';
import { renderRequest } from './request.js';

const run = {
	rule: { id: 'r1', name: 'Notify', collection: 'leads' },
	collection: 'leads',
	item: '7',
	record: { id: '7', name: '{{ 7 | times: 6 }}', city: 'Line\r\nBreak' },
	previous: null,
	event: 'created',
	now: new Date('2026-03-02T10:00:00Z'),
} as unknown as ActionRun;
// As the job runner renders a rule's options: Liquid over the run's scope.
run.render = (text, path) => renderTemplate(text, templateScope(run), `options.${path}`);

const render = (options: Record<string, unknown>) => renderRequest(webhookOptions.parse(options), run);

describe('renderRequest', () => {
	it('sends the event as JSON when no body is set, and nothing for a GET', async () => {
		const post = await render({ url: 'https://hooks.example/x' });
		expect(post.headers['content-type']).toBe('application/json');
		expect(JSON.parse(post.body!)).toEqual({ event: { name: 'created', collection: 'leads', key: '7' }, rule: run.rule, record: run.record, previous: null });
		expect(await render({ url: 'https://hooks.example/x', method: 'GET' })).toMatchObject({ body: null, headers: { 'user-agent': expect.stringMatching(/^directus-workflow-rules\//) } });
	});

	it('renders URL, headers and body with record values as data; a Content-Type header wins', async () => {
		const request = await render({ url: 'https://hooks.example/leads/{{ record.id }}', headers: { 'Content-Type': 'text/plain', 'X-Name': '{{ record.name }}' }, body: 'name={{ record.name }}' });
		expect(request.url.href).toBe('https://hooks.example/leads/7');
		expect(request.headers).toMatchObject({ 'Content-Type': 'text/plain', 'X-Name': '{{ 7 | times: 6 }}' });
		expect(request.headers['content-type']).toBeUndefined();
		expect(request.body).toBe('name={{ 7 | times: 6 }}');
	});

	it('fails for good on a rendered URL that is no http(s) URL, or a header value with a line break', async () => {
		await expect(render({ url: '{{ record.name }}' })).rejects.toMatchObject({ retryable: false, kind: 'template', message: 'options.url: "{{ 7 | times: 6 }}" is not an absolute http(s) URL' });
		await expect(render({ url: 'https://hooks.example/x', headers: { 'X-City': '{{ record.city }}' } })).rejects.toMatchObject({ retryable: false, kind: 'template', message: 'options.headers.X-City: the rendered value contains a line break' });
	});
});
