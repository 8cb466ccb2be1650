import { describe, expect, it } from 'vitest';
import type { Rule } from '../rule/rule-types.js';
import { evaluateRule } from './evaluate-rule.js';
import { evaluationContext } from './evaluation-context.js';

const rule: Rule = { id: 'r', name: 'Boston', status: 'active', collection: 'contacts', trigger: { type: 'event', events: ['updated'] }, conditions: { city: { _eq: 'Boston' } }, previous_conditions: { city: { _neq: 'Boston' } }, execution: 'on_change', actions: [] };
const context = evaluationContext({ now: new Date('2026-12-01T12:00:00Z') });

describe('evaluateRule', () => {
	it('traces a match, and the before state of on_change and previous conditions', () => {
		const result = evaluateRule(rule, { before: { city: 'Salem' }, after: { city: 'Boston' } }, context, false);
		expect(result).toMatchObject({ matched: true, matchedBefore: false, trace: { conditions: { path: 'city', actual: 'Boston', result: true }, previous_conditions: { path: 'city', actual: 'Salem', result: true } } });
	});

	it('builds no trace for an evaluation that is only counted, unless every evaluation is traced', () => {
		const change = { before: { city: 'Boston' }, after: { city: 'Boston' } };
		expect(evaluateRule(rule, change, context, false)).toEqual({ matched: false, matchedBefore: true, trace: null });
		expect(evaluateRule(rule, change, context, true)).toMatchObject({ matched: false, trace: { previous_conditions: { actual: 'Boston', result: false } } });
	});

	it('cannot satisfy previous conditions without a before state', () => {
		expect(evaluateRule(rule, { before: null, after: { city: 'Boston' } }, context)).toMatchObject({ matched: false, matchedBefore: null, trace: { previous_conditions: null } });
	});
});
