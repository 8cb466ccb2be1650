import { describe, expect, it } from 'vitest';
import { groupByCollection, lastRunByRule } from './rule-groups.js';

describe('groupByCollection', () => {
	it('puts CRM collections first, then others by name, rules in their sort order', () => {
		const groups = groupByCollection([
			{ id: '1', name: 'Z', status: 'active', collection: 'zebra' },
			{ id: '2', name: 'B', status: 'active', collection: 'calls', sort: 2 },
			{ id: '3', name: 'A', status: 'inactive', collection: 'calls', sort: 1 },
			{ id: '4', name: 'C', status: 'active', collection: 'appointments' },
			{ id: '5', name: 'D', status: 'active', collection: 'articles' },
		]);
		expect(groups.map((group) => [group.collection, group.rules.map((rule) => rule.id)])).toEqual([
			['appointments', ['4']],
			['calls', ['3', '2']],
			['articles', ['5']],
			['zebra', ['1']],
		]);
	});
});

describe('lastRunByRule', () => {
	it('reads the grouped aggregate', () => {
		expect(lastRunByRule([{ rule: 'a', max: { date_created: '2026-01-01T00:00:00Z' } }, { rule: null, max: { date_created: 'x' } }])).toEqual(new Map([['a', '2026-01-01T00:00:00Z']]));
	});
});
