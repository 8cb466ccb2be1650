/**
 * A Directus filter compiled once into closures, evaluated against one record (its relations
 * loaded as nested objects and arrays) in two ways that share every decision:
 * - `test` answers whether the record matches, stopping at the first branch that decides it and
 *   building nothing: what a write asks of every active rule;
 * - `trace` evaluates every branch, without short-circuit, and writes the tree back out with the
 *   values seen: what a run stores. Its result is `test`'s.
 * Operators, constant operands (with their number, date or text readings) and field paths are
 * resolved at compilation; dynamic values ($NOW, $CURRENT_USER) on each evaluation, only where
 * they stand. Malformed parts (caught by validateFilter) fail closed: they evaluate to false
 * rather than throw.
 */
import type { Filter } from '../rule/rule-types.js';
import { isNil, toList } from './coerce.js';
import { dynamicValueResolver, isUnresolvedIdentity } from './dynamic-values.js';
import { isLogicalKey, isPlainObject, joinPath, splitFieldSpec, type QuantifierKey } from './filter-shape.js';
import { toJsonValue } from './json-value.js';
import { getOperator, type PreparedTest } from './operators.js';
import type { ConditionTrace, Evaluation, FilterContext, GroupTrace, LeafTrace } from './trace.js';

export interface CompiledFilter {
	test(record: Record<string, unknown>, context?: FilterContext): boolean;
	trace(record: Record<string, unknown>, context?: FilterContext): Evaluation;
}

/** One part of the filter, applied to a value: the record, a related item, a field's value. */
interface Part {
	test(value: unknown, context: FilterContext): boolean;
	trace(value: unknown, context: FilterContext): ConditionTrace;
}

const NO_CONTEXT: FilterContext = {};

export function compileFilter(filter: Filter | null | undefined): CompiledFilter {
	if (isNil(filter) || (isPlainObject(filter) && Object.keys(filter).length === 0)) {
		return { test: () => true, trace: () => ({ result: true, trace: null }) };
	}
	const root = compileNode(filter, '');
	return {
		test: (record, context = NO_CONTEXT) => root.test(record, context),
		trace: (record, context = NO_CONTEXT) => {
			const trace = root.trace(record, context);
			return { result: trace.result, trace };
		},
	};
}

/** A filter object applied to the record, or to a related item under `path`. */
function compileNode(node: unknown, path: string): Part {
	if (!isPlainObject(node)) return failed('and', path);
	const children = Object.entries(node).map(([key, spec]) =>
		isLogicalKey(key) ? compileLogical(key === '_and' ? 'and' : 'or', spec, path) : readingField(key, compileField(spec, joinPath(path, key))),
	);
	return all(path, children);
}

/** `_and` / `_or`. An empty list holds, as an empty where-group does in Directus. */
function compileLogical(kind: 'and' | 'or', list: unknown, path: string): Part {
	if (!Array.isArray(list)) return failed(kind, path);
	const children = list.map((item) => compileNode(item, path));
	return group(kind, path, children, kind === 'or' && children.length > 0);
}

/** What stands under one field: operators, `_some` / `_none`, nested fields of a relation. */
function compileField(spec: unknown, path: string): Part {
	if (!isPlainObject(spec)) return invalidLeaf(spec, path);
	const { operators, quantifiers, nested } = splitFieldSpec(spec);
	const children: Part[] = [
		...operators.map(([operator, expected]) => compileLeaf(operator, expected, path)),
		...quantifiers.map(([key, sub]) => compileQuantifier(key, compileNode(sub, path), path)),
	];
	if (nested) children.push(compileRelation(compileNode(nested, path), path));
	return all(path, children);
}

/** Nested fields under a relation: one item, or any of an array relation's (one-to-many, many-to-many) when there is no _some / _none. */
function compileRelation(node: Part, path: string): Part {
	const any = compileQuantifier('_some', node, path);
	const isMany = (value: unknown) => Array.isArray(value) || (typeof value === 'string' && toList(value) !== null);
	return {
		test: (value, context) => (isMany(value) ? any : node).test(value, context),
		trace: (value, context) => (isMany(value) ? any : node).trace(value, context),
	};
}

/** One `and` group per related item (path `members[0]`), then any / none of them. */
function compileQuantifier(key: QuantifierKey, node: Part, path: string): Part {
	const matches = key === '_some';
	const items = (value: unknown): unknown[] => toList(value) ?? (isNil(value) ? [] : [value]);
	return {
		test: (value, context) => {
			for (const item of items(value)) if (node.test(item, context)) return matches;
			return !matches;
		},
		trace: (value, context) => {
			const children = items(value).map((item, index): GroupTrace => {
				const trace = node.trace(item, context);
				return { kind: 'and', path: `${path}[${index}]`, result: trace.result, children: [trace] };
			});
			const any = children.some((child) => child.result);
			return { kind: matches ? 'some' : 'none', path, result: matches ? any : !any, children };
		},
	};
}

/**
 * One operator on one field. The test is prepared once when the operand is constant; a dynamic
 * operand is resolved and prepared on each evaluation, and a comparison with the user or role of a
 * write that has none is false.
 */
function compileLeaf(operator: string, expected: unknown, path: string): Part {
	const definition = getOperator(operator);
	const resolve = dynamicValueResolver(expected);
	if (!resolve) {
		const test = definition ? prepared(() => definition.prepare(expected)) : never;
		return {
			test: (actual) => attempt(test, actual),
			trace: (actual) => leaf(path, operator, expected, actual, attempt(test, actual)),
		};
	}
	const result = (actual: unknown, resolved: unknown, context: FilterContext): boolean =>
		definition !== undefined && !isUnresolvedIdentity(expected, context) && attempt(prepared(() => definition.prepare(resolved)), actual);
	return {
		test: (actual, context) => result(actual, resolve(context), context),
		trace: (actual, context) => {
			const resolved = resolve(context);
			return leaf(path, operator, resolved, actual, result(actual, resolved, context));
		},
	};
}

function invalidLeaf(spec: unknown, path: string): Part {
	return { test: () => false, trace: (actual) => leaf(path, 'invalid', spec, actual, false) };
}

const never: PreparedTest = () => false;

/** An operand the operator cannot use (an invalid pattern for _regex) matches nothing. */
function prepared(prepare: () => PreparedTest): PreparedTest {
	try {
		return prepare();
	} catch {
		return never;
	}
}

/** A value the operator cannot read (JSON that does not serialise) does not match. */
function attempt(test: PreparedTest, actual: unknown): boolean {
	try {
		return test(actual);
	} catch {
		return false;
	}
}

/** A field of the record or of a related item; null when absent or when the relation is not an object. */
function readingField(key: string, part: Part): Part {
	const read = (scope: unknown): unknown => (isPlainObject(scope) && Object.hasOwn(scope, key) ? scope[key] : null);
	return {
		test: (scope, context) => part.test(read(scope), context),
		trace: (scope, context) => part.trace(read(scope), context),
	};
}

/** Several keys in one object, or several operators on one field: an implicit and, or the one part itself. */
function all(path: string, children: Part[]): Part {
	return children.length === 1 && children[0] ? children[0] : group('and', path, children);
}

/** All children hold (none at all included), or with `any`, at least one. */
function group(kind: GroupTrace['kind'], path: string, children: Part[], any = false): Part {
	return {
		test: any
			? (value, context) => {
					for (const child of children) if (child.test(value, context)) return true;
					return false;
				}
			: (value, context) => {
					for (const child of children) if (!child.test(value, context)) return false;
					return true;
				},
		trace: (value, context) => {
			const traces = children.map((child) => child.trace(value, context));
			const result = any ? traces.some((trace) => trace.result) : traces.every((trace) => trace.result);
			return { kind, path, result, children: traces };
		},
	};
}

/** A group that cannot hold: `_and` that is not a list, a node that is not an object. */
function failed(kind: 'and' | 'or', path: string): Part {
	return { test: () => false, trace: () => ({ kind, path, result: false, children: [] }) };
}

function leaf(path: string, operator: string, expected: unknown, actual: unknown, result: boolean): LeafTrace {
	return { kind: 'leaf', path, operator, expected: toJsonValue(expected), actual: toJsonValue(actual), result };
}
