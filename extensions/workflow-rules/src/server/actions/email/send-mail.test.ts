import { describe, expect, it } from 'vitest';
import { messageIdFor } from './send-mail.js';

describe('messageIdFor', () => {
	it('is the same for every attempt of a job and differs between jobs', () => {
		const id = messageIdFor('rule:leads:1:write:0', 'workflow-rules@example.com');
		expect(id).toMatch(/^<workflow-[0-9a-f]{32}@example\.com>$/);
		expect(messageIdFor('rule:leads:1:write:0', 'workflow-rules@example.com')).toBe(id);
		expect(messageIdFor('rule:leads:1:write:1', 'workflow-rules@example.com')).not.toBe(id);
	});

	it('takes only a domain from the sender, or none', () => {
		expect(messageIdFor('k', 'x@exa>mple.com\r\n')).toMatch(/@example\.com>$/);
		expect(messageIdFor('k', undefined)).toMatch(/@workflow-rules\.invalid>$/);
	});
});
