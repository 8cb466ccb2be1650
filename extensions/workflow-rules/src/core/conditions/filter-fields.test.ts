import { describe, expect, it } from 'vitest';
import { filterFields } from './filter-fields.js';

describe('filterFields', () => {
	it('lists the dotted paths a filter reads, deduplicated and sorted', () => {
		const filter = {
			_and: [{ status: { _eq: 'scheduled' } }, { service: { name: { _eq: 'Lawn care' } } }],
			_or: [{ status: { _neq: 'cancelled' } }, { start_at: { _gte: '$NOW' } }],
		};
		expect(filterFields(filter)).toEqual(['service.name', 'start_at', 'status']);
	});

	it('leaves _some / _none and nested logical keys out of the paths', () => {
		const filter = {
			members: { _some: { directus_users_id: { email: { _eq: 'x' } } } },
			service: { _or: [{ name: { _eq: 'Salon' } }, { owner: { email: { _ends_with: '.com' } } }] },
			contact: { account: { city: { _eq: 'Boston' } } },
		};
		expect(filterFields(filter)).toEqual([
			'contact.account.city',
			'members.directus_users_id.email',
			'service.name',
			'service.owner.email',
		]);
	});

	it('reads a relation itself when an operator applies to it or nothing below it is named', () => {
		expect(filterFields({ members: { _null: true, _some: { role: { _eq: 'r' } } } })).toEqual(['members', 'members.role']);
		expect(filterFields({ members: { _some: {} } })).toEqual(['members']);
		expect(filterFields({ status: 'shorthand' })).toEqual(['status']);
	});

	it('reads nothing for no filter', () => {
		expect(filterFields(null)).toEqual([]);
		expect(filterFields(undefined)).toEqual([]);
		expect(filterFields({ _and: [] })).toEqual([]);
	});
});
