import { describe, expect, it } from 'vitest';
import { escapeMarkdown, failureNotification, fencedCode, studioBase } from './failure-notice.js';

describe('failureNotification', () => {
	const job = { id: 7, run: 3, action_type: 'webhook', collection: 'appointments', item: '12', last_error: 'HTTP 500 from [x](http://evil)', rule: 'r1', rule_name: 'Tell *the* contractor', owner: 'u1' };

	it('goes to the recipient, names the action, the rule, the record and the error, and links the run', () => {
		const notice = failureNotification(job, 'u1');
		expect(notice).toMatchObject({ recipient: 'u1', collection: 'workflow_jobs', item: '7' });
		expect(notice['subject']).toBe('Workflow rule “Tell *the* contractor”: webhook action failed');
		expect(notice['message']).toContain('Tell \\*the\\* contractor');
		expect(notice['message']).toContain('\n```\nHTTP 500 from [x](http://evil)\n```\n');
		expect(notice['message']).toContain('(/admin/workflow-rules/runs/3)');
	});

	it('links the run under PUBLIC_URL when there is one', () => {
		expect(failureNotification(job, 'admin', studioBase({ PUBLIC_URL: 'https://crm.example.com/' }))).toMatchObject({ recipient: 'admin' });
		expect(failureNotification(job, 'u1', studioBase({ PUBLIC_URL: 'https://crm.example.com/' }))['message']).toContain('(https://crm.example.com/admin/workflow-rules/runs/3)');
		expect(failureNotification({ ...job, run: null }, 'u1', studioBase({ PUBLIC_URL: 'https://crm.example.com/directus' }))['message']).toContain('(https://crm.example.com/directus/admin/content/workflow_jobs/7)');
		expect(studioBase({ PUBLIC_URL: '/' })).toBe('');
		expect(studioBase({})).toBe('');
	});

	it('escapes markdown so user text stays text', () => {
		expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>');
	});

	it('keeps an error in its code block: backticks in it cannot close the fence', () => {
		const block = fencedCode('bad\n```\n# Heading [link](http://evil) `code`');
		expect(block.split('\n').filter((line) => line.startsWith('`'))).toEqual(['```', '```']);
		expect(block).toBe('```\nbad\nˋˋˋ\n# Heading [link](http://evil) ˋcodeˋ\n```');
	});
});
