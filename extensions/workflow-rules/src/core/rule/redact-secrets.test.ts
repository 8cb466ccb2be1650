import { describe, expect, it } from 'vitest';
import { maskSecretValues, redactRuleSecrets, SECRET_MASK } from './redact-secrets.js';
import type { RuleAction } from './rule-types.js';

const instant = { type: 'instant' } as const;
const webhook = (options: Record<string, unknown>): RuleAction => ({ type: 'webhook', timing: instant, options: { url: 'https://hooks.example/x', ...options } });

describe('redactRuleSecrets', () => {
	it('masks literal secrets and credential headers of webhooks, keeps $env references and everything else', () => {
		const rule = {
			name: 'Notify',
			actions: [
				webhook({ secret: 'a-literal-secret-of-some-length', headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k-123', 'X-Trace': 'visible' } }),
				webhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
				webhook({ secret: '$env.CONTRACTOR_SECRET' }),
				{ type: 'update_fields', timing: instant, options: { values: { secret: 'a field named secret' } } },
			] satisfies RuleAction[],
		};

		const redacted = redactRuleSecrets(rule);

		expect(redacted.actions.map((action) => action.options)).toEqual([
			{ url: 'https://hooks.example/x', secret: SECRET_MASK, headers: { Authorization: SECRET_MASK, 'X-Api-Key': SECRET_MASK, 'X-Trace': 'visible' } },
			{ url: 'https://hooks.example/x', secret: SECRET_MASK },
			{ url: 'https://hooks.example/x', secret: '$env.CONTRACTOR_SECRET' },
			{ values: { secret: 'a field named secret' } },
		]);
		expect(redacted.name).toBe('Notify');
		expect(JSON.stringify(redacted)).not.toMatch(/a-literal-secret|MfKQ9r8|Bearer abc|k-123/);
	});

	it('leaves the rule it was given untouched', () => {
		const rule = { actions: [webhook({ secret: 'a-literal-secret-of-some-length' })] };
		redactRuleSecrets(rule);
		expect(rule.actions[0]?.options['secret']).toBe('a-literal-secret-of-some-length');
	});
});

describe('maskSecretValues', () => {
	it('masks every occurrence of each value', () => {
		expect(maskSecretValues('{"auth":"Bearer abc","again":"Bearer abc"}', ['Bearer abc'])).toBe(`{"auth":"${SECRET_MASK}","again":"${SECRET_MASK}"}`);
		expect(maskSecretValues('nothing to hide', ['Bearer abc'])).toBe('nothing to hide');
		expect(maskSecretValues('you sent key-s3cr3t-value', ['s3cr3t-value', 'key-s3cr3t-value'])).toBe(`you sent ${SECRET_MASK}`);
	});
});
