import { envReferenceName } from './env-reference.js';
import type { RuleAction } from './rule-types.js';

/** What stands in for a secret wherever a rule is copied out of its row. */
export const SECRET_MASK = '[redacted]';

/** Request headers whose values are credentials by their name (`Authorization`, `X-Api-Key`, …). */
const SENSITIVE_HEADER = /^(?:authorization|proxy-authorization|cookie)$|api-?key|token|secret|password|signature/i;

export function isSensitiveHeader(name: string): boolean {
	return SENSITIVE_HEADER.test(name);
}

/** A webhook's options with a literal secret and credential header values masked. */
export function redactActionOptions(options: Record<string, unknown>): Record<string, unknown> {
	const { secret, headers } = options;
	const copy = { ...options };
	// A `$env.NAME` reference is no secret and tells the reader where the value comes from.
	if (typeof secret === 'string' && !envReferenceName(secret)) copy['secret'] = SECRET_MASK;
	if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
		copy['headers'] = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSensitiveHeader(name) ? SECRET_MASK : value]));
	}
	return copy;
}

/**
 * The rule as it may be copied into a run's `rule_snapshot` or an API response: literal webhook
 * secrets and credential headers masked. The stored rule keeps them; only copies are redacted,
 * so that whoever may read runs or test rules learns nothing they could sign or call with.
 */
export function redactRuleSecrets<T extends { actions: RuleAction[] }>(rule: T): T {
	return {
		...rule,
		actions: rule.actions.map((action) => (action.type === 'webhook' && action.options && typeof action.options === 'object' ? { ...action, options: redactActionOptions(action.options) } : action)),
	};
}

/** `text` with every occurrence of the given secret values masked (a receiver echoing a credential back). */
export function maskSecretValues(text: string, secrets: readonly string[]): string {
	// Longest first: a header `key-<secret>` is masked whole, not left as `key-[redacted]`.
	const longestFirst = secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
	return longestFirst.reduce((masked, secret) => masked.split(secret).join(SECRET_MASK), text);
}
