import { describe, expect, it } from 'vitest';
import { recordLabel, templateFields } from './record-label';

describe('record label', () => {
	it('fills the display template, relations included', () => {
		expect(recordLabel({ id: 3, title: 'Lawn', contact: { last_name: 'Doe' } }, '{{ title }} – {{ contact.last_name }}', 'id')).toBe('Lawn – Doe');
	});

	it('falls back to the key', () => {
		expect(recordLabel({ id: 3 }, null, 'id')).toBe('3');
		expect(recordLabel({ id: 4, title: null }, '{{ title }} – {{ x }}', 'id')).toBe('4');
	});

	it('lists the template fields', () => {
		expect(templateFields('{{ title }} {{contact.last_name}} {{ title }}')).toEqual(['title', 'contact.last_name']);
		expect(templateFields(null)).toEqual([]);
	});
});
