import { describe, expect, it } from 'vitest';
import { isUnary, leafCounts, parseTrace, valueText } from './trace-format';

const leaf = (result: boolean) => ({ kind: 'leaf' as const, path: 'status', operator: '_eq', expected: 'x', actual: 'y', result });

describe('trace format', () => {
	it('shows values as short texts', () => {
		expect(valueText('Lawn care')).toBe('"Lawn care"');
		expect(valueText(3)).toBe('3');
		expect(valueText(null)).toBe('empty');
		expect(valueText(['a', 'b'])).toBe('["a","b"]');
		expect(valueText('x'.repeat(300)).length).toBe(120);
		expect(isUnary('_null')).toBe(true);
		expect(isUnary('_eq')).toBe(false);
	});

	it('reads stored traces, JSON text and bare trees included', () => {
		expect(parseTrace(null)).toBeNull();
		expect(parseTrace('not json')).toBeNull();
		expect(parseTrace({ conditions: null })).toEqual({ conditions: null });
		expect(parseTrace(JSON.stringify({ conditions: leaf(true) }))).toEqual({ conditions: leaf(true) });
		expect(parseTrace(leaf(false))).toEqual({ conditions: leaf(false) });
		expect(parseTrace({ other: 1 })).toBeNull();
	});

	it('counts passing and failing leaves', () => {
		expect(leafCounts({ kind: 'and', path: '', result: false, children: [leaf(true), { kind: 'or', path: '', result: false, children: [leaf(false), leaf(false)] }] })).toEqual({ passed: 1, failed: 2 });
	});
});
