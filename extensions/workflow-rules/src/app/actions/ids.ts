let next = 0;

/** A document-unique id for a label's `for`, per component instance. */
export function uniqueId(prefix: string): string {
	next += 1;
	return `${prefix}-${next}`;
}
