import { describe, expect, it } from 'vitest';
import { detectEvents } from './detect-events.js';
import type { Item, RecordChange } from './event-types.js';
import { created, deleted, updated } from './test-helpers.js';

const appointment: Item = {
	id: 1,
	title: 'Lawn care',
	owner: 'user-1',
	status: 'scheduled',
	start_at: '2026-11-23T10:00:00Z',
	end_at: '2026-11-23T11:00:00Z',
	address: '1 Main St',
};

const detect = (change: RecordChange) => detectEvents('appointments', change);

describe('appointment events', () => {
	it('scheduled: created with status scheduled, not with another status', () => {
		expect(detect(created(appointment))).toEqual(['created', 'scheduled']);
		expect(detect(created({ ...appointment, status: 'completed' }))).toEqual(['created', 'completed']);
	});

	it('rescheduled: start or end moved on a non-cancelled appointment', () => {
		expect(detect(updated(appointment, { start_at: '2026-11-24T10:00:00Z' }))).toEqual(['updated', 'rescheduled', 'modified']);
		expect(detect(updated(appointment, { end_at: '2026-11-23 12:00:00' }))).toContain('rescheduled');
		expect(detect(updated({ ...appointment, status: 'completed' }, { end_at: '2026-11-23T12:00:00Z' }))).toContain('rescheduled');
	});

	it('rescheduled: not for a cancelled appointment, another field, or the same instant re-sent', () => {
		expect(detect(updated({ ...appointment, status: 'cancelled' }, { start_at: '2026-11-24T10:00:00Z' }))).toEqual(['updated', 'modified']);
		expect(detect(updated(appointment, { start_at: '2026-11-24T10:00:00Z', status: 'cancelled' }))).not.toContain('rescheduled');
		expect(detect(updated(appointment, { address: '2 Main St' }))).toEqual(['updated', 'modified']);
		expect(detect(updated(appointment, { start_at: '2026-11-23 10:00:00' }))).toEqual(['updated']);
	});

	it('cancelled / completed: fire on the status transition only', () => {
		expect(detect(updated(appointment, { status: 'cancelled' }))).toEqual(['updated', 'cancelled', 'modified']);
		expect(detect(updated(appointment, { status: 'completed' }))).toEqual(['updated', 'completed', 'modified']);
		expect(detect(updated({ ...appointment, status: 'completed' }, { status: 'completed' }))).toEqual(['updated']);
		expect(detect(updated({ ...appointment, status: 'cancelled' }, { address: 'x' }))).not.toContain('cancelled');
	});

	it('reassigned: the owner actually changed, whatever its shape', () => {
		expect(detect(updated(appointment, { owner: 'user-2' }))).toEqual(['updated', 'reassigned', 'modified']);
		expect(detect(updated(appointment, { owner: { id: 'user-2' } }))).toContain('reassigned');
		expect(detect(updated(appointment, { owner: null }))).toContain('reassigned');
	});

	it('reassigned: not when the same owner is re-sent, nor on create', () => {
		expect(detect(updated(appointment, { owner: { id: 'user-1', first_name: 'Ann' } }))).toEqual(['updated']);
		expect(detect(updated({ ...appointment, owner: { id: 'user-1' } }, { owner: 'user-1' }))).toEqual(['updated']);
		expect(detect(created(appointment))).not.toContain('reassigned');
	});

	it('modified: any real change; updated: any update write', () => {
		expect(detect(updated(appointment, { address: '2 Main St' }))).toEqual(['updated', 'modified']);
		expect(detect(updated(appointment, { address: '1 Main St' }))).toEqual(['updated']);
		expect(detect(created(appointment))).not.toContain('modified');
	});

	it('overdue: status becomes overdue once, not again while it stays overdue', () => {
		expect(detect(updated(appointment, { status: 'overdue' }))).toEqual(['updated', 'modified', 'overdue']);
		expect(detect(updated({ ...appointment, status: 'overdue' }, { status: 'overdue' }))).not.toContain('overdue');
		expect(detect(updated({ ...appointment, status: 'overdue' }, { address: 'x' }))).not.toContain('overdue');
	});

	it('deleted: listed once, only for deletes', () => {
		expect(detect(deleted(appointment))).toEqual(['deleted']);
		expect(detect(updated(appointment, { status: 'cancelled' }))).not.toContain('deleted');
	});
});
