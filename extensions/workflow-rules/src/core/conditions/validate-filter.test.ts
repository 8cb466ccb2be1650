import { describe, expect, it } from 'vitest';
import { literalSchema } from '../rule/schema-info.js';
import { validateFilter } from './validate-filter.js';

const schema = literalSchema({
	appointments: {
		status: 'string',
		start_at: 'timestamp',
		tags: 'json',
		service: { type: 'uuid', related: 'services' },
		owner: { type: 'uuid', related: 'directus_users' },
		members: { type: 'alias', related: 'appointments_members' },
	},
	services: { name: 'string', status: 'string' },
	appointments_members: { directus_users_id: { type: 'uuid', related: 'directus_users' } },
});

describe('validateFilter: structure', () => {
	it('accepts no filter and a well-formed one', () => {
		expect(validateFilter(null, 'conditions')).toEqual([]);
		expect(validateFilter(undefined, 'conditions')).toEqual([]);
		const filter = {
			_and: [{ status: { _in: ['scheduled', 'overdue'] } }, { start_at: { _between: ['$NOW', '$NOW(+2 days)'] } }],
			service: { name: { _regex: '/^lawn/i' } },
			owner: { _null: false },
		};
		expect(validateFilter(filter, 'conditions')).toEqual([]);
	});

	it('names the path of each structural problem', () => {
		expect(validateFilter('status = 1', 'conditions')).toEqual([{ path: 'conditions', message: 'must be an object or null' }]);
		expect(validateFilter({ status: { _equals: 'x' } }, 'conditions')).toEqual([
			{ path: 'conditions.status._equals', message: 'unknown operator "_equals"' },
		]);
		expect(validateFilter({ _and: { status: { _eq: 1 } } }, 'conditions')).toEqual([{ path: 'conditions._and', message: 'must be an array' }]);
		expect(validateFilter({ _or: [{ status: { _eq: 1 } }, 'x'] }, 'previous_conditions')).toEqual([
			{ path: 'previous_conditions._or[1]', message: 'must be an object' },
		]);
		expect(validateFilter({ status: 'scheduled' }, 'conditions')).toEqual([
			{ path: 'conditions.status', message: 'must be an operator object such as { "_eq": value }' },
		]);
		expect(validateFilter({ status: {} }, 'conditions')[0]?.path).toBe('conditions.status');
		expect(validateFilter({ _eq: 1 }, 'conditions')[0]).toMatchObject({ path: 'conditions._eq', message: expect.stringMatching(/must be applied to a field/) });
		expect(validateFilter({ members: { _some: 'x' } }, 'conditions')).toEqual([{ path: 'conditions.members._some', message: 'must be an object' }]);
	});

	it('checks each operator value', () => {
		const issues = validateFilter(
			{
				a: { _in: 'scheduled' },
				b: { _between: [1] },
				c: { _null: 'yes' },
				d: { _regex: '(' },
				e: { _eq: { nested: true } },
				f: { _gt: null },
				g: { _in: [1, [2]] },
				h: { _lte: '$NOW(+2 fortnights)' },
				i: { _eq: '$CURRENT_USER.email' },
			},
			'conditions',
		);
		expect(issues.map((issue) => issue.path)).toEqual([
			'conditions.a._in',
			'conditions.b._between',
			'conditions.c._null',
			'conditions.d._regex',
			'conditions.e._eq',
			'conditions.f._gt',
			'conditions.g._in[1]',
			'conditions.h._lte',
			'conditions.i._eq',
		]);
		expect(issues[0]?.message).toBe('must be an array');
		expect(issues[1]?.message).toBe('must be a two-element array [from, to]');
		expect(issues[2]?.message).toBe('must be true or false');
		expect(issues[3]?.message).toMatch(/^invalid regular expression: /);
		expect(issues[7]?.message).toMatch(/^invalid dynamic value "\$NOW\(\+2 fortnights\)"/);
		expect(issues[8]?.message).toMatch(/^unsupported dynamic value/);
	});

	it('refuses the patterns a linear-time engine cannot run', () => {
		const issues = validateFilter({ code: { _regex: '^(\\d)\\1$' }, name: { _regex: '/^(?!test)/i' }, ok: { _regex: '^(a+)+$' } }, 'conditions');
		expect(issues.map((issue) => issue.path)).toEqual(['conditions.code._regex', 'conditions.name._regex']);
		expect(issues[0]?.message).toMatch(/^invalid regular expression: .*no backreferences/);
	});
});

describe('validateFilter: fields against the schema', () => {
	it('reports unknown fields in the rule collection and along relations', () => {
		expect(validateFilter({ servce: { _eq: 1 } }, 'conditions', 'appointments', schema)).toEqual([
			{ path: 'conditions.servce', message: 'unknown field "servce" in collection "appointments"' },
		]);
		expect(validateFilter({ _or: [{ service: { nme: { _eq: 'x' } } }] }, 'conditions', 'appointments', schema)).toEqual([
			{ path: 'conditions._or[0].service.nme', message: 'unknown field "nme" in collection "services"' },
		]);
		expect(validateFilter({ members: { _some: { user: { _eq: 'x' } } } }, 'conditions', 'appointments', schema)).toEqual([
			{ path: 'conditions.members._some.user', message: 'unknown field "user" in collection "appointments_members"' },
		]);
	});

	it('does not report fields of collections the schema does not know (system collections)', () => {
		const filter = {
			owner: { email: { _eq: 'x' } },
			members: { directus_users_id: { anything: { _eq: 'x' } } },
		};
		expect(validateFilter(filter, 'conditions', 'appointments', schema)).toEqual([]);
		expect(validateFilter({ whatever: { _eq: 1 } }, 'conditions', 'not_in_schema', schema)).toEqual([]);
	});

	it('rejects nested fields under a non-relational field', () => {
		expect(validateFilter({ status: { name: { _eq: 'x' } } }, 'conditions', 'appointments', schema)).toEqual([
			{ path: 'conditions.status', message: 'field "status" is not relational, so it cannot hold nested fields: use an operator such as { "_eq": value }' },
		]);
		expect(validateFilter({ tags: { _some: { x: { _eq: 1 } } } }, 'conditions', 'appointments', schema)[0]?.path).toBe('conditions.tags');
		expect(validateFilter({ tags: { _contains: 'vip' } }, 'conditions', 'appointments', schema)).toEqual([]);
	});
});
