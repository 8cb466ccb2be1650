/**
 * A collection's display template (`{{title}} · {{contact.last_name}}`) for one record: the fields
 * it names, to read them, and the text it makes. Values are text, rendered by Vue as text.
 */
import { valueAt } from '../../core/engine/record-title.js';

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export function templateFields(template: string | null | undefined): string[] {
	if (!template) return [];
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

export function renderTemplate(template: string | null | undefined, record: Record<string, unknown> | null | undefined): string {
	if (!template || !record) return '';
	return template
		.replace(PLACEHOLDER, (_whole, path: string) => {
			const value = valueAt(record, path);
			if (value === null || value === undefined) return '';
			return typeof value === 'object' ? JSON.stringify(value) : String(value);
		})
		.replace(/\s+/g, ' ')
		.trim();
}

/** The record's title: its display template, else a usual title field, else its key. */
export function recordTitle(template: string | null | undefined, record: Record<string, unknown> | null | undefined, key: string): string {
	const rendered = renderTemplate(template, record).replace(/^[\s·\-–—|,:]+|[\s·\-–—|,:]+$/g, '');
	if (rendered) return rendered;
	for (const field of ['title', 'name', 'subject', 'first_name']) {
		const value = record?.[field];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return key;
}
