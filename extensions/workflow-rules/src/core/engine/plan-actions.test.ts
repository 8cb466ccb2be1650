import { describe, expect, it } from 'vitest';
import type { RuleAction } from '../rule/rule-types.js';
import { planAction, timingFromLabel, timingLabel } from './plan-actions.js';

const email = (timing: RuleAction['timing']): RuleAction => ({ type: 'email', timing, options: {} });
const PARIS = 'Europe/Paris';
const NY = 'America/New_York';

describe('planAction', () => {
	it('runs an instant action now', () => {
		const now = new Date('2026-03-28T10:00:00Z');
		expect(planAction(email({ type: 'instant' }), null, now, PARIS)).toEqual({ dueAt: now });
	});

	it('counts after_trigger days on the CRM wall clock across a DST switch', () => {
		// Paris moves to summer time in the night of 2026-03-29: 11:00 local on the 28th (10:00Z)
		// plus one day is 11:00 local on the 29th, 09:00Z: 23 hours later.
		const now = new Date('2026-03-28T10:00:00Z');
		expect(planAction(email({ type: 'after_trigger', offset: 'P1D' }), null, now, PARIS).dueAt?.toISOString()).toBe('2026-03-29T09:00:00.000Z');
		// Hours are elapsed time.
		expect(planAction(email({ type: 'after_trigger', offset: 'PT24H' }), null, now, PARIS).dueAt?.toISOString()).toBe('2026-03-29T10:00:00.000Z');
		// In UTC a day is 24 hours.
		expect(planAction(email({ type: 'after_trigger', offset: 'P1D' }), null, now, 'UTC').dueAt?.toISOString()).toBe('2026-03-29T10:00:00.000Z');
	});

	it('plans relative_to_field before a datetime on the wall clock, negative offsets included', () => {
		const now = new Date('2026-10-01T00:00:00Z');
		// New York falls back at 02:00 on 2026-11-01: an appointment at 09:00 EST that day (14:00Z),
		// one day before is 09:00 EDT on Oct 31 (13:00Z), 25 hours earlier.
		const record = { start_at: '2026-11-01T14:00:00.000Z' };
		expect(planAction(email({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' }), record, now, NY).dueAt?.toISOString()).toBe('2026-10-31T13:00:00.000Z');
		expect(planAction(email({ type: 'relative_to_field', field: 'start_at', offset: '-PT2H' }), record, now, NY).dueAt?.toISOString()).toBe('2026-11-01T12:00:00.000Z');
	});

	it('reads a date-only field as the start of that day in the CRM time zone', () => {
		const now = new Date('2026-01-01T00:00:00Z');
		const record = { subscription_date: '2026-06-15' };
		// Midnight in Paris in June is 22:00Z the day before; two days before that.
		expect(planAction(email({ type: 'relative_to_field', field: 'subscription_date', offset: '-P2D' }), record, now, PARIS).dueAt?.toISOString()).toBe('2026-06-12T22:00:00.000Z');
		expect(planAction(email({ type: 'relative_to_field', field: 'subscription_date', offset: 'PT9H' }), record, now, NY).dueAt?.toISOString()).toBe('2026-06-15T13:00:00.000Z');
	});

	it('skips, saying why, when the field is empty or the time has passed', () => {
		const now = new Date('2026-06-15T00:00:00Z');
		expect(planAction(email({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' }), { start_at: null }, now, PARIS)).toEqual({ dueAt: null, skip: 'start_at is empty' });
		const passed = planAction(email({ type: 'relative_to_field', field: 'start_at', offset: '-P1D' }), { start_at: '2026-06-15T10:00:00Z' }, now, PARIS);
		expect(passed.dueAt).toBeNull();
		expect(passed.skip).toMatch(/has already passed/);
	});
});

describe('timingFromLabel', () => {
	it('reads back every timing a label names', () => {
		const timings: RuleAction['timing'][] = [{ type: 'instant' }, { type: 'after_trigger', offset: 'PT3S' }, { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }];
		for (const timing of timings) expect(timingFromLabel(timingLabel(email(timing)))).toEqual(timing);
		expect(timingFromLabel('relative_to_field start_at')).toBeNull();
		expect(timingFromLabel('flow')).toBeNull();
	});
});
