import { describe, expect, it } from 'vitest';
import { dryRunChange, recordBefore, writtenFields } from './dry-run-change.js';

describe('dry run change', () => {
	const record = { id: 'a1', status: 'completed', service: { name: 'Lawn care' } };

	it('puts the previous values over the record, dotted paths inside relations', () => {
		expect(recordBefore(record, { status: 'scheduled' })).toEqual({ id: 'a1', status: 'scheduled', service: { name: 'Lawn care' } });
		expect(recordBefore(record, { 'service.name': 'Gutter cleaning' })).toEqual({ id: 'a1', status: 'completed', service: { name: 'Gutter cleaning' } });
		expect(recordBefore({ id: 'a1', service: 'key' }, { 'service.name': 'X' })).toEqual({ id: 'a1', service: { name: 'X' } });
		expect(record.service.name).toBe('Lawn care');
	});

	it('names the top-level fields written', () => {
		expect(writtenFields({ status: 'x', 'service.name': 'y', 'service.id': 'z' })).toEqual(['status', 'service']);
		expect(writtenFields(null)).toEqual([]);
	});

	it('makes an update of every event but created and deleted, with the before state only when previous values are posted', () => {
		expect(dryRunChange('update', record, { status: 'scheduled' })).toEqual({ kind: 'update', before: { ...record, status: 'scheduled' }, after: record, written: ['status'] });
		expect(dryRunChange('update', record, null)).toEqual({ kind: 'update', before: null, after: record, written: [] });
		expect(dryRunChange('create', record, { status: 'x' })).toMatchObject({ kind: 'create', before: null, after: record });
		expect(dryRunChange('delete', record, null)).toMatchObject({ kind: 'delete', before: record, after: null });
	});
});
