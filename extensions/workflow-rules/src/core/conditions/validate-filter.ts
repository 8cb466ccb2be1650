/**
 * Structural problems of a filter, each at its JSON path (`conditions.status._equals: unknown
 * operator "_equals"`). With a collection and a SchemaInfo, fields are checked too, following
 * relations; fields under a collection the SchemaInfo does not know (`directus_users`, ...) are
 * not reported.
 */
import { jsonLimitIssue } from '../rule/json-limits.js';
import type { RuleIssue } from '../rule/rule-types.js';
import type { SchemaInfo } from '../rule/schema-info.js';
import { dynamicValueError } from './dynamic-values.js';
import { isLogicalKey, isPlainObject, isQuantifierKey, joinPath, splitFieldSpec } from './filter-shape.js';
import { compileRegex, getOperator, type OperatorValueKind } from './operators.js';

interface Walk {
	schema: SchemaInfo | undefined;
	issues: RuleIssue[];
}

export function validateFilter(filter: unknown, path: string, collection?: string, schema?: SchemaInfo): RuleIssue[] {
	if (filter === null || filter === undefined) return [];
	if (!isPlainObject(filter)) return [{ path, message: 'must be an object or null' }];
	// Before the walk below, which recurses once per level.
	const limit = jsonLimitIssue(filter, path);
	if (limit) return [limit];
	const walk: Walk = { schema, issues: [] };
	validateNode(filter, path, collection ?? null, walk);
	return walk.issues;
}

function validateNode(node: Record<string, unknown>, path: string, collection: string | null, walk: Walk): void {
	for (const [key, spec] of Object.entries(node)) {
		const keyPath = joinPath(path, key);
		if (isLogicalKey(key)) validateLogical(spec, keyPath, collection, walk);
		else if (isQuantifierKey(key) || getOperator(key)) {
			report(walk, keyPath, `operator "${key}" must be applied to a field, e.g. { "status": { "${key}": … } }`);
		} else if (key.startsWith('_')) report(walk, keyPath, `unknown operator "${key}"`);
		else validateField(key, spec, keyPath, collection, walk);
	}
}

function validateLogical(list: unknown, path: string, collection: string | null, walk: Walk): void {
	if (!Array.isArray(list)) return report(walk, path, 'must be an array');
	list.forEach((item, index) => {
		const itemPath = `${path}[${index}]`;
		if (isPlainObject(item)) validateNode(item, itemPath, collection, walk);
		else report(walk, itemPath, 'must be an object');
	});
}

function validateField(field: string, spec: unknown, path: string, collection: string | null, walk: Walk): void {
	const { schema } = walk;
	let related: string | null = null;
	let relational: boolean | null = null; // null: unknown (no schema, or an unknown field)
	if (schema && collection !== null && schema.hasCollection(collection)) {
		if (schema.fieldType(collection, field) === null) {
			report(walk, path, `unknown field "${field}" in collection "${collection}"`);
		} else {
			related = schema.relatedCollection(collection, field);
			relational = related !== null;
		}
	}
	if (!isPlainObject(spec) || Object.keys(spec).length === 0) {
		return report(walk, path, 'must be an operator object such as { "_eq": value }');
	}
	const { operators, quantifiers, nested } = splitFieldSpec(spec);
	for (const [operator, value] of operators) validateOperator(operator, value, joinPath(path, operator), walk);
	if (relational === false && (quantifiers.length > 0 || nested)) {
		report(walk, path, `field "${field}" is not relational, so it cannot hold nested fields: use an operator such as { "_eq": value }`);
	}
	for (const [key, sub] of quantifiers) {
		const subPath = joinPath(path, key);
		if (isPlainObject(sub)) validateNode(sub, subPath, related, walk);
		else report(walk, subPath, 'must be an object');
	}
	if (nested) validateNode(nested, path, related, walk);
}

function validateOperator(operator: string, value: unknown, path: string, walk: Walk): void {
	const definition = getOperator(operator);
	if (!definition) return report(walk, path, `unknown operator "${operator}"`);
	const problem = valueProblem(definition.value, value);
	if (problem) return report(walk, path, problem);
	const items = Array.isArray(value) ? value : [value];
	items.forEach((item, index) => {
		if (!isScalar(item)) return report(walk, `${path}[${index}]`, 'must be a string, number, boolean or null');
		const dynamic = dynamicValueError(item);
		if (dynamic) report(walk, Array.isArray(value) ? `${path}[${index}]` : path, dynamic);
	});
}

function valueProblem(kind: OperatorValueKind, value: unknown): string | null {
	switch (kind) {
		case 'scalar':
			return isScalar(value) ? null : 'must be a string, number, boolean or null';
		case 'comparable':
			return isComparable(value) ? null : 'must be a number or a string (a date, a time, "$NOW")';
		case 'text':
			return isComparable(value) ? null : 'must be a string or a number';
		case 'list':
			return Array.isArray(value) ? null : 'must be an array';
		case 'range':
			return Array.isArray(value) && value.length === 2 && value.every(isComparable)
				? null
				: 'must be a two-element array [from, to]';
		case 'flag':
			return typeof value === 'boolean' ? null : 'must be true or false';
		case 'regex':
			return regexProblem(value);
	}
}

function regexProblem(value: unknown): string | null {
	if (typeof value !== 'string') return 'must be a string holding a regular expression';
	try {
		compileRegex(value);
		return null;
	} catch (error) {
		return `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`;
	}
}

function isScalar(value: unknown): boolean {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isComparable(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number';
}

function report(walk: Walk, path: string, message: string): void {
	walk.issues.push({ path, message });
}
