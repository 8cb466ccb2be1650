import { describe, expect, it } from 'vitest';
import { adjustDate, dynamicValueError, dynamicValueResolver, parseNowAdjustment, resolveDynamicValue } from './dynamic-values.js';

const now = new Date('2026-01-31T10:00:00.000Z');

describe('resolveDynamicValue', () => {
	it('resolves $NOW and adjusted $NOW against the context clock', () => {
		expect(resolveDynamicValue('$NOW', { now })).toEqual(now);
		expect(resolveDynamicValue('$NOW(+2 days)', { now })).toEqual(new Date('2026-02-02T10:00:00.000Z'));
		expect(resolveDynamicValue('$NOW(-1 hour)', { now })).toEqual(new Date('2026-01-31T09:00:00.000Z'));
		expect(resolveDynamicValue('$NOW(30 minutes)', { now })).toEqual(new Date('2026-01-31T10:30:00.000Z'));
		expect(resolveDynamicValue('$NOW(-2 weeks)', { now })).toEqual(new Date('2026-01-17T10:00:00.000Z'));
	});

	it('resolves the current user and role, null when unknown', () => {
		expect(resolveDynamicValue('$CURRENT_USER', { userId: 'u1', roleId: 'r1' })).toBe('u1');
		expect(resolveDynamicValue('$CURRENT_ROLE', { userId: 'u1', roleId: 'r1' })).toBe('r1');
		expect(resolveDynamicValue('$CURRENT_USER', {})).toBeNull();
	});

	it('resolves inside arrays and leaves other values alone', () => {
		expect(resolveDynamicValue(['$NOW(-1 day)', '$NOW'], { now })).toEqual([new Date('2026-01-30T10:00:00.000Z'), now]);
		expect(resolveDynamicValue('$5 off', { now })).toBe('$5 off');
		expect(resolveDynamicValue(42, { now })).toBe(42);
		expect(resolveDynamicValue('$NOW(+2 fortnights)', { now })).toBe('$NOW(+2 fortnights)');
	});
});

describe('adjustDate', () => {
	it('clamps months and years to the last day of the month', () => {
		expect(adjustDate(now, 1, 'month')).toEqual(new Date('2026-02-28T10:00:00.000Z'));
		expect(adjustDate(new Date('2028-02-29T00:00:00Z'), -1, 'year')).toEqual(new Date('2027-02-28T00:00:00Z'));
		expect(adjustDate(now, -13, 'month')).toEqual(new Date('2024-12-31T10:00:00.000Z'));
	});

	it('parses every unit, singular or plural, with or without a sign', () => {
		expect(parseNowAdjustment('$NOW(+3 Seconds)')).toEqual({ amount: 3, unit: 'second' });
		expect(parseNowAdjustment('$NOW(-1 year)')).toEqual({ amount: -1, unit: 'year' });
		expect(parseNowAdjustment('$NOW(1.5 days)')).toBeNull();
	});
});

describe('dynamicValueError', () => {
	it('names values that look dynamic but are not supported', () => {
		expect(dynamicValueError('$NOW(+2 days)')).toBeNull();
		expect(dynamicValueError('$CURRENT_ROLE')).toBeNull();
		expect(dynamicValueError('$5 off')).toBeNull();
		expect(dynamicValueError('$NOW(+2 fortnights)')).toMatch(/^invalid dynamic value "\$NOW\(\+2 fortnights\)"/);
		expect(dynamicValueError('$CURRENT_USER.email')).toMatch(/^unsupported dynamic value/);
	});
});

describe('dynamicValueResolver', () => {
	it('is null for values that stand for themselves, arrays of them included', () => {
		for (const value of ['scheduled', '$5 off', '$NOW(+2 fortnights)', 42, null, ['a', 1], []]) expect(dynamicValueResolver(value)).toBeNull();
	});

	it('resolves on each call against the context given then', () => {
		const resolve = dynamicValueResolver(['$NOW(+1 day)', 'x', '$CURRENT_USER'])!;
		expect(resolve({ now, userId: 'u1' })).toEqual([new Date('2026-02-01T10:00:00.000Z'), 'x', 'u1']);
		expect(resolve({ now: new Date('2026-03-01T00:00:00.000Z') })).toEqual([new Date('2026-03-02T00:00:00.000Z'), 'x', null]);
	});
});
