import { describe, expect, it } from 'vitest';
import { errorLines, verdictOf } from './dry-run-words';

describe('dry run words', () => {
	it('says why a rule would or would not fire', () => {
		expect(verdictOf({ listens: true, matched: true })).toBe('fires');
		expect(verdictOf({ listens: false, matched: true })).toBe('not_listening');
		expect(verdictOf({ listens: true, matched: false })).toBe('no_match');
		expect(verdictOf({ listens: true, matched: true, gate: 'already fired once' })).toBe('gated');
	});

	it('lists the API errors', () => {
		const error = { response: { data: { errors: [{ message: 'actions[0].options.url: must be an absolute http(s) URL' }, { message: 'name: is required' }] } } };
		expect(errorLines(error)).toEqual(['actions[0].options.url: must be an absolute http(s) URL', 'name: is required']);
		expect(errorLines(new Error('offline'))).toEqual(['offline']);
	});
});
