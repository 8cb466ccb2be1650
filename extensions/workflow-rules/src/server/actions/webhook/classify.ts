import { PermanentActionError, RetryableActionError } from '../../../core/actions/action-errors.js';
import { ALLOW_VARIABLE } from './allow-list.js';
import { refusedAddress } from './guard.js';
import { parseRetryAfter } from './retry-after.js';

type ActionError = PermanentActionError | RetryableActionError;

/** What a response said, as far as the job needs it. */
export interface WebhookResponse {
	status: number;
	retryAfter?: string | string[] | null;
	location?: string | null;
	/** The start of the body. */
	excerpt: string;
}

const brief = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text).replace(/\s+/g, ' ').trim();

/**
 * The error an answer amounts to, or null for a 2xx. A 429 or a 5xx may pass (after the
 * receiver's `Retry-After` when it gave one); a redirect is not followed, and another 4xx would
 * be refused again: both are final.
 */
export function responseError(response: WebhookResponse, where: string, now: Date): ActionError | null {
	const { status, excerpt } = response;
	if (status >= 200 && status < 300) return null;
	const said = excerpt ? `: ${brief(excerpt)}` : '';
	if (status === 429 || status >= 500) {
		const retryAfterMs = parseRetryAfter(response.retryAfter, now);
		return new RetryableActionError(`${where} answered ${status}${said}`, { kind: 'http', status, ...(retryAfterMs === null ? {} : { retryAfterMs }) });
	}
	if (status >= 300 && status < 400) {
		const to = response.location ? ` to ${brief(response.location)}` : '';
		return new PermanentActionError(`${where} answered ${status}, a redirect${to}: redirects are not followed; set the webhook's URL to where it should go`, { kind: 'http', status });
	}
	return new PermanentActionError(`${where} answered ${status}${said}`, { kind: 'http', status });
}

/** Certificate and TLS failures: the same certificate is refused again until someone changes it. */
const TLS = /^(?:CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
/** Failures of the request as built (a malformed header, URL or option): retrying sends the same. */
const MALFORMED = /^(?:ERR_INVALID_|ERR_HTTP_INVALID_|ERR_BAD_OPTION|ERR_NOT_SUPPORT)/;

/**
 * The error a request that got no answer amounts to. Timeouts and connection failures may pass;
 * a refused address, a TLS failure or a malformed request will not.
 */
export function requestError(error: unknown, where: string, timedOut: { after: number } | null): ActionError {
	if (timedOut) return new RetryableActionError(`${where} did not answer within ${timedOut.after / 1000} s`, { kind: 'timeout' });

	const refused = refusedAddress(error);
	if (refused) {
		const target = refused.host ? `${refused.address} (${refused.host})` : refused.address;
		return new PermanentActionError(
			`refused to connect to ${target}: webhooks may not reach loopback, private, link-local or other non-public addresses; add the address, a CIDR or the host name to ${ALLOW_VARIABLE} to allow it`,
			{ kind: 'ssrf' },
		);
	}

	const code = String((error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code ?? '');
	const message = error instanceof Error ? error.message : String(error);
	if (TLS.test(code)) return new PermanentActionError(`${where}: TLS failed (${code}): ${message}`, { kind: 'tls' });
	if (MALFORMED.test(code)) return new PermanentActionError(`${where}: the request could not be sent (${code}): ${message}`, { kind: 'invalid' });
	return new RetryableActionError(`could not reach ${where}${code ? ` (${code})` : ''}: ${message}`, { kind: 'connection' });
}
