import { describe, expect, it } from 'vitest';
import { recordTitle } from './record-title.js';

describe('recordTitle', () => {
	it('fills the display template with the record values', () => {
		expect(recordTitle('{{first_name}} {{last_name}}', { first_name: 'Ada', last_name: 'Lovelace' })).toBe('Ada Lovelace');
		expect(recordTitle('{{ title }}', { title: 'Boiler check' })).toBe('Boiler check');
	});

	it('reads relational paths when the record holds them, and leaves no dangling separator', () => {
		expect(recordTitle('{{appointment.title}}', { appointment: { title: 'Boiler check' } })).toBe('Boiler check');
		expect(recordTitle('{{name}} · {{city}}', { name: 'Acme', city: null })).toBe('Acme');
	});

	it('is null without a template, a record or any value', () => {
		expect(recordTitle(null, { title: 'x' })).toBeNull();
		expect(recordTitle('{{title}}', null)).toBeNull();
		expect(recordTitle('{{title}}', { title: '' })).toBeNull();
		expect(recordTitle('{{appointment.title}}', { appointment: 'b3c1' })).toBeNull();
	});

	it('is cut to the column length', () => {
		expect(recordTitle('{{title}}', { title: 'x'.repeat(300) })).toHaveLength(255);
	});
});
