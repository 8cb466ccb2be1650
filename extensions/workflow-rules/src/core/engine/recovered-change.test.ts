import { describe, expect, it } from 'vitest';
import { recoveredChange } from './recovered-change.js';

describe('recoveredChange', () => {
	const before = { id: 'a', title: 'Old', status: 'scheduled' };

	it('replays an update whose written fields differ from the before state', () => {
		const now = { id: 'a', title: 'New', status: 'scheduled' };
		expect(recoveredChange({ kind: 'update', before, written: ['title'] }, now)).toEqual({ kind: 'update', before, after: now, written: ['title'] });
	});

	it('drops an update that never committed: the record is as it was', () => {
		expect(recoveredChange({ kind: 'update', before, written: ['title'] }, { ...before })).toBeNull();
	});

	it('drops an update without a before state or whose record is gone', () => {
		expect(recoveredChange({ kind: 'update', before: null, written: ['title'] }, before)).toBeNull();
		expect(recoveredChange({ kind: 'update', before, written: ['title'] }, null)).toBeNull();
	});

	it('replays a create whose record exists, and a delete whose record is gone', () => {
		expect(recoveredChange({ kind: 'create', before: null, written: ['title'] }, before)).toMatchObject({ kind: 'create', after: before });
		expect(recoveredChange({ kind: 'create', before: null, written: [] }, null)).toBeNull();
		expect(recoveredChange({ kind: 'delete', before, written: [] }, null)).toEqual({ kind: 'delete', before, after: null, written: [] });
		expect(recoveredChange({ kind: 'delete', before, written: [] }, before)).toBeNull();
	});
});
