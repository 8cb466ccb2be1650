import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { secretProblem } from '../../../core/rule/action-options.js';
import { envReferenceName } from '../../../core/rule/env-reference.js';

/**
 * The secret to sign with: the option itself, or for `$env.NAME` that variable as Directus read
 * it at start-up. A missing variable fails the job for good, naming the variable (never a value).
 */
export function resolveSecret(secret: string, env: Record<string, unknown>): string {
	const name = envReferenceName(secret);
	if (!name) return secret;
	const fail = (problem: string) => new PermanentActionError(`the webhook secret $env.${name}: the environment variable ${name} ${problem}`, { kind: 'config' });
	const value = Object.hasOwn(env, name) ? env[name] : undefined;
	if (value === undefined || value === null || value === '') throw fail('is not set');
	// Directus casts variables that look like numbers; those stay exact as long as they are integers.
	const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;
	if (text === null) throw fail(`was read by Directus as ${Array.isArray(value) ? 'a list' : typeof value}, not text (prefix its value with "string:")`);
	const problem = secretProblem(text);
	if (problem) throw fail(problem);
	return text;
}

/**
 * A Standard Webhooks signer. The package takes its key as base64 (`whsec_` + base64, as
 * standardwebhooks.com hands them out); a plain secret is taken as the UTF-8 bytes of its text,
 * base64-encoded for the package. A receiver verifies with the same package:
 *   new Webhook(secret).verify(rawBody, headers)                                   // whsec_… secrets
 *   new Webhook(Buffer.from(secret, 'utf8').toString('base64')).verify(rawBody, headers)  // plain secrets
 * (any Standard Webhooks library: HMAC-SHA256 keyed with those bytes over "id.timestamp.body").
 */
export function signer(secret: string): Webhook {
	return new Webhook(secret.startsWith('whsec_') ? secret : Buffer.from(secret, 'utf8').toString('base64'));
}

/** The Standard Webhooks headers of one attempt: the same id on every retry, this attempt's time. */
export function signatureHeaders(secret: string, id: string, at: Date, payload: string): Record<string, string> {
	return {
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': signer(secret).sign(id, at, payload),
	};
}

/**
 * `webhook-id`: the job's idempotency key, which a receiver uses to drop a repeat. A key that is
 * no valid header value (a record key with spaces or non-ASCII) is sent as its hash instead.
 */
export function webhookId(idempotencyKey: string): string {
	return /^[\x21-\x7e]{1,200}$/.test(idempotencyKey) ? idempotencyKey : `wr_${createHash('sha256').update(idempotencyKey).digest('hex')}`;
}
