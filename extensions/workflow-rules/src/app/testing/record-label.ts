/**
 * A record's title as the studio shows it: the collection's display template (`{{ name }} –
 * {{ contact.last_name }}`) filled from the record, or its key when there is none or it renders empty.
 */
export function recordLabel(record: Record<string, unknown>, template: string | null | undefined, primaryKey: string): string {
	const key = String(record[primaryKey] ?? '');
	if (!template) return key;
	const text = template
		.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_whole, path: string) => {
			const value = path.split('.').reduce<unknown>((current, part) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined), record);
			return value === null || value === undefined || typeof value === 'object' ? '' : String(value);
		})
		.trim();
	return text && text.replace(/[\s\-–—,·|]/g, '') !== '' ? text : key;
}

/** The fields a display template needs (`contact.last_name`), for the `fields` query. */
export function templateFields(template: string | null | undefined): string[] {
	if (!template) return [];
	return [...new Set([...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] as string))];
}
