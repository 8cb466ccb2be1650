import { describe, expect, it } from 'vitest';
import { escapeMarkdown, failureNotification } from './failure-notice.js';

describe('failureNotification', () => {
	const job = { id: 7, run: 3, action_type: 'webhook', collection: 'appointments', item: '12', last_error: 'HTTP 500 from [x](http://evil)', rule_name: 'Tell *the* contractor', owner: 'u1' };

	it('goes to the rule owner, names the action, the rule, the record and the error, and links the run', () => {
		const notice = failureNotification(job);
		expect(notice).toMatchObject({ recipient: 'u1', collection: 'workflow_jobs', item: '7' });
		expect(notice['subject']).toBe('Workflow rule “Tell *the* contractor”: webhook action failed');
		expect(notice['message']).toContain('Tell \\*the\\* contractor');
		expect(notice['message']).toContain('HTTP 500 from \\[x\\]\\(http://evil\\)');
		expect(notice['message']).toContain('(/admin/workflow-rules/runs/3)');
	});

	it('escapes markdown so user text stays text', () => {
		expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>');
	});
});
