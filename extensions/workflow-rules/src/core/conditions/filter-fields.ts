/**
 * The dotted field paths a filter reads (`['service.name', 'status']`), deduplicated and sorted,
 * so that the record can be read once with exactly those fields. `_and` / `_or` / `_some` /
 * `_none` are not part of a path; a relation tested only for existence (`{ members: { _some: {} } }`)
 * is read as itself.
 */
import type { Filter } from '../rule/rule-types.js';
import { isLogicalKey, isPlainObject, joinPath, splitFieldSpec } from './filter-shape.js';

export function filterFields(filter: Filter | null | undefined): string[] {
	const paths = new Set<string>();
	collectNode(filter, '', paths);
	return [...paths].sort();
}

/** Adds the paths a filter object reads under `prefix`; returns whether it added any. */
function collectNode(node: unknown, prefix: string, paths: Set<string>): boolean {
	if (!isPlainObject(node)) return false;
	let added = false;
	for (const [key, spec] of Object.entries(node)) {
		if (isLogicalKey(key)) {
			for (const item of Array.isArray(spec) ? spec : []) added = collectNode(item, prefix, paths) || added;
		} else {
			collectField(spec, joinPath(prefix, key), paths);
			added = true;
		}
	}
	return added;
}

function collectField(spec: unknown, path: string, paths: Set<string>): void {
	if (!isPlainObject(spec)) {
		paths.add(path);
		return;
	}
	const { operators, quantifiers, nested } = splitFieldSpec(spec);
	let readsBelow = false;
	for (const [, sub] of quantifiers) readsBelow = collectNode(sub, path, paths) || readsBelow;
	if (nested) readsBelow = collectNode(nested, path, paths) || readsBelow;
	if (operators.length > 0 || !readsBelow) paths.add(path);
}
