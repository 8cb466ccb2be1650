import { PermanentActionError } from '../../../core/actions/action-errors.js';
import type { WebhookOptions } from '../../../core/rule/action-options.js';
import { EXTENSION_VERSION } from '../../../shared/version.js';
import type { ActionRun } from '../action-definition.js';

export interface WebhookRequest {
	url: URL;
	method: WebhookOptions['method'];
	headers: Record<string, string>;
	/** Exactly the bytes sent (and signed); null for a GET without a body. */
	body: string | null;
}


async function renderUrl(template: string, run: ActionRun): Promise<URL> {
	const text = (await run.render(template, 'url')).trim();
	try {
		const url = new URL(text);
		if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url;
	} catch {
		// reported below, as for any other URL that is not an absolute http(s) one
	}
	throw new PermanentActionError(`options.url: "${text.slice(0, 200)}" is not an absolute http(s) URL`, { kind: 'template' });
}

/** The event as JSON, sent when the action sets no body: what happened, by which rule, to which record. */
export function eventBody(run: Pick<ActionRun, 'event' | 'collection' | 'item' | 'rule' | 'record' | 'previous'>): string {
	return JSON.stringify({
		event: { name: run.event, collection: run.collection, key: run.item },
		rule: run.rule,
		record: run.record,
		previous: run.previous,
	});
}

/**
 * The request the options describe for this run: URL, header values and body rendered with the
 * record's values as data. A body (templated or not) goes out as written, JSON unless a
 * `Content-Type` header says otherwise; without one, POST, PUT, PATCH and DELETE send the event.
 */
export async function renderRequest(options: WebhookOptions, run: ActionRun): Promise<WebhookRequest> {
	const url = await renderUrl(options.url, run);

	const headers: Record<string, string> = { 'user-agent': `directus-workflow-rules/${EXTENSION_VERSION}` };
	for (const [name, template] of Object.entries(options.headers ?? {})) {
		const value = await run.render(template, `headers.${name}`);
		// A record value must not start a header of its own.
		if (/[\r\n]/.test(value)) throw new PermanentActionError(`options.headers.${name}: the rendered value contains a line break`, { kind: 'template' });
		headers[name] = value;
	}

	const body = typeof options.body === 'string' ? await run.render(options.body, 'body') : options.method === 'GET' ? null : eventBody(run);
	if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';

	return { url, method: options.method, headers, body };
}
