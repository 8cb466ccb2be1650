import { describe, expect, it } from 'vitest';
import { compileFilter } from './compile-filter.js';
import { compiledFilter } from './evaluate-filter.js';
import { OPERATORS } from './operators.js';
import type { FilterContext } from './trace.js';

const now = new Date('2026-11-20T08:00:00.000Z');

const appointment = {
	status: 'scheduled',
	start_at: '2026-11-23 10:00:00',
	price: '120.00',
	paid: 0,
	tags: '["vip","north"]',
	owner: 'u1',
	service: { name: 'Lawn care', status: 'active' },
	contact: null,
	members: [{ directus_users_id: { email: 'ann@example.com' } }, { directus_users_id: { email: 'bob@example.com' } }],
};

const ann = { directus_users_id: { email: { _eq: 'ann@example.com' } } };
const zoe = { directus_users_id: { email: { _eq: 'zoe@example.com' } } };

/** The cases of evaluate-filter.test.ts: filter, record, context, expected result. */
const cases: Array<[unknown, Record<string, unknown>, FilterContext, boolean]> = [
	[null, appointment, {}, true],
	[{}, appointment, {}, true],
	[{ _and: [{ status: { _eq: 'scheduled' } }, { service: { name: { _eq: 'Lawn care' } } }, { start_at: { _lte: '$NOW(+2 days)' } }] }, appointment, { now }, false],
	[{ _or: [{ status: { _eq: 'scheduled' } }, { owner: { _eq: 'u2' } }] }, appointment, {}, true],
	[{ status: { _eq: 'scheduled' }, price: { _gte: 100, _lt: 120 } }, appointment, {}, false],
	[{ end_at: { _gt: '$NOW' } }, { end_at: new Date('2026-11-21T00:00:00Z') }, { now }, true],
	[{ nope: { _null: true } }, appointment, {}, true],
	[{ price: { _eq: 120 } }, appointment, {}, true],
	[{ paid: { _eq: false } }, appointment, {}, true],
	[{ tags: { _contains: 'vip' } }, appointment, {}, true],
	[{ start_at: { _gte: '2026-11-23' } }, appointment, {}, true],
	[{ start_at: { _lte: '$NOW(+4 days)' } }, appointment, { now }, true],
	[{ start_at: { _lte: '$NOW(+3 days)' } }, appointment, { now: new Date('2026-11-19T00:00:00Z') }, false],
	[{ start_at: { _between: ['$NOW', '$NOW(+1 week)'] } }, appointment, { now }, true],
	[{ owner: { _eq: '$CURRENT_USER' } }, appointment, { userId: 'u1' }, true],
	[{ owner: { _eq: '$CURRENT_USER' } }, appointment, { userId: 'u2' }, false],
	[{ owner: { _eq: '$CURRENT_USER' } }, { owner: null }, {}, false],
	[{ owner: { _null: true } }, { owner: null }, {}, true],
	[{ owner: { _in: ['$CURRENT_ROLE'] } }, { owner: null }, { userId: 'u1' }, false],
	[{ service: { name: { _eq: 'Lawn care' }, status: { _eq: 'active' } } }, appointment, {}, true],
	[{ service: { _or: [{ name: { _eq: 'Salon' } }, { status: { _eq: 'active' } }] } }, appointment, {}, true],
	[{ contact: { city: { _null: true } } }, appointment, {}, true],
	[{ contact: { city: { _eq: 'Boston' } } }, appointment, {}, false],
	[{ service: { name: { _null: true } } }, { service: 'a-primary-key' }, {}, true],
	[{ members: { directus_users_id: { email: { _eq: 'bob@example.com' } } } }, appointment, {}, true],
	[{ members: { _some: ann } }, appointment, {}, true],
	[{ members: { _none: ann } }, appointment, {}, false],
	[{ members: { _none: zoe } }, appointment, {}, true],
	[{ members: { _some: ann } }, { members: [] }, {}, false],
	[{ members: { _none: ann } }, { members: null }, {}, true],
	[{ members: { _empty: true } }, { members: [] }, {}, true],
	[{ members: { _nempty: true } }, appointment, {}, true],
	[{ status: { _equals: 'scheduled' } }, appointment, {}, false],
	[{ status: 'scheduled' }, appointment, {}, false],
	[{ _and: { status: { _eq: 'scheduled' } } }, appointment, {}, false],
	[{ code: { _regex: '(' } }, { code: 'x' }, {}, false],
	[{ _or: [] }, appointment, {}, true],
	['not a filter', appointment, {}, false],
];

describe('compileFilter: test and trace agree', () => {
	it.each(cases.map((c, index) => [index, ...c] as const))('case %i', (_index, filter, record, context, expected) => {
		const compiled = compileFilter(filter as Record<string, unknown>);
		expect(compiled.test(record, context)).toBe(expected);
		expect(compiled.trace(record, context).result).toBe(expected);
	});

	it('on random filters over random records', () => {
		const random = seeded(20261201);
		const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
		const operators = [...OPERATORS.keys()];
		const fields = ['status', 'price', 'start_at', 'tags', 'owner', 'paid'];
		const values = ['scheduled', 'cancelled', 120, '120.00', '2026-11-23', '2026-11-23 10:00:00', '09:00', '$NOW', '$NOW(-1 day)', '$CURRENT_USER', true, false, 0, 1, null, 'vip', '^s.*d$', '(', ''];
		const operand = (): unknown => (random() < 0.3 ? [pick(values), pick(values)] : pick(values));
		const leaf = (): Record<string, unknown> => ({ [pick(fields)]: { [pick(operators)]: operand() } });
		const node = (depth: number): Record<string, unknown> => {
			const roll = random();
			if (depth > 2 || roll < 0.4) return leaf();
			const children = Array.from({ length: Math.floor(random() * 4) }, () => node(depth + 1));
			if (roll < 0.6) return { _and: children };
			if (roll < 0.8) return { _or: children };
			return { members: { [pick(['_some', '_none'])]: node(depth + 1) } };
		};
		const scalar = () => pick([...values, undefined, new Date('2026-11-23T10:00:00Z'), ['vip', 'north'], '["vip"]']);
		const record = (): Record<string, unknown> => {
			const item: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, scalar()]));
			item['members'] = random() < 0.2 ? null : Array.from({ length: Math.floor(random() * 3) }, () => Object.fromEntries(fields.map((field) => [field, scalar()])));
			return item;
		};
		let held = 0;
		for (let i = 0; i < 2_000; i++) {
			const compiled = compileFilter(node(0));
			const context: FilterContext = { now, ...(random() < 0.5 ? { userId: 'u1' } : {}) };
			for (let j = 0; j < 5; j++) {
				const item = record();
				const result = compiled.test(item, context);
				expect(compiled.trace(item, context).result).toBe(result);
				if (result) held += 1;
			}
		}
		// Both answers occur, or agreeing would prove little.
		expect(held).toBeGreaterThan(1_000);
		expect(held).toBeLessThan(9_000);
	});
});

describe('compileFilter: test', () => {
	it('stops at the branch that decides, where the trace reads every field', () => {
		const read: string[] = [];
		const record = Object.defineProperties({}, {
			status: { enumerable: true, get: () => (read.push('status'), 'cancelled') },
			owner: { enumerable: true, get: () => (read.push('owner'), 'u1') },
		});
		const compiled = compileFilter({ _and: [{ status: { _eq: 'scheduled' } }, { owner: { _eq: 'u1' } }] });
		expect(compiled.test(record)).toBe(false);
		expect(read).toEqual(['status']);
		read.length = 0;
		expect(compiled.trace(record).result).toBe(false);
		expect(read).toEqual(['status', 'owner']);
	});

	it('resolves dynamic values on each evaluation, not once at compilation', () => {
		const compiled = compileFilter({ start_at: { _lte: '$NOW(+4 days)' }, owner: { _eq: '$CURRENT_USER' } });
		expect(compiled.test(appointment, { now, userId: 'u1' })).toBe(true);
		expect(compiled.test(appointment, { now: new Date('2026-11-19T00:00:00Z'), userId: 'u1' })).toBe(false);
		expect(compiled.test(appointment, { now, userId: 'u2' })).toBe(false);
		expect(compiled.test(appointment, { now })).toBe(false);
	});

	it('fails closed on a value that cannot be compared', () => {
		const compiled = compileFilter({ meta: { _eq: { a: 1 } } });
		expect(compiled.test({ meta: { a: 1 } })).toBe(true);
		expect(compiled.test({ meta: { a: 1n } })).toBe(false);
		expect(compiled.trace({ meta: { a: 1n } }).result).toBe(false);
	});
});

describe('compiledFilter', () => {
	it('compiles one filter object once, another object anew', () => {
		const filter = { status: { _eq: 'scheduled' } };
		expect(compiledFilter(filter)).toBe(compiledFilter(filter));
		expect(compiledFilter({ status: { _eq: 'scheduled' } })).not.toBe(compiledFilter(filter));
	});
});

/** mulberry32: the same sequence on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
