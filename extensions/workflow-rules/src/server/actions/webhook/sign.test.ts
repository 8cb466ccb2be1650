import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { resolveSecret, signatureHeaders, webhookId } from './sign.js';

const at = new Date();
const payload = '{"event":{"name":"scheduled"}}';

describe('signatureHeaders', () => {
	it('signs so that a receiver verifies a whsec_ secret with the package as given', () => {
		const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		const headers: Record<string, string> = { 'webhook-id': 'job-1', ...signatureHeaders(secret, 'job-1', at, payload) };
		expect(new Webhook(secret).verify(payload, headers)).toEqual({ event: { name: 'scheduled' } });
		expect(() => new Webhook('whsec_' + Buffer.from('another key of 16+ bytes').toString('base64')).verify(payload, headers)).toThrow('No matching signature');
	});

	it('signs with a plain secret as the bytes of its text, as the comment tells receivers', () => {
		const secret = 'plain shared secret, ünïcode too';
		const headers: Record<string, string> = { 'webhook-id': 'job-1', ...signatureHeaders(secret, 'job-1', at, payload) };
		expect(new Webhook(Buffer.from(secret, 'utf8').toString('base64')).verify(payload, headers)).toEqual({ event: { name: 'scheduled' } });
		expect(() => new Webhook(Buffer.from(secret, 'utf8').toString('base64')).verify(payload + ' ', headers)).toThrow('No matching signature');
		expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
	});
});

describe('resolveSecret', () => {
	it('keeps a literal secret and reads $env.NAME from the environment', () => {
		expect(resolveSecret('a-literal-secret-of-some-length', {})).toBe('a-literal-secret-of-some-length');
		expect(resolveSecret('$env.HOOK_SECRET', { HOOK_SECRET: 'from the environment!' })).toBe('from the environment!');
		expect(resolveSecret('$env.HOOK_SECRET', { HOOK_SECRET: 1234567890123456 })).toBe('1234567890123456');
	});

	it('fails for good naming the variable, never its value', () => {
		expect(() => resolveSecret('$env.HOOK_SECRET', {})).toThrow('the webhook secret $env.HOOK_SECRET: the environment variable HOOK_SECRET is not set');
		for (const value of ['too-short', ['a-list', 'of-values']]) {
			let message = '';
			try {
				resolveSecret('$env.HOOK_SECRET', { HOOK_SECRET: value });
			} catch (error) {
				expect(error).toMatchObject({ retryable: false, kind: 'config' });
				message = (error as Error).message;
			}
			expect(message).toMatch(/^the webhook secret \$env\.HOOK_SECRET: the environment variable HOOK_SECRET /);
			expect(message).not.toMatch(/too-short|a-list/);
		}
	});
});

describe('webhookId', () => {
	it('is the idempotency key, or its hash when that is no valid header value', () => {
		expect(webhookId('rule:appointments:42:w1:0')).toBe('rule:appointments:42:w1:0');
		expect(webhookId('rule:notes:key with spaces:w1:0')).toMatch(/^wr_[0-9a-f]{64}$/);
		expect(webhookId('rule:notes:key with spaces:w1:0')).toBe(webhookId('rule:notes:key with spaces:w1:0'));
	});
});
