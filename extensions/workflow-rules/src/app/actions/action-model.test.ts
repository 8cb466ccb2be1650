import { describe, expect, it } from 'vitest';
import { actionIssues, fieldValue, moveItem, newAction, recipientList, recordToRows, reindexErrors, rowsToRecord, rowsToValues, savedReference, unclaimedErrors, withoutEmpty } from './action-model';

describe('action model', () => {
	it('checks actions with the core schemas, at rule paths', () => {
		const issues = actionIssues([{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'not a url', method: 'POST' } }], 'event');
		expect(issues['actions[0].options.url']).toBe('must be an absolute http(s) URL');
	});

	it('accepts a complete email and tag', () => {
		expect(
			actionIssues(
				[
					{ type: 'tag', timing: { type: 'instant' }, options: { add: ['moved'] } },
					{ type: 'email', timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, options: { to: ['{{ record.contact.email }}'], subject: 'See you tomorrow', body: 'Hello' } },
				],
				'event',
			),
		).toEqual({});
	});

	it('reports a new email action empty fields', () => {
		const issues = actionIssues([newAction('email')], 'event');
		expect(issues['actions[0].options.to']).toBeTruthy();
		expect(issues['actions[0].options.subject']).toBe('must not be empty');
	});

	it('keeps date and schedule rules, and tags, instant', () => {
		const scheduled = { type: 'email', timing: { type: 'after_trigger', offset: 'P1D' }, options: { to: 'owner', subject: 's', body: '' } };
		expect(actionIssues([scheduled], 'date')['actions[0].timing']).toBe('date-triggered rules take instant actions only');
		expect(actionIssues([scheduled], 'event')).toEqual({});
		const tag = { type: 'tag', timing: { type: 'after_trigger', offset: 'P1D' }, options: { add: ['x'] } };
		expect(actionIssues([tag], 'event')['actions[0].timing']).toBe('tag actions run instantly only');
	});

	it('checks only the timing of a saved action reference', () => {
		// A new association has no timing of its own: the saved action's applies.
		expect(savedReference('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')).toEqual({ use: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' });
		expect(actionIssues([savedReference('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')], 'event')).toEqual({});
		expect(actionIssues([{ use: 'x', timing: { type: 'after_trigger', offset: 'soon' } }], 'event')['actions[0].timing.offset']).toMatch(/ISO 8601/);
	});

	it('moves items and renumbers errors with them', () => {
		expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
		expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
		// new order: old 1 first, old 0 removed, old 2 second
		expect(reindexErrors({ 'actions[0].options.url': 'a', 'actions[2].timing': 'c', name: 'n' }, [1, 2])).toEqual({ 'actions[1].timing': 'c', name: 'n' });
	});

	it('finds errors no field shows', () => {
		const errors = { 'actions[0].options': 'must add or remove at least one tag', 'actions[0].options.add': 'x', 'actions[1].timing': 'y' };
		expect(unclaimedErrors(errors, 'actions[0]', ['actions[0].options.add'])).toEqual([['actions[0].options', 'must add or remove at least one tag']]);
	});

	it('converts recipients, rows and field values', () => {
		expect(recipientList('owner')).toEqual(['owner']);
		expect(recipientList(['a@b.co', ''])).toEqual(['a@b.co']);
		expect(recipientList(null)).toEqual([]);
		expect(recordToRows({ 'X-A': '1', n: 2 })).toEqual([{ key: 'X-A', value: '1' }, { key: 'n', value: '2' }]);
		expect(rowsToRecord([{ key: ' a ', value: '1' }, { key: '', value: 'lost' }])).toEqual({ a: '1' });
		expect(fieldValue('42', 'integer')).toBe(42);
		expect(fieldValue('true', 'boolean')).toBe(true);
		expect(fieldValue('$NOW(+2 days)', 'timestamp')).toBe('$NOW(+2 days)');
		expect(fieldValue('{{ record.x }}', 'integer')).toBe('{{ record.x }}');
		expect(fieldValue('{"a":1}', 'json')).toEqual({ a: 1 });
		expect(fieldValue('', 'integer')).toBeNull();
		expect(fieldValue('done', 'string')).toBe('done');
	});

	it('drops the empty optional options', () => {
		expect(withoutEmpty({ to: [], cc: [], subject: '', headers: {} }, ['cc', 'headers'])).toEqual({ to: [], subject: '' });
	});

	it('converts only the field value rows the user changed', () => {
		const stored = { count: 5, label: 'null', meta: { a: 1 }, when: '$NOW' };
		// Field types unknown (not loaded yet): untouched rows keep their stored values and types.
		const rows = [
			{ key: 'count', value: '5' },
			{ key: 'label', value: 'null' },
			{ key: 'meta', value: '{"a":1}' },
			{ key: 'when', value: '$NOW(+1 day)' },
			{ key: 'added', value: '7' },
		];
		const convert = (_key: string, text: string) => `converted:${text}`;
		expect(rowsToValues(rows, stored, convert)).toEqual({ count: 5, label: 'null', meta: { a: 1 }, when: 'converted:$NOW(+1 day)', added: 'converted:7' });
		expect(rowsToValues(rows.slice(0, 1), null, convert)).toEqual({ count: 'converted:5' });
	});
});
