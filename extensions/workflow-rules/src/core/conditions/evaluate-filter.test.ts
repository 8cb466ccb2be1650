import { describe, expect, it } from 'vitest';
import { evaluateFilter, filterMatches } from './evaluate-filter.js';
import type { ConditionTrace } from './trace.js';

const now = new Date('2026-11-20T08:00:00.000Z');

const appointment = {
	status: 'scheduled',
	start_at: '2026-11-23 10:00:00', // SQLite
	price: '120.00', // PostgreSQL decimal
	paid: 0,
	tags: '["vip","north"]',
	owner: 'u1',
	service: { name: 'Lawn care', status: 'active' },
	contact: null,
	members: [
		{ directus_users_id: { email: 'ann@example.com' } },
		{ directus_users_id: { email: 'bob@example.com' } },
	],
};

function leaves(trace: ConditionTrace | null): string[] {
	if (!trace) return [];
	if (trace.kind === 'leaf') return [`${trace.path} ${trace.operator} ${trace.result}`];
	return trace.children.flatMap(leaves);
}

describe('evaluateFilter: empty filters', () => {
	it('holds for null, undefined and {} without a trace', () => {
		expect(evaluateFilter(null, appointment)).toEqual({ result: true, trace: null });
		expect(evaluateFilter(undefined, appointment)).toEqual({ result: true, trace: null });
		expect(evaluateFilter({}, appointment)).toEqual({ result: true, trace: null });
	});
});

describe('evaluateFilter: the trace', () => {
	it('writes a 3-leaf rule back out with every value seen, as plain JSON', () => {
		const filter = {
			_and: [
				{ status: { _eq: 'scheduled' } },
				{ service: { name: { _eq: 'Lawn care' } } },
				{ start_at: { _lte: '$NOW(+2 days)' } },
			],
		};
		const evaluation = evaluateFilter(filter, appointment, { now });
		expect(evaluation).toEqual({
			result: false,
			trace: {
				kind: 'and',
				path: '',
				result: false,
				children: [
					{ kind: 'leaf', path: 'status', operator: '_eq', expected: 'scheduled', actual: 'scheduled', result: true },
					{ kind: 'leaf', path: 'service.name', operator: '_eq', expected: 'Lawn care', actual: 'Lawn care', result: true },
					{
						kind: 'leaf',
						path: 'start_at',
						operator: '_lte',
						expected: '2026-11-22T08:00:00.000Z',
						actual: '2026-11-23 10:00:00',
						result: false,
					},
				],
			},
		});
		expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
	});

	it('evaluates every branch of an _or, without short-circuit', () => {
		const evaluation = evaluateFilter({ _or: [{ status: { _eq: 'scheduled' } }, { owner: { _eq: 'u2' } }] }, appointment);
		expect(evaluation.result).toBe(true);
		expect(leaves(evaluation.trace)).toEqual(['status _eq true', 'owner _eq false']);
	});

	it('treats several keys, and several operators on one field, as an implicit and', () => {
		const evaluation = evaluateFilter({ status: { _eq: 'scheduled' }, price: { _gte: 100, _lt: 120 } }, appointment);
		expect(evaluation.result).toBe(false);
		expect(evaluation.trace).toMatchObject({ kind: 'and', path: '', children: [{ path: 'status' }, { kind: 'and', path: 'price' }] });
		expect(leaves(evaluation.trace)).toEqual(['status _eq true', 'price _gte true', 'price _lt false']);
	});

	it('records Dates as ISO strings and missing values as null', () => {
		const evaluation = evaluateFilter({ end_at: { _gt: '$NOW' } }, { end_at: new Date('2026-11-21T00:00:00Z') }, { now });
		expect(evaluation.trace).toEqual({
			kind: 'leaf', path: 'end_at', operator: '_gt', expected: now.toISOString(), actual: '2026-11-21T00:00:00.000Z', result: true,
		});
		expect(evaluateFilter({ nope: { _null: true } }, appointment).trace).toMatchObject({ actual: null, result: true });
	});
});

describe('evaluateFilter: coercions and dynamic values', () => {
	it('compares loosely typed database values sensibly', () => {
		expect(evaluateFilter({ price: { _eq: 120 } }, appointment).result).toBe(true);
		expect(evaluateFilter({ paid: { _eq: false } }, appointment).result).toBe(true);
		expect(evaluateFilter({ tags: { _contains: 'vip' } }, appointment).result).toBe(true);
		expect(evaluateFilter({ start_at: { _gte: '2026-11-23' } }, appointment).result).toBe(true);
	});

	it('resolves $NOW from the context clock and $CURRENT_USER from the context user', () => {
		expect(evaluateFilter({ start_at: { _lte: '$NOW(+4 days)' } }, appointment, { now }).result).toBe(true);
		expect(evaluateFilter({ start_at: { _lte: '$NOW(+3 days)' } }, appointment, { now: new Date('2026-11-19T00:00:00Z') }).result).toBe(false);
		expect(evaluateFilter({ start_at: { _between: ['$NOW', '$NOW(+1 week)'] } }, appointment, { now }).result).toBe(true);
		expect(evaluateFilter({ owner: { _eq: '$CURRENT_USER' } }, appointment, { userId: 'u1' }).result).toBe(true);
		expect(evaluateFilter({ owner: { _eq: '$CURRENT_USER' } }, appointment, { userId: 'u2' }).result).toBe(false);
	});

	it('makes a comparison with the user or role of a system write false, an empty owner included', () => {
		const unowned = { owner: null };
		expect(evaluateFilter({ owner: { _eq: '$CURRENT_USER' } }, unowned, {}).result).toBe(false);
		expect(evaluateFilter({ owner: { _null: true } }, unowned, {}).result).toBe(true);
		expect(evaluateFilter({ owner: { _in: ['$CURRENT_ROLE'] } }, unowned, { userId: 'u1' }).result).toBe(false);
	});
});

describe('evaluateFilter: relations', () => {
	it('follows many-to-one objects, nested logical groups included', () => {
		expect(evaluateFilter({ service: { name: { _eq: 'Lawn care' }, status: { _eq: 'active' } } }, appointment).result).toBe(true);
		const grouped = evaluateFilter({ service: { _or: [{ name: { _eq: 'Salon' } }, { status: { _eq: 'active' } }] } }, appointment);
		expect(grouped.result).toBe(true);
		expect(grouped.trace).toMatchObject({ kind: 'or', path: 'service' });
	});

	it('reads null through a null or unloaded relation, so _null works through it', () => {
		const evaluation = evaluateFilter({ contact: { city: { _null: true } } }, appointment);
		expect(evaluation.trace).toMatchObject({ kind: 'leaf', path: 'contact.city', actual: null, result: true });
		expect(evaluateFilter({ contact: { city: { _eq: 'Boston' } } }, appointment).result).toBe(false);
		expect(evaluateFilter({ service: { name: { _null: true } } }, { service: 'a-primary-key' }).result).toBe(true);
	});

	it('treats an array relation without _some / _none as _some, one group per item', () => {
		const evaluation = evaluateFilter({ members: { directus_users_id: { email: { _eq: 'bob@example.com' } } } }, appointment);
		expect(evaluation.result).toBe(true);
		expect(evaluation.trace).toEqual({
			kind: 'some',
			path: 'members',
			result: true,
			children: [0, 1].map((index) => ({
				kind: 'and',
				path: `members[${index}]`,
				result: index === 1,
				children: [
					{
						kind: 'leaf',
						path: 'members.directus_users_id.email',
						operator: '_eq',
						expected: 'bob@example.com',
						actual: index === 0 ? 'ann@example.com' : 'bob@example.com',
						result: index === 1,
					},
				],
			})),
		});
	});

	it('supports explicit _some and _none, empty arrays included', () => {
		const ann = { directus_users_id: { email: { _eq: 'ann@example.com' } } };
		const zoe = { directus_users_id: { email: { _eq: 'zoe@example.com' } } };
		expect(evaluateFilter({ members: { _some: ann } }, appointment).result).toBe(true);
		expect(evaluateFilter({ members: { _none: ann } }, appointment).result).toBe(false);
		expect(evaluateFilter({ members: { _none: zoe } }, appointment).result).toBe(true);
		expect(evaluateFilter({ members: { _some: ann } }, { members: [] }).result).toBe(false);
		expect(evaluateFilter({ members: { _none: ann } }, { members: null }).result).toBe(true);
	});

	it('applies operators to an array value itself when no nested field is named', () => {
		expect(evaluateFilter({ members: { _empty: true } }, { members: [] }).result).toBe(true);
		expect(evaluateFilter({ members: { _nempty: true } }, appointment).result).toBe(true);
	});
});

describe('evaluateFilter: malformed filters fail closed', () => {
	it('evaluates unknown operators, shorthand values and bad groups to false', () => {
		expect(evaluateFilter({ status: { _equals: 'scheduled' } }, appointment)).toMatchObject({
			result: false,
			trace: { kind: 'leaf', operator: '_equals', result: false },
		});
		expect(evaluateFilter({ status: 'scheduled' }, appointment).result).toBe(false);
		expect(evaluateFilter({ _and: { status: { _eq: 'scheduled' } } }, appointment).result).toBe(false);
		expect(evaluateFilter({ code: { _regex: '(' } }, { code: 'x' }).result).toBe(false);
	});

	it('holds for empty logical groups, as an empty where-group does in Directus', () => {
		expect(evaluateFilter({ _or: [] }, appointment).result).toBe(true);
	});
});

describe('filterMatches', () => {
	it('answers as evaluateFilter does, without a trace', () => {
		const filter = { _or: [{ status: { _eq: 'cancelled' } }, { service: { name: { _eq: 'Lawn care' } } }] };
		expect(filterMatches(filter, appointment)).toBe(true);
		expect(filterMatches(filter, { status: 'scheduled', service: { name: 'Salon' } })).toBe(false);
		expect(filterMatches(null, appointment)).toBe(true);
	});
});
