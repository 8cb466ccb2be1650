import { describe, expect, it } from 'vitest';
import { templateFields } from './template-fields.js';

describe('templateFields', () => {
	it('finds record paths in nested options', () => {
		expect(templateFields({ to: ['{{ record.contact.email }}'], body: 'Hi {{record.contact.first_name}}, {{ record.title | upcase }} {{ previous.title }}' })).toEqual(['contact.email', 'contact.first_name', 'title']);
	});

	it('finds nothing in plain values', () => {
		expect(templateFields({ values: { status: 'completed', score: 3 } })).toEqual([]);
	});
});
