import axios from 'axios';
import type { Readable } from 'node:stream';
import type { AllowList } from './allow-list.js';
import type { WebhookResponse } from './classify.js';
import { requestError } from './classify.js';
import { guardedAgents } from './guard.js';
import type { WebhookRequest } from './request.js';

/** The whole exchange (look-up, connect, answer, the start of its body) gets this long. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** As much of an answer as is read: enough to say why a receiver refused. */
const EXCERPT_BYTES = 1024;

/** The start of a body; the rest is not downloaded. */
async function excerptOf(stream: Readable, limit: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// A body cut short (the deadline, a reset) still has its start, and the status is known.
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8').replace(/\uFFFD+$/, '');
}

/**
 * Sends one request through the SSRF guard, without following redirects or honouring proxy
 * variables (a proxy would connect on our behalf, past the guard). Any answer is returned, to be
 * judged by its status; no answer throws the classified error (core/actions/action-errors.ts).
 */
export async function send(request: WebhookRequest, allow: AllowList, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookResponse> {
	const where = `${request.method} ${request.url.origin}`;
	const signal = AbortSignal.timeout(timeoutMs);
	const agents = await guardedAgents(request.url, allow, signal);
	try {
		const response = await axios.request<Readable>({
			url: request.url.href,
			method: request.method,
			headers: request.headers,
			data: request.body ?? undefined,
			// The body goes out byte for byte as signed: axios would re-encode or trim a JSON string.
			transformRequest: [(data: unknown) => data],
			responseType: 'stream',
			validateStatus: () => true,
			maxRedirects: 0,
			proxy: false,
			signal,
			...agents,
		});
		const headers = response.headers as Record<string, unknown>;
		return {
			status: response.status,
			retryAfter: typeof headers['retry-after'] === 'string' ? headers['retry-after'] : null,
			location: typeof headers['location'] === 'string' ? headers['location'] : null,
			excerpt: await excerptOf(response.data, EXCERPT_BYTES),
		};
	} catch (error) {
		throw requestError(error, where, signal.aborted ? { after: timeoutMs } : null);
	} finally {
		agents.httpAgent.destroy();
		agents.httpsAgent.destroy();
	}
}
