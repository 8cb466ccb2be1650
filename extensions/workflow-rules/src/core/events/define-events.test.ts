import { describe, expect, it } from 'vitest';
import { defineEvents, eventFires, stateMatches } from './define-events.js';
import type { EventDefinition } from './event-types.js';
import { created, deleted, updated } from './test-helpers.js';

const base = { label: 'Test', description: 'A test event.' };
const now = new Date('2026-11-23T12:00:00Z');

describe('defineEvents', () => {
	it('freezes the table and rejects duplicate or malformed names', () => {
		const table = defineEvents([{ ...base, name: 'a' }]);
		expect(Object.isFrozen(table)).toBe(true);
		expect(() => defineEvents([{ ...base, name: 'a' }, { ...base, name: 'a' }])).toThrow('defined twice');
		expect(() => defineEvents([{ ...base, name: 'Not ok' }])).toThrow('Invalid event name');
	});
});

describe('eventFires', () => {
	const fires = (definition: Omit<EventDefinition, 'label' | 'description'>, change: Parameters<typeof eventFires>[1]) =>
		eventFires({ ...base, ...definition }, change, { now });

	it('on: restricts the write kinds, one or several', () => {
		expect(fires({ name: 'e', on: 'create' }, created({ a: 1 }))).toBe(true);
		expect(fires({ name: 'e', on: 'create' }, deleted({ a: 1 }))).toBe(false);
		expect(fires({ name: 'e', on: ['create', 'delete'] }, deleted({ a: 1 }))).toBe(true);
	});

	it('changed: at least one listed field really changed; * = any', () => {
		expect(fires({ name: 'e', changed: ['a', 'b'] }, updated({ a: 1, b: 2 }, { b: 3 }))).toBe(true);
		expect(fires({ name: 'e', changed: ['a'] }, updated({ a: 1, b: 2 }, { a: '1.0', b: 3 }))).toBe(false);
		expect(fires({ name: 'e', changed: '*' }, updated({ a: 1 }, { a: 1 }))).toBe(false);
	});

	it('before / after: states must match; absent states never match', () => {
		expect(fires({ name: 'e', before: { s: 'x' }, after: { s: 'y' } }, updated({ s: 'x' }, { s: 'y' }))).toBe(true);
		expect(fires({ name: 'e', before: { s: { not: 'x' } } }, created({ s: 'y' }))).toBe(false);
		expect(fires({ name: 'e', after: { s: { not: 'x' } } }, deleted({ s: 'y' }))).toBe(false);
	});

	it('becomes: the after state matches and the before state did not', () => {
		const becomes = { name: 'e', becomes: { s: 'y', n: 2 } };
		expect(fires(becomes, created({ s: 'y', n: '2' }))).toBe(true);
		expect(fires(becomes, updated({ s: 'y', n: 1 }, { n: 2 }))).toBe(true);
		expect(fires(becomes, updated({ s: 'y', n: 2 }, { s: 'y' }))).toBe(false);
		expect(fires(becomes, deleted({ s: 'y', n: 2 }))).toBe(false);
	});

	it('anyOf: the own condition and at least one alternative', () => {
		const definition: Omit<EventDefinition, 'label' | 'description'> = { name: 'e', on: 'update', anyOf: [{ before: { s: 'x' } }, { before: { t: 1 } }] };
		expect(fires(definition, updated({ s: 'x', t: 0 }, { s: 'z' }))).toBe(true);
		expect(fires(definition, updated({ s: 'w', t: true }, { s: 'z' }))).toBe(true);
		expect(fires(definition, updated({ s: 'w', t: 0 }, { s: 'z' }))).toBe(false);
	});
});

describe('stateMatches', () => {
	it('future: a timestamp later than now; null, past and garbage are not', () => {
		expect(stateMatches({ until: '2026-11-24 00:00:00' }, { until: { future: true } }, now)).toBe(true);
		expect(stateMatches({ until: '2026-11-22T00:00:00Z' }, { until: { future: false } }, now)).toBe(true);
		expect(stateMatches({ until: null }, { until: { future: false } }, now)).toBe(true);
		expect(stateMatches({ until: 'soon' }, { until: { future: true } }, now)).toBe(false);
	});

	it('not: a missing field is "not" anything', () => {
		expect(stateMatches({}, { status: { not: 'cancelled' } }, now)).toBe(true);
		expect(stateMatches(null, { status: { not: 'cancelled' } }, now)).toBe(false);
	});
});
