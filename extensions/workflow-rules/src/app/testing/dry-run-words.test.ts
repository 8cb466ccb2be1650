import { describe, expect, it } from 'vitest';
import { errorLines, hasPreviousState, previousFields, previousPayload, timedTriggerOf, verdictOf } from './dry-run-words';

describe('dry run words', () => {
	it('says why a rule would or would not fire', () => {
		expect(verdictOf({ listens: true, matched: true })).toBe('fires');
		expect(verdictOf({ listens: false, matched: true })).toBe('not_listening');
		expect(verdictOf({ listens: true, matched: false })).toBe('no_match');
		expect(verdictOf({ listens: true, matched: true, gate: 'already fired once' })).toBe('gated');
	});

	it('says when a date or schedule rule would fire, or that it has no occurrence to come', () => {
		expect(verdictOf({ event: 'date', listens: true, matched: true })).toBe('fires_at');
		expect(verdictOf({ event: 'schedule', listens: false, matched: true })).toBe('no_occurrence');
		expect(verdictOf({ event: 'date', listens: true, matched: false })).toBe('no_match');
		expect(verdictOf({ event: 'updated', listens: true, matched: true })).toBe('fires');
		expect(timedTriggerOf({ trigger: { type: 'date', field: 'start_at' } })).toBe('date');
		expect(timedTriggerOf({ trigger: { type: 'event', events: ['updated'] } })).toBeNull();
		expect(timedTriggerOf({})).toBeNull();
	});

	it('offers previous values for the fields the rule reads, "from" fields first, for updates only', () => {
		const rule = { conditions: { _and: [{ status: { _eq: 'completed' } }, { city: { _eq: 'Boston' } }] }, previous_conditions: { status: { _eq: 'scheduled' }, service: { name: { _eq: 'Lawn care' } } } };
		expect(previousFields(rule)).toEqual(['service.name', 'status', 'city']);
		expect(previousFields({ conditions: null })).toEqual([]);
		expect(previousFields({ ...rule, trigger: { type: 'event', events: ['modified'], fields: ['start_at'] } })).toEqual(['service.name', 'status', 'start_at', 'city']);
		expect(['updated', 'rescheduled', 'created', 'deleted', 'date', null].map((event) => hasPreviousState('appointments', event))).toEqual([true, true, false, false, false, false]);
		// Creation events of the CRM have no state before them either.
		expect(hasPreviousState('appointments', 'scheduled')).toBe(false);
		expect(hasPreviousState('calls', 'logged')).toBe(false);
	});

	it('sends the filled rows as previous values, typed for their field', () => {
		const typeOf = (field: string) => ({ amount: 'integer', done: 'boolean' })[field] ?? 'string';
		const rows = [{ key: 'status', value: 'scheduled' }, { key: 'amount', value: '120' }, { key: 'done', value: 'false' }, { key: 'service.name', value: '42' }, { key: 'city', value: ' ' }, { key: '', value: 'x' }];
		expect(previousPayload(rows, typeOf)).toEqual({ status: 'scheduled', amount: 120, done: false, 'service.name': '42' });
		expect(previousPayload([{ key: 'status', value: '' }])).toBeNull();
	});

	it('lists the API errors', () => {
		const error = { response: { data: { errors: [{ message: 'actions[0].options.url: must be an absolute http(s) URL' }, { message: 'name: is required' }] } } };
		expect(errorLines(error)).toEqual(['actions[0].options.url: must be an absolute http(s) URL', 'name: is required']);
		expect(errorLines(new Error('offline'))).toEqual(['offline']);
	});
});
