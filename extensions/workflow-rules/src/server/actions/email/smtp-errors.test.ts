import { describe, expect, it } from 'vitest';
import { PermanentActionError, RetryableActionError } from '../../../core/actions/action-errors.js';
import { classifySendError } from './smtp-errors.js';

/** An error shaped as nodemailer's smtp-connection makes them. */
function smtpError(message: string, fields: Record<string, unknown>): Error {
	return Object.assign(new Error(message), fields);
}

function outcome(error: unknown) {
	const classified = classifySendError(error);
	if (classified instanceof PermanentActionError || classified instanceof RetryableActionError) return { retryable: classified.retryable, kind: classified.kind, status: classified.status };
	return classified;
}

describe('classifySendError', () => {
	it.each([
		['connection refused', smtpError('connect ECONNREFUSED 127.0.0.1:2525', { code: 'ESOCKET', command: 'CONN' })],
		['connection closed', smtpError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' })],
		['greeting timeout', smtpError('Greeting never received', { code: 'ETIMEDOUT', command: 'CONN' })],
		['DNS failure', smtpError('getaddrinfo EAI_AGAIN smtp.example.com', { code: 'EDNS' })],
	])('retries a connection failure: %s', (_what, error) => {
		expect(outcome(error)).toEqual({ retryable: true, kind: 'connection', status: null });
	});

	it('retries an SMTP 4xx with its reply code', () => {
		expect(outcome(smtpError("Can't send mail - all recipients were rejected: 451 4.3.0 Try later", { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, rejectedErrors: [smtpError('Recipient command failed: 451 4.3.0 Try later', { responseCode: 451 })] }))).toEqual({ retryable: true, kind: 'smtp', status: 451 });
		expect(outcome(smtpError('Message failed: 452 4.3.1 Insufficient storage', { code: 'EMESSAGE', command: 'DATA', responseCode: 452 }))).toEqual({ retryable: true, kind: 'smtp', status: 452 });
		expect(outcome(smtpError('Invalid login: 454 4.7.0 Temporary authentication failure', { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 454 }))).toEqual({ retryable: true, kind: 'smtp', status: 454 });
	});

	it('fails an SMTP 5xx for good; a refused recipient says so', () => {
		expect(outcome(smtpError("Can't send mail - all recipients were rejected: 550 5.1.1 No such user", { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, rejectedErrors: [smtpError('Recipient command failed: 550 5.1.1 No such user', { responseCode: 550 })] }))).toEqual({ retryable: false, kind: 'recipient_refused', status: 550 });
		expect(outcome(smtpError('Message failed: 554 5.7.1 Spam', { code: 'EMESSAGE', command: 'DATA', responseCode: 554 }))).toEqual({ retryable: false, kind: 'smtp', status: 554 });
		expect(outcome(smtpError('Invalid login: 535 5.7.8 Authentication failed', { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }))).toEqual({ retryable: false, kind: 'smtp', status: 535 });
	});

	it('fails for good when any refused recipient was refused for good', () => {
		const rejectedErrors = [smtpError('451', { responseCode: 451 }), smtpError('550', { responseCode: 550 })];
		expect(outcome(smtpError("Can't send mail - all recipients were rejected: 451 Try later", { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, rejectedErrors }))).toEqual({ retryable: false, kind: 'recipient_refused', status: 550 });
	});

	it('reads the reply code of a wrapped error', () => {
		const wrapped = new Error('sending failed', { cause: smtpError('Message failed: 421 4.4.2 Timeout', { code: 'EMESSAGE', responseCode: 421 }) });
		expect(outcome(wrapped)).toEqual({ retryable: true, kind: 'smtp', status: 421 });
	});

	it('retries when Directus’ email rate limit is reached', () => {
		expect(outcome(smtpError('Too many emails', { code: 'EMAIL_LIMIT_EXCEEDED', status: 429 }))).toEqual({ retryable: true, kind: 'rate_limit', status: 429 });
	});

	it('fails for good when nodemailer refuses the message itself', () => {
		expect(outcome(smtpError('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }))).toEqual({ retryable: false, kind: 'smtp', status: null });
	});

	it('leaves errors that are not about sending as they are', () => {
		const directus = smtpError('Invalid payload', { code: 'INVALID_PAYLOAD', status: 400 });
		expect(classifySendError(directus)).toBe(directus);
		const bug = new TypeError('x is undefined');
		expect(classifySendError(bug)).toBe(bug);
		const decided = new PermanentActionError('already decided', { kind: 'header_injection' });
		expect(classifySendError(decided)).toBe(decided);
	});
});
