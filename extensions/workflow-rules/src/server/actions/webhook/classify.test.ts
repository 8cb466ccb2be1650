import { describe, expect, it } from 'vitest';
import { PermanentActionError, RetryableActionError } from '../../../core/actions/action-errors.js';
import { requestError, responseError } from './classify.js';

const now = new Date('2026-03-02T10:00:00Z');
const where = 'POST https://hooks.example';
const answer = (status: number, more: { retryAfter?: string; location?: string; excerpt?: string } = {}) => responseError({ status, excerpt: '', ...more }, where, now);

describe('responseError', () => {
	it('accepts every 2xx', () => {
		for (const status of [200, 201, 202, 204, 299]) expect(answer(status)).toBeNull();
	});

	it('retries 429 and 5xx, after Retry-After when given', () => {
		expect(answer(500)).toMatchObject({ retryable: true, kind: 'http', status: 500, retryAfterMs: null });
		expect(answer(503, { retryAfter: '7' })).toMatchObject({ retryable: true, status: 503, retryAfterMs: 7000 });
		expect(answer(429, { retryAfter: 'Mon, 02 Mar 2026 10:00:02 GMT' })).toMatchObject({ retryable: true, status: 429, retryAfterMs: 2000 });
		expect(answer(502)).toBeInstanceOf(RetryableActionError);
	});

	it('fails for good on other 4xx, saying what the receiver said', () => {
		for (const status of [400, 401, 403, 404, 405, 410, 422]) expect(answer(status), String(status)).toMatchObject({ retryable: false, kind: 'http', status });
		expect(answer(400, { excerpt: '{"error":\n  "missing field"}' })?.message).toBe('POST https://hooks.example answered 400: {"error": "missing field"}');
		expect(answer(400)).toBeInstanceOf(PermanentActionError);
	});

	it('fails for good on a redirect, which is not followed', () => {
		const error = answer(302, { location: 'http://169.254.169.254/latest/meta-data' });
		expect(error).toMatchObject({ retryable: false, kind: 'http', status: 302 });
		expect(error?.message).toContain('redirects are not followed');
		expect(error?.message).toContain('to http://169.254.169.254/latest/meta-data');
	});
});

describe('requestError', () => {
	const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

	it('retries timeouts and connection failures', () => {
		expect(requestError(new Error('canceled'), where, { after: 10_000 })).toMatchObject({ retryable: true, kind: 'timeout', message: 'POST https://hooks.example did not answer within 10 s' });
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT']) expect(requestError(withCode(code), where, null), code).toMatchObject({ retryable: true, kind: 'connection' });
		expect(requestError(new Error('socket hang up', { cause: withCode('ECONNRESET') }), where, null).message).toBe('could not reach POST https://hooks.example (ECONNRESET): socket hang up');
	});

	it('fails for good on a refused address, naming it and the setting that allows it', () => {
		const refused = new Error('DNS lookup 127.0.0.1(family:4, host:localhost) is not allowed. Because, It is private IP address.');
		const error = requestError(new Error(refused.message, { cause: refused }), where, null);
		expect(error).toMatchObject({ retryable: false, kind: 'ssrf' });
		expect(error.message).toMatch(/^refused to connect to 127\.0\.0\.1 \(localhost\): .*WORKFLOW_WEBHOOK_ALLOW/);
		expect(requestError(new Error('DNS lookup 10.0.0.1(family:undefined, host:undefined) is not allowed. Because, It is private IP address.'), where, null).message).toMatch(/^refused to connect to 10\.0\.0\.1: /);
	});

	it('fails for good on TLS failures and requests that cannot be built', () => {
		for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) expect(requestError(withCode(code), where, null), code).toMatchObject({ retryable: false, kind: 'tls' });
		expect(requestError(withCode('ERR_INVALID_CHAR'), where, null)).toMatchObject({ retryable: false, kind: 'invalid' });
	});
});
