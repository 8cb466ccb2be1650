import { describe, expect, it } from 'vitest';
import { keepStoredActionSecrets, keepStoredSecrets } from './keep-stored-secrets.js';
import { SECRET_MASK } from './redact-secrets.js';

const webhook = (url: string, secret?: string, headers?: Record<string, string>) => ({ type: 'webhook', timing: { type: 'instant' }, options: { url, method: 'POST', ...(secret ? { secret } : {}), ...(headers ? { headers } : {}) } });

describe('keepStoredSecrets', () => {
	it('puts the stored secret and credential headers back where the mask was', () => {
		const stored = { url: 'https://a.example', secret: 'whsec_stored', headers: { Authorization: 'Bearer stored', 'X-Trace': 'on' } };
		const posted = { url: 'https://a.example', secret: SECRET_MASK, headers: { authorization: SECRET_MASK, 'X-Trace': 'off' } };
		expect(keepStoredSecrets(posted, stored, 'actions[0].options')).toEqual({ options: { url: 'https://a.example', secret: 'whsec_stored', headers: { authorization: 'Bearer stored', 'X-Trace': 'off' } }, issues: [] });
	});

	it('keeps a newly typed secret and leaves options without masks untouched', () => {
		const posted = { url: 'https://a.example', secret: 'whsec_new' };
		expect(keepStoredSecrets(posted, { secret: 'whsec_old' }, 'p').options).toBe(posted);
	});

	it('names the path of a mask with nothing stored to keep', () => {
		const { issues } = keepStoredSecrets({ secret: SECRET_MASK, headers: { 'X-Api-Key': SECRET_MASK } }, null, 'actions[2].options');
		expect(issues.map((issue) => issue.path)).toEqual(['actions[2].options.secret', 'actions[2].options.headers.X-Api-Key']);
	});

	it('does not treat the mask in a header that is no credential as a secret', () => {
		const posted = { headers: { 'X-Note': SECRET_MASK } };
		expect(keepStoredSecrets(posted, null, 'p')).toEqual({ options: posted, issues: [] });
	});
});

describe('keepStoredActionSecrets', () => {
	it('finds each webhook’s secret by its URL when the actions were reordered', () => {
		const stored = [webhook('https://a.example', 'secret-a'), webhook('https://b.example', 'secret-b')];
		const posted = [webhook('https://b.example', SECRET_MASK), webhook('https://a.example', SECRET_MASK)];
		const { actions, issues } = keepStoredActionSecrets(posted, stored);
		expect(issues).toEqual([]);
		expect((actions as { options: { secret: string } }[]).map((action) => action.options.secret)).toEqual(['secret-b', 'secret-a']);
	});

	it('keeps the secret of the webhook at the same place when its URL was edited', () => {
		const { actions } = keepStoredActionSecrets([webhook('https://new.example', SECRET_MASK)], [webhook('https://old.example', 'secret-old')]);
		expect((actions as { options: { secret: string } }[])[0]!.options.secret).toBe('secret-old');
	});

	it('refuses a mask on a new rule', () => {
		expect(keepStoredActionSecrets([{ type: 'tag', options: { add: ['x'] } }, webhook('https://a.example', SECRET_MASK)], []).issues).toEqual([
			{ path: 'actions[1].options.secret', message: expect.stringContaining('type the secret again') },
		]);
	});
});
