import { describe, expect, it } from 'vitest';
import { OPERATORS, compileRegex, getOperator } from './operators.js';

function check(operator: string, actual: unknown, expected: unknown): boolean {
	const definition = getOperator(operator);
	if (!definition) throw new Error(`no operator ${operator}`);
	return definition.test(actual, expected);
}

describe('operator registry', () => {
	it('holds every Directus comparison operator and nothing from the object prototype', () => {
		expect([...OPERATORS.keys()]).toHaveLength(27);
		expect(getOperator('_equals')).toBeUndefined();
		expect(getOperator('__proto__')).toBeUndefined();
		expect(getOperator('_between')?.value).toBe('range');
	});
});

describe('equality and order', () => {
	it('_eq / _neq coerce database values', () => {
		expect(check('_eq', '120.00', 120)).toBe(true);
		expect(check('_eq', 1, true)).toBe(true);
		expect(check('_eq', null, null)).toBe(true);
		expect(check('_eq', '', null)).toBe(false);
		expect(check('_neq', 'cancelled', 'scheduled')).toBe(true);
		expect(check('_neq', null, 'scheduled')).toBe(true);
	});

	it('_lt / _lte / _gt / _gte are numeric, chronological or textual, never true for null', () => {
		expect(check('_gt', '120.00', 99.5)).toBe(true);
		expect(check('_lt', '9', '10')).toBe(true);
		expect(check('_gte', '2026-11-23 10:00:00', '2026-11-23')).toBe(true);
		expect(check('_lt', new Date('2026-11-22T23:00:00Z'), '2026-11-23')).toBe(true);
		expect(check('_lte', 5, 5)).toBe(true);
		expect(check('_gt', null, 0)).toBe(false);
		expect(check('_lt', null, 0)).toBe(false);
	});

	it('_between / _nbetween are inclusive', () => {
		expect(check('_between', 10, [10, 20])).toBe(true);
		expect(check('_between', '20.00', [10, 20])).toBe(true);
		expect(check('_between', 21, [10, 20])).toBe(false);
		expect(check('_between', '2026-11-23 10:00:00', ['2026-11-23', '2026-11-24'])).toBe(true);
		expect(check('_nbetween', 21, [10, 20])).toBe(true);
		expect(check('_nbetween', 21, [10])).toBe(false);
	});
});

describe('membership and emptiness', () => {
	it('_in / _nin test a value, or any element of an array value', () => {
		expect(check('_in', 'scheduled', ['scheduled', 'overdue'])).toBe(true);
		expect(check('_in', '2', [1, 2])).toBe(true);
		expect(check('_in', '["vip","north"]', ['north'])).toBe(true);
		expect(check('_in', null, ['a'])).toBe(false);
		expect(check('_in', 'b', 'a,b')).toBe(true);
		expect(check('_nin', 'completed', ['scheduled', 'overdue'])).toBe(true);
		expect(check('_nin', null, ['a'])).toBe(true);
	});

	it('_null / _nnull follow their boolean value', () => {
		expect(check('_null', null, true)).toBe(true);
		expect(check('_null', undefined, true)).toBe(true);
		expect(check('_null', 0, true)).toBe(false);
		expect(check('_null', null, false)).toBe(false);
		expect(check('_null', 'x', false)).toBe(true);
		expect(check('_nnull', 'x', true)).toBe(true);
		expect(check('_nnull', 'x', false)).toBe(false);
	});

	it('_empty / _nempty: null, empty text, empty array (or JSON text of one), empty object', () => {
		for (const empty of [null, undefined, '', [], '[]', {}]) expect(check('_empty', empty, true)).toBe(true);
		for (const full of ['a', ['a'], 0, false]) expect(check('_empty', full, true)).toBe(false);
		expect(check('_nempty', ['a'], true)).toBe(true);
		expect(check('_empty', 'a', false)).toBe(true);
	});
});

describe('text operators', () => {
	it('_contains is membership on arrays and substring on text', () => {
		expect(check('_contains', ['vip', 'north'], 'vip')).toBe(true);
		expect(check('_contains', ['vip', 'north'], 'vi')).toBe(false);
		expect(check('_contains', '["vip","north"]', 'north')).toBe(true);
		expect(check('_contains', [1, 2], '2')).toBe(true);
		expect(check('_contains', 'Lawn care deluxe', 'care')).toBe(true);
		expect(check('_contains', 'Lawn care', 'Care')).toBe(false);
		expect(check('_contains', null, 'x')).toBe(false);
		expect(check('_ncontains', ['vip'], 'north')).toBe(true);
		expect(check('_ncontains', null, 'x')).toBe(true);
	});

	it('_icontains ignores case on text and array elements', () => {
		expect(check('_icontains', 'Lawn care', 'CARE')).toBe(true);
		expect(check('_icontains', ['VIP'], 'vip')).toBe(true);
		expect(check('_nicontains', ['VIP'], 'vip')).toBe(false);
	});

	it('starts / ends with, case sensitive or not', () => {
		expect(check('_starts_with', 'Lawn care', 'Lawn')).toBe(true);
		expect(check('_starts_with', 'Lawn care', 'lawn')).toBe(false);
		expect(check('_istarts_with', 'Lawn care', 'lawn')).toBe(true);
		expect(check('_nstarts_with', 'Lawn care', 'Salon')).toBe(true);
		expect(check('_nistarts_with', 'Lawn care', 'LAWN')).toBe(false);
		expect(check('_ends_with', 'repair@example.com', '.com')).toBe(true);
		expect(check('_iends_with', 'A.COM', '.com')).toBe(true);
		expect(check('_nends_with', 'a.org', '.com')).toBe(true);
		expect(check('_niends_with', 'A.COM', '.com')).toBe(false);
		expect(check('_starts_with', 12345, 12)).toBe(true);
		expect(check('_starts_with', null, 'a')).toBe(false);
	});

	it('_regex accepts a bare pattern or /pattern/flags', () => {
		expect(check('_regex', 'SN-1234', '^SN-\\d+$')).toBe(true);
		expect(check('_regex', 'sn-1234', '/^SN-\\d+$/i')).toBe(true);
		expect(check('_regex', 'sn-1234', '^SN-\\d+$')).toBe(false);
		expect(check('_regex', null, '.*')).toBe(false);
		expect(() => compileRegex('(')).toThrow();
		expect(check('_regex', 'first\nsecond', '^second')).toBe(false);
		expect(check('_regex', 'first\nsecond', '/^second/m')).toBe(true);
		expect(check('_regex', 'a\nb', '/a.b/s')).toBe(true);
		expect(check('_regex', 'a\nb', 'a.b')).toBe(false);
	});

	it('_regex runs in linear time, even on a pattern that makes backtracking engines explode', () => {
		// A backtracking engine doubles its work with each letter: about ten seconds for these 28.
		const started = performance.now();
		expect(check('_regex', `${'a'.repeat(28)}!`, '^(a+)+$')).toBe(false);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(check('_regex', 'a'.repeat(10_000), '^(a+)+$')).toBe(true);
	});

	it('compiles each pattern once', () => {
		expect(compileRegex('/^SN-\\d+$/i')).toBe(compileRegex('/^SN-\\d+$/i'));
	});

	it.each(['(a)\\1', '(?=a)b', '(?<!a)b'])('refuses %s, which only a backtracking engine can run, and says why', (pattern) => {
		expect(() => compileRegex(pattern)).toThrow(/no backreferences such as \\1, no lookarounds/);
	});
});

describe('prepared tests', () => {
	it('answer every record value against the operand they were prepared with', () => {
		const eq = getOperator('_eq')!.prepare('2026-11-23');
		expect(['2026-11-23', '2026-11-23 00:00:00', new Date('2026-11-23T00:00:00Z'), '2026-11-24', null, 20261123].map(eq)).toEqual([
			true, true, true, false, false, false,
		]);
		const gte = getOperator('_gte')!.prepare('100');
		expect(['120.00', 99, '99.5', 'abc', null].map(gte)).toEqual([true, false, false, true, false]);
		const isIn = getOperator('_in')!.prepare(['vip', 2]);
		expect(['vip', '2', ['north', 'vip'], '["north"]', null].map(isIn)).toEqual([true, true, true, false, false]);
		const between = getOperator('_nbetween')!.prepare([10]);
		expect([5, 10, null].map(between)).toEqual([false, false, false]);
	});

	it('throw on an operand the operator cannot use', () => {
		expect(() => getOperator('_regex')!.prepare('(')).toThrow();
	});
});
