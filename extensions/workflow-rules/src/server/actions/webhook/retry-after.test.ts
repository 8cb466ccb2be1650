import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

const now = new Date('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
	it('reads delay-seconds', () => {
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
		expect(parseRetryAfter('0', now)).toBe(0);
	});

	it('reads HTTP dates, a past one as no wait', () => {
		expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Monday, 02-Mar-26 10:01:00 GMT', now)).toBe(60_000);
		expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
	});

	it('caps what a receiver may ask for', () => {
		expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
		expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
	});

	it('ignores what is absent or unreadable', () => {
		for (const value of [undefined, null, '', '-5', '1.5', 'soon', '2026-03-02T10:00:30Z']) expect(parseRetryAfter(value, now), String(value)).toBeNull();
	});
});
