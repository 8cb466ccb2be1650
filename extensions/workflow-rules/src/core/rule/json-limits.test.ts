import { describe, expect, it } from 'vitest';
import { jsonDepthIssue, jsonLimitIssue, MAX_JSON_CHARS, MAX_JSON_DEPTH } from './json-limits.js';

function nested(levels: number): unknown {
	let value: unknown = { status: { _eq: 'x' } };
	for (let level = 0; level < levels; level++) value = { _and: [value] };
	return value;
}

describe('jsonLimitIssue', () => {
	it('accepts values up to the depth limit and names where a deeper one goes too far', () => {
		// Each _and takes two levels (object, array); the innermost field and operator two more.
		const levels = (MAX_JSON_DEPTH - 2) / 2;
		expect(jsonLimitIssue(nested(levels), 'conditions')).toBeNull();
		expect(jsonLimitIssue(nested(levels + 1), 'conditions')).toMatchObject({ path: expect.stringMatching(/^conditions\._and\[0\]/), message: expect.stringMatching(/nested too deeply/) });
	});

	it('answers for a value nested far deeper than the stack could recurse', () => {
		expect(jsonDepthIssue(nested(200_000), 'conditions')?.message).toMatch(/nested too deeply/);
	});

	it('refuses JSON larger than the size limit', () => {
		expect(jsonLimitIssue({ title: { _in: ['x'.repeat(MAX_JSON_CHARS)] } }, 'conditions')).toMatchObject({ path: 'conditions', message: expect.stringMatching(/too large/) });
		expect(jsonLimitIssue('short', 'name')).toBeNull();
	});
});
