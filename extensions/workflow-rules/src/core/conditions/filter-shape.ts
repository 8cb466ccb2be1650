/**
 * The grammar of a Directus filter, shared by evaluation, field listing and validation: an object
 * whose keys are fields or `_and` / `_or`; under a field, operators (`_eq`), quantifiers (`_some`,
 * `_none`) and, for relations, nested fields.
 */

export type LogicalKey = '_and' | '_or';
export type QuantifierKey = '_some' | '_none';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function isLogicalKey(key: string): key is LogicalKey {
	return key === '_and' || key === '_or';
}

export function isQuantifierKey(key: string): key is QuantifierKey {
	return key === '_some' || key === '_none';
}

/** A key under a field that is neither logical, a quantifier nor a nested field name. */
export function isOperatorKey(key: string): boolean {
	return key.startsWith('_') && !isLogicalKey(key) && !isQuantifierKey(key);
}

export function joinPath(prefix: string, key: string): string {
	return prefix === '' ? key : `${prefix}.${key}`;
}

/** The parts of what stands under a field: `{ _eq: 1 }`, `{ _some: {…} }`, `{ name: {…} }`. */
export interface FieldSpecParts {
	operators: Array<[string, unknown]>;
	quantifiers: Array<[QuantifierKey, unknown]>;
	/** Nested fields and `_and` / `_or` that apply to the related item(s); null when none. */
	nested: Record<string, unknown> | null;
}

/** Rules keep their filter objects for as long as they are cached: split each spec once. */
const splitCache = new WeakMap<Record<string, unknown>, FieldSpecParts>();

export function splitFieldSpec(spec: Record<string, unknown>): FieldSpecParts {
	let parts = splitCache.get(spec);
	if (!parts) {
		parts = split(spec);
		splitCache.set(spec, parts);
	}
	return parts;
}

function split(spec: Record<string, unknown>): FieldSpecParts {
	const parts: FieldSpecParts = { operators: [], quantifiers: [], nested: null };
	for (const [key, value] of Object.entries(spec)) {
		if (isQuantifierKey(key)) parts.quantifiers.push([key, value]);
		else if (isOperatorKey(key)) parts.operators.push([key, value]);
		else (parts.nested ??= {})[key] = value;
	}
	return parts;
}
