/**
 * A record's title as its collection's display template names it (`{{first_name}} {{last_name}}`),
 * from the values the engine read: stored on a run so that the run log says which record it ran
 * on. A path the record lacks renders empty; no title at all is null, never an empty string.
 */
export const RECORD_TITLE_MAX = 255;

/** The value at a dotted path of a record read with its relations (`contact.last_name`); null past a missing step. */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
	let value: unknown = record;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return null;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

export function recordTitle(template: string | null | undefined, record: Record<string, unknown> | null | undefined): string | null {
	if (!template || !record) return null;
	const rendered = template
		.replace(/\{\{\s*([\w.$-]+)\s*\}\}/g, (_whole, path: string) => text(valueAt(record, path)))
		.replace(/\s+/g, ' ')
		.trim();
	// Separators left around empty values ("Ada · ", " – ") say nothing.
	const title = rendered.replace(/^[\s·,–—:|/-]+|[\s·,–—:|/-]+$/g, '');
	return title === '' ? null : title.slice(0, RECORD_TITLE_MAX);
}
