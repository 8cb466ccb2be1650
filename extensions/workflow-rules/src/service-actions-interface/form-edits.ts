/** Which of a service's fields each quick action writes: edits to these would be replaced. */
export const FIELDS_WRITTEN = {
	unavailable: ['unavailable_until'],
	unused: ['status'],
	available: ['status', 'unavailable_until'],
	clone: [],
} as const satisfies Record<string, readonly string[]>;

/** The same moment written two ways ("…Z" from the API, "…+01:00" from the date picker) is no edit. */
function sameValue(a: unknown, b: unknown): boolean {
	if ((a ?? null) === (b ?? null)) return true;
	if (typeof a === 'string' && typeof b === 'string') {
		const [left, right] = [Date.parse(a), Date.parse(b)];
		return !Number.isNaN(left) && left === right;
	}
	return false;
}

/** The fields among `fields` whose value in the form differs from the stored service: unsaved edits an action would replace. */
export function editedFields(formValues: Record<string, unknown>, stored: Record<string, unknown>, fields: readonly string[]): string[] {
	// undefined: no value in the form's edits, it shows the stored one.
	return fields.filter((field) => formValues[field] !== undefined && !sameValue(formValues[field], stored[field]));
}
