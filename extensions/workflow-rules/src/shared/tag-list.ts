/** Flow options arrive as arrays from the tags interface or as comma-separated text from templates. */
export function toTagList(value: string[] | string | null | undefined): string[] {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string') return [];
	return value.split(',').map((tag) => tag.trim()).filter(Boolean);
}
