import { templateFields } from '../../../core/actions/template-fields.js';
import { webhookOptions } from '../../../core/rule/action-options.js';
import { isSensitiveHeader, maskSecretValues } from '../../../core/rule/redact-secrets.js';
import { defineAction } from '../action-definition.js';
import { readAllowList } from './allow-list.js';
import { responseError } from './classify.js';
import { send } from './send.js';
import { resolveSecret, signatureHeaders, webhookId } from './sign.js';
import { renderRequest } from './request.js';

const EXCERPT_KEPT = 500;

/**
 * Sends an HTTP request about the record (SPEC §5): signed with the Standard Webhooks headers when
 * a secret is set, through the SSRF guard, without following redirects. The job keeps the status
 * and the start of the answer, never the request's headers.
 */
export const webhook = defineAction({
	type: 'webhook',
	options: webhookOptions,
	fields: (options) => templateFields(options),
	writes: () => [],
	// A call to another server holds no transaction: on SQLite it would hold the only connection
	// for as long as the receiver takes. Sent first, then the job is marked succeeded; a crash in
	// between sends it again, with the same webhook-id for the receiver to drop the repeat.
	transactional: false,
	async run(options, run) {
		const { env, logger } = run.runtime;
		const secret = options.secret ? resolveSecret(options.secret, env) : null;
		const request = await renderRequest(options, run);

		const id = webhookId(run.idempotencyKey);
		request.headers['webhook-id'] = id;
		if (secret) Object.assign(request.headers, signatureHeaders(secret, id, new Date(), request.body ?? ''));

		// A receiver that echoes the request back must not put a credential into the job's row.
		const secrets = [...(secret ? [secret] : []), ...Object.entries(request.headers).flatMap(([name, value]) => (isSensitiveHeader(name) ? [value] : []))];
		const response = await send(request, readAllowList(env, logger));
		const excerpt = maskSecretValues(response.excerpt, secrets);
		const location = response.location ? maskSecretValues(response.location, secrets) : null;

		const failure = responseError({ ...response, excerpt, location }, `${request.method} ${request.url.origin}`, new Date());
		if (failure) throw failure;
		return { status: response.status, response: excerpt.slice(0, EXCERPT_KEPT) };
	},
});
