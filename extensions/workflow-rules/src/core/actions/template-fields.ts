/**
 * The record fields templates read (`{{ record.contact.email }}` → `contact.email`), so the
 * record can be read once with those relations. Scans every string in the options, nested too.
 */
export function templateFields(options: unknown, variable = 'record'): string[] {
	const found = new Set<string>();
	const pattern = new RegExp(`\\b${variable}\\.([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)`, 'g');

	const visit = (value: unknown): void => {
		if (typeof value === 'string') for (const match of value.matchAll(pattern)) found.add(match[1]!);
		else if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') Object.values(value).forEach(visit);
	};

	visit(options);
	return [...found].sort();
}
