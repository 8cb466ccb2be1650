import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields.js';
import { created, deleted, updated } from './test-helpers.js';

const before = {
	id: 1,
	start_at: '2026-11-23 10:00:00',
	price: '120.00',
	worksheet_required: 0,
	tags: '["vip"]',
	owner: 'user-1',
	address: '1 Main St',
};

describe('changedFields', () => {
	it('ignores written fields whose value only changed shape', () => {
		const change = updated(before, {
			start_at: '2026-11-23T10:00:00.000Z',
			price: 120,
			worksheet_required: false,
			tags: ['vip'],
			owner: { id: 'user-1', first_name: 'Ann' },
		});
		expect(changedFields(change)).toEqual([]);
	});

	it('lists the written fields that really changed', () => {
		const change = updated(before, { start_at: '2026-11-23T11:00:00Z', price: 120, address: '2 Main St' });
		expect(changedFields(change)).toEqual(['start_at', 'address']);
	});

	it('looks only at written fields when given', () => {
		const change = { kind: 'update' as const, before, after: { ...before, address: 'elsewhere' }, written: ['price'] };
		expect(changedFields(change)).toEqual([]);
	});

	it('compares every field of after when nothing is written', () => {
		const change = { kind: 'update' as const, before, after: { ...before, price: '99' }, written: [] };
		expect(changedFields(change)).toEqual(['price']);
	});

	it('counts a written field neither state holds (an unloaded alias) as changed', () => {
		expect(changedFields(updated(before, {}))).toEqual([]);
		const change = { kind: 'update' as const, before, after: before, written: ['members'] };
		expect(changedFields(change)).toEqual(['members']);
	});

	it('counts every candidate when the before state is missing', () => {
		const change = { kind: 'update' as const, before: null, after: before, written: ['price'] };
		expect(changedFields(change)).toEqual(['price']);
	});

	it('lists what a create set, and nothing for a delete', () => {
		expect(changedFields(created({ title: 'Visit', owner: 'user-1' }))).toEqual(['title', 'owner']);
		const snapshotOnly = { kind: 'create' as const, before: null, after: { title: 'Visit', address: null }, written: [] };
		expect(changedFields(snapshotOnly)).toEqual(['title']);
		expect(changedFields(deleted(before))).toEqual([]);
	});
});
