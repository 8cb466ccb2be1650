/**
 * Evaluates a Directus filter against one record (its relations loaded as nested objects and
 * arrays) and writes the tree back out with the values seen. Every branch is evaluated, without
 * short-circuit, so the trace shows all of it. Malformed parts (caught by validateFilter) fail
 * closed: they evaluate to false rather than throw.
 */
import type { Filter } from '../rule/rule-types.js';
import { isNil, toList } from './coerce.js';
import { isUnresolvedIdentity, resolveDynamicValue } from './dynamic-values.js';
import { isLogicalKey, isPlainObject, joinPath, splitFieldSpec, type QuantifierKey } from './filter-shape.js';
import { toJsonValue } from './json-value.js';
import { getOperator } from './operators.js';
import type { ConditionTrace, Evaluation, FilterContext, GroupTrace, LeafTrace } from './trace.js';

export function evaluateFilter(
	filter: Filter | null | undefined,
	record: Record<string, unknown>,
	context: FilterContext = {},
): Evaluation {
	if (isNil(filter) || (isPlainObject(filter) && Object.keys(filter).length === 0)) return { result: true, trace: null };
	const trace = evaluateNode(filter, record, '', context);
	return { result: trace.result, trace };
}

/** A filter object applied to `scope` (the record, or a related item under `path`). */
function evaluateNode(node: unknown, scope: unknown, path: string, context: FilterContext): ConditionTrace {
	if (!isPlainObject(node)) return group('and', path, [], false);
	const children = Object.entries(node).map(([key, spec]) =>
		isLogicalKey(key)
			? evaluateLogical(key === '_and' ? 'and' : 'or', spec, scope, path, context)
			: evaluateField(spec, readField(scope, key), joinPath(path, key), context),
	);
	return children.length === 1 && children[0] ? children[0] : group('and', path, children);
}

/** `_and` / `_or`. An empty list holds, as an empty where-group does in Directus. */
function evaluateLogical(
	kind: 'and' | 'or',
	list: unknown,
	scope: unknown,
	path: string,
	context: FilterContext,
): GroupTrace {
	if (!Array.isArray(list)) return group(kind, path, [], false);
	const children = list.map((item) => evaluateNode(item, scope, path, context));
	const result =
		children.length === 0 || (kind === 'and' ? children.every((c) => c.result) : children.some((c) => c.result));
	return group(kind, path, children, result);
}

/** What stands under one field: operators, `_some` / `_none`, nested fields of a relation. */
function evaluateField(spec: unknown, value: unknown, path: string, context: FilterContext): ConditionTrace {
	if (!isPlainObject(spec)) return leaf(path, 'invalid', spec, value, false);
	const { operators, quantifiers, nested } = splitFieldSpec(spec);
	const children: ConditionTrace[] = [
		...operators.map(([operator, expected]) => evaluateLeaf(operator, expected, value, path, context)),
		...quantifiers.map(([key, sub]) => evaluateQuantifier(key, sub, value, path, context)),
	];
	if (nested) {
		// An array relation (one-to-many, many-to-many) without _some / _none means _some.
		const isMany = Array.isArray(value) || (typeof value === 'string' && toList(value) !== null);
		children.push(isMany ? evaluateQuantifier('_some', nested, value, path, context) : evaluateNode(nested, value, path, context));
	}
	return children.length === 1 && children[0] ? children[0] : group('and', path, children);
}

/** One `and` group per related item (path `members[0]`), then any / none of them. */
function evaluateQuantifier(
	key: QuantifierKey,
	sub: unknown,
	value: unknown,
	path: string,
	context: FilterContext,
): GroupTrace {
	const items = toList(value) ?? (isNil(value) ? [] : [value]);
	const children = items.map((item, index) => {
		const trace = evaluateNode(sub, item, path, context);
		return group('and', `${path}[${index}]`, [trace], trace.result);
	});
	const any = children.some((child) => child.result);
	return key === '_some' ? group('some', path, children, any) : group('none', path, children, !any);
}

function evaluateLeaf(operator: string, expected: unknown, actual: unknown, path: string, context: FilterContext): LeafTrace {
	const resolved = resolveDynamicValue(expected, context);
	const definition = getOperator(operator);
	let result = false;
	try {
		result = definition !== undefined && !isUnresolvedIdentity(expected, context) && definition.test(actual, resolved);
	} catch {
		result = false; // an invalid pattern for _regex, for instance
	}
	return leaf(path, operator, resolved, actual, result);
}

/** A field of the record or of a related item; null when absent or when the relation is not an object. */
function readField(scope: unknown, key: string): unknown {
	if (!isPlainObject(scope) || !Object.hasOwn(scope, key)) return null;
	return scope[key];
}

function leaf(path: string, operator: string, expected: unknown, actual: unknown, result: boolean): LeafTrace {
	return { kind: 'leaf', path, operator, expected: toJsonValue(expected), actual: toJsonValue(actual), result };
}

function group(kind: GroupTrace['kind'], path: string, children: ConditionTrace[], result?: boolean): GroupTrace {
	return { kind, path, result: result ?? children.every((child) => child.result), children };
}
