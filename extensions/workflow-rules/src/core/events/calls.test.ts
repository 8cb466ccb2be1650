import { describe, expect, it } from 'vitest';
import { detectEvents } from './detect-events.js';
import type { Item, RecordChange } from './event-types.js';
import { created, deleted, updated } from './test-helpers.js';

const call: Item = { id: 9, subject: 'Follow-up', owner: 'user-1', status: 'scheduled', start_at: '2026-11-23T10:00:00Z' };

const detect = (change: RecordChange) => detectEvents('calls', change);

describe('call events', () => {
	it('scheduled / logged: by the status a call is created with', () => {
		expect(detect(created(call))).toEqual(['created', 'scheduled']);
		expect(detect(created({ ...call, status: 'completed' }))).toEqual(['created', 'logged', 'completed']);
	});

	it('becomes fires on create too: a call created missed is logged and missed', () => {
		expect(detect(created({ ...call, status: 'missed' }))).toEqual(['created', 'logged', 'missed']);
	});

	it('logged / scheduled: never on update', () => {
		expect(detect(updated(call, { status: 'completed' }))).not.toContain('logged');
		expect(detect(updated({ ...call, status: 'completed' }, { status: 'scheduled' }))).not.toContain('scheduled');
	});

	it.each(['ringing', 'on_hold', 'completed', 'missed', 'cancelled', 'overdue'])('%s: status becomes it, once', (status) => {
		expect(detect(updated(call, { status }))).toContain(status);
		expect(detect(updated({ ...call, status }, { status }))).toEqual(['updated']);
		expect(detect(updated({ ...call, status }, { subject: 'x' }))).not.toContain(status);
	});

	it('status transitions fire only the new status', () => {
		expect(detect(updated({ ...call, status: 'ringing' }, { status: 'on_hold' }))).toEqual(['updated', 'on_hold', 'modified']);
	});

	it('rescheduled: start moved while scheduled', () => {
		expect(detect(updated(call, { start_at: '2026-11-24T10:00:00Z' }))).toEqual(['updated', 'rescheduled', 'modified']);
	});

	it('rescheduled: not once completed, nor for the same instant', () => {
		expect(detect(updated({ ...call, status: 'completed' }, { start_at: '2026-11-24T10:00:00Z' }))).not.toContain('rescheduled');
		expect(detect(updated(call, { start_at: '2026-11-24T10:00:00Z', status: 'completed' }))).not.toContain('rescheduled');
		expect(detect(updated(call, { start_at: new Date('2026-11-23T10:00:00Z') }))).toEqual(['updated']);
	});

	it('reassigned: the owner actually changed', () => {
		expect(detect(updated(call, { owner: { id: 'user-2' } }))).toEqual(['updated', 'reassigned', 'modified']);
		expect(detect(updated(call, { owner: { id: 'user-1' } }))).toEqual(['updated']);
	});

	it('modified / deleted', () => {
		expect(detect(updated(call, { result: 'Interested' }))).toEqual(['updated', 'modified']);
		expect(detect(updated(call, { subject: 'Follow-up' }))).toEqual(['updated']);
		expect(detect(deleted(call))).toEqual(['deleted']);
		expect(detect(created(call))).not.toContain('deleted');
	});
});
