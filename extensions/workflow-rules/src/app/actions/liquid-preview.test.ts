import { describe, expect, it } from 'vitest';
import { hasTemplates, previewBody, previewProblem, templateTexts } from './liquid-preview';

describe('liquid preview', () => {
	it('lists an email subject, body and Liquid recipients', () => {
		const action = { type: 'email', timing: { type: 'instant' }, options: { to: ['owner', '{{ record.contact.email }}'], subject: 'Hi {{ record.name }}', body: 'Hello' } };
		expect(templateTexts(action)).toEqual([
			{ key: 'to[1]', text: '{{ record.contact.email }}' },
			{ key: 'subject', text: 'Hi {{ record.name }}' },
			{ key: 'body', text: 'Hello' },
		]);
		expect(hasTemplates(action)).toBe(true);
	});

	it('lists Liquid field values and webhook texts; nothing for tags or saved actions', () => {
		expect(templateTexts({ type: 'update_fields', options: { values: { status: 'done', note: '{{ now }}' } } })).toEqual([{ key: 'values.note', text: '{{ now }}' }]);
		expect(templateTexts({ type: 'webhook', options: { url: 'https://x.test/{{ record.id }}', headers: { 'X-A': 'b' }, body: '{"a":1}' } }).map((entry) => entry.key)).toEqual(['url', 'body']);
		expect(hasTemplates({ type: 'tag', options: { add: ['x'] } })).toBe(false);
		expect(templateTexts({ use: 'abc', timing: { type: 'instant' } })).toEqual([]);
	});

	it('builds the request and reads the API error', () => {
		expect(previewBody('appointments', 3, '{{ record.id }}')).toEqual({ collection: 'appointments', item: '3', template: '{{ record.id }}' });
		const error = { response: { data: { errors: [{ message: 'template: unexpected', extensions: { code: 'INVALID_TEMPLATE', path: 'template', problem: 'output "{{ record" not closed, line:2, col:5', line: 2, column: 5 } }] } } };
		expect(previewProblem(error)).toEqual({ message: 'output "{{ record" not closed, line:2, col:5', line: 2, column: 5 });
		expect(previewProblem(new Error('Network Error')).message).toBe('Network Error');
	});
});
