import { describe, expect, it } from 'vitest';
import { recipientSuggestions } from './recipient-suggestions';

describe('recipient suggestions', () => {
	it('offers keywords, address fields, related addresses and users', () => {
		const fields = [
			{ field: 'id', type: 'integer' },
			{ field: 'email', type: 'string' },
			{ field: 'contact', type: 'integer', related: 'contacts' },
			{ field: 'owner', type: 'uuid', related: 'directus_users' },
			{ field: 'service', type: 'integer', related: 'services' },
		];
		const fieldsOf = (collection: string) => (collection === 'contacts' ? [{ field: 'email', type: 'string' }, { field: 'city', type: 'string' }] : [{ field: 'name', type: 'string' }]);
		const suggestions = recipientSuggestions(fields, fieldsOf, [{ email: 'ana@example.com', first_name: 'Ana', last_name: 'Lopez' }, { email: null }], { owner: 'Owner', members: 'Members' });
		expect(suggestions.map((entry) => entry.value)).toEqual(['owner', 'members', '{{ record.email }}', '{{ record.contact.email }}', '{{ record.owner.email }}', 'ana@example.com']);
		expect(suggestions.at(-1)?.text).toBe('Ana Lopez <ana@example.com>');
	});
});
