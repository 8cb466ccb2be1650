import { PermanentActionError, RetryableActionError } from '../../../core/actions/action-errors.js';

/** What nodemailer puts on its errors (see nodemailer's smtp-connection `_formatError`). */
export interface SmtpErrorFields {
	code?: unknown;
	responseCode?: unknown;
	command?: unknown;
	rejectedErrors?: unknown;
	cause?: unknown;
	message?: unknown;
}

/** The connection never carried an SMTP answer: the server may be back on the next attempt. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);
/** nodemailer refusing the message or the server's login without an SMTP 4xx: the same send fails again. */
const FINAL_CODES = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE', 'EREQUIRETLS']);

function fieldsOf(error: unknown): SmtpErrorFields {
	return error !== null && typeof error === 'object' ? (error as SmtpErrorFields) : {};
}

/** The error itself, or the first error in its `cause` chain that carries an SMTP code: a wrapper must not hide the server's answer. */
function smtpError(error: unknown): SmtpErrorFields | null {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const fields = fieldsOf(current);
		if (typeof fields.responseCode === 'number' || typeof fields.code === 'string') return fields;
		current = fields.cause;
	}
	return null;
}

/** The SMTP reply codes of an error and of the recipients it says were refused, each once. */
export function replyCodes(fields: SmtpErrorFields): number[] {
	const rejected = Array.isArray(fields.rejectedErrors) ? fields.rejectedErrors.map((rejection) => fieldsOf(rejection).responseCode) : [];
	const codes = [...rejected, fields.responseCode].filter((code): code is number => typeof code === 'number');
	return [...new Set(codes)];
}

/**
 * Turns what sending threw into a retryable or permanent action error (kind `smtp`, `connection`
 * or `rate_limit`; status = the SMTP reply code): an SMTP 4xx or a connection failure may pass,
 * an SMTP 5xx (a refused recipient among them) will not. Errors that are not about sending
 * (Directus refusing the payload, a bug) are returned as they are.
 */
export function classifySendError(error: unknown): unknown {
	if (error instanceof PermanentActionError || error instanceof RetryableActionError) return error;
	// Directus' own email rate limiter (RATE_LIMITER_EMAIL_*): a later attempt gets a new token.
	if (fieldsOf(error).code === 'EMAIL_LIMIT_EXCEEDED') return new RetryableActionError(`mail not sent: ${String(fieldsOf(error).message)}`, { kind: 'rate_limit', status: 429 }, { cause: error });

	const smtp = smtpError(error);
	if (!smtp) return error;
	const message = `mail not sent: ${String(smtp.message ?? error)}`;
	const codes = replyCodes(smtp);
	const status = typeof smtp.responseCode === 'number' ? smtp.responseCode : codes[0];

	if (codes.some((code) => code >= 500)) {
		const refused = smtp.command === 'RCPT TO';
		return new PermanentActionError(message, { kind: refused ? 'recipient_refused' : 'smtp', status: codes.find((code) => code >= 500) }, { cause: error });
	}
	if (codes.some((code) => code >= 400)) return new RetryableActionError(message, { kind: 'smtp', ...(status === undefined ? {} : { status }) }, { cause: error });
	if (typeof smtp.code === 'string' && CONNECTION_CODES.has(smtp.code)) return new RetryableActionError(message, { kind: 'connection' }, { cause: error });
	if (typeof smtp.code === 'string' && FINAL_CODES.has(smtp.code)) return new PermanentActionError(message, { kind: 'smtp', ...(status === undefined ? {} : { status }) }, { cause: error });
	return error;
}
