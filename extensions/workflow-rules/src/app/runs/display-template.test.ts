import { describe, expect, it } from 'vitest';
import { recordTitle, renderTemplate, templateFields } from './display-template.js';

describe('display templates', () => {
	it('names the fields of a template, relational paths included', () => {
		expect(templateFields('{{ title }} · {{contact.last_name}} {{title}}')).toEqual(['title', 'contact.last_name']);
		expect(templateFields(null)).toEqual([]);
	});

	it('renders a record as text', () => {
		expect(renderTemplate('{{title}} · {{contact.last_name}}', { title: 'Mow <b>', contact: { last_name: 'Doe' } })).toBe('Mow <b> · Doe');
	});

	it('falls back to a title-like field, then the key', () => {
		expect(recordTitle('{{missing}}', { name: 'Lawn care' }, '3')).toBe('Lawn care');
		expect(recordTitle('{{a}} · {{b}}', { a: 'X', b: null }, '3')).toBe('X');
		expect(recordTitle(null, null, '3')).toBe('3');
	});
});
