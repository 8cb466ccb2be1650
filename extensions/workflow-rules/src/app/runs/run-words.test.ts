import { describe, expect, it } from 'vitest';
import { outcomeKey } from './run-words.js';

describe('run words', () => {
	it('says what the run did', () => {
		expect(outcomeKey({ outcome: 'not_matched' }).key).toBe('module.outcome.not_matched');
		expect(outcomeKey({ outcome: 'skipped', message: 'first time only' })).toEqual({ key: 'module.outcome.skipped', params: { message: 'first time only', depth: 0 } });
		expect(outcomeKey({ outcome: 'weird' }).key).toBe('module.outcome.error');
	});
});
