import { describe, expect, it } from 'vitest';
import { editedFields } from './form-edits.js';

describe('editedFields', () => {
	it('names the written fields the form changed', () => {
		expect(editedFields({ status: 'unused', name: 'Lawn' }, { status: 'active' }, ['status', 'unavailable_until'])).toEqual(['status']);
	});

	it('takes the same moment in two notations, and null for empty, as unchanged', () => {
		const form = { status: 'active', unavailable_until: '2026-12-05T00:00:00+01:00' };
		expect(editedFields(form, { status: 'active', unavailable_until: '2026-12-04T23:00:00.000Z' }, ['status', 'unavailable_until'])).toEqual([]);
		expect(editedFields({ unavailable_until: undefined }, { unavailable_until: null }, ['unavailable_until'])).toEqual([]);
		expect(editedFields({ status: undefined }, { status: 'unused' }, ['status'])).toEqual([]);
	});
});
