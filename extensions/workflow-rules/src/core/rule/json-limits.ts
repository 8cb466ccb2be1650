/**
 * Bounds on the JSON a rule stores (conditions, actions): every later step (validation, caching,
 * evaluation, writing runs) walks or serialises it, so a value deep enough to overflow the stack or
 * large enough to slow every write is refused when the rule is saved.
 */
import type { RuleIssue } from './rule-types.js';

/** Objects and arrays inside one another; `{ "_and": [ … ] }` takes two, a relation one. */
export const MAX_JSON_DEPTH = 32;
/** Characters of the value's JSON text. */
export const MAX_JSON_CHARS = 64 * 1024;

/**
 * The first limit `value` exceeds, at `path`, or null. The size is measured only once the depth is
 * known to be safe to serialise.
 */
export function jsonLimitIssue(value: unknown, path: string): RuleIssue | null {
	const deep = jsonDepthIssue(value, path);
	if (deep) return deep;
	const length = JSON.stringify(value)?.length ?? 0;
	return length > MAX_JSON_CHARS ? { path, message: `is too large: ${length} characters of JSON, at most ${MAX_JSON_CHARS}` } : null;
}

/**
 * The first place `value` nests deeper than MAX_JSON_DEPTH, or null. Walks with an explicit stack
 * and stops there, so that a value nested thousands of levels is answered, not overflowed.
 */
export function jsonDepthIssue(value: unknown, path: string): RuleIssue | null {
	const pending: [unknown, number, string][] = [[value, 1, path]];
	while (pending.length > 0) {
		const [node, depth, at] = pending.pop()!;
		if (typeof node !== 'object' || node === null) continue;
		if (depth > MAX_JSON_DEPTH) {
			return { path: at, message: `is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and arrays (about ${MAX_JSON_DEPTH / 2} levels of _and/_or)` };
		}
		const entries = Array.isArray(node) ? node.map((item, index) => [`${at}[${index}]`, item] as const) : Object.entries(node).map(([key, item]) => [`${at}.${key}`, item] as const);
		for (const [itemPath, item] of entries) pending.push([item, depth + 1, itemPath]);
	}
	return null;
}
