/**
 * The filter operators, one lookup table (semantics of Directus' filter rules). Each entry says
 * what kind of value it takes (for validation) and tests a record value against an already
 * resolved expected value. Negated operators are exact negations: a null value "does not
 * contain" anything and "is not in" any list, as in Directus' own in-memory validation.
 */
import { RE2JS } from 're2js';
import { compareValues, isNil, looseEquals, toList, toText } from './coerce.js';

/** scalar: string/number/boolean/null; comparable and text: string/number; list: array; range: [from, to]; flag: boolean. */
export type OperatorValueKind = 'scalar' | 'comparable' | 'text' | 'list' | 'range' | 'flag' | 'regex';

export interface FilterOperator {
	value: OperatorValueKind;
	test(actual: unknown, expected: unknown): boolean;
}

type Test = FilterOperator['test'];

const not =
	(test: Test): Test =>
	(actual, expected) =>
		!test(actual, expected);

const ordered =
	(accept: (order: number) => boolean): Test =>
	(actual, expected) => {
		const order = compareValues(actual, expected);
		return order !== null && accept(order);
	};

/** `_null: true` tests the predicate, `_null: false` its negation (as Directus). */
const flag =
	(predicate: (actual: unknown) => boolean): Test =>
	(actual, expected) =>
		expected === false || expected === 'false' || expected === 0 ? !predicate(actual) : predicate(actual);

/** A list operand: an array, JSON text of one, or "a,b,c" as in Directus' query strings. */
function operandList(expected: unknown): unknown[] {
	const list = toList(expected);
	if (list) return list;
	if (typeof expected === 'string') return expected.split(',');
	return [expected];
}

/** An array value (tags) matches when any element is in the list. */
const isIn: Test = (actual, expected) => {
	const options = operandList(expected);
	const values = toList(actual) ?? [actual];
	return values.some((value) => options.some((option) => looseEquals(value, option)));
};

function isEmpty(actual: unknown): boolean {
	if (isNil(actual) || actual === '') return true;
	const list = toList(actual);
	if (list) return list.length === 0;
	return typeof actual === 'object' && !(actual instanceof Date) && Object.keys(actual).length === 0;
}

const fold = (text: string, insensitive: boolean): string => (insensitive ? text.toLocaleLowerCase() : text);

/** On an array (or JSON array text) the array includes the element; on a scalar, substring. */
const contains =
	(insensitive: boolean): Test =>
	(actual, expected) => {
		const list = toList(actual);
		const needle = toText(expected);
		if (list) {
			if (!insensitive || needle === null) return list.some((item) => looseEquals(item, expected));
			return list.some((item) => {
				const text = toText(item);
				return text !== null && fold(text, true) === fold(needle, true);
			});
		}
		const haystack = toText(actual);
		return haystack !== null && needle !== null && fold(haystack, insensitive).includes(fold(needle, insensitive));
	};

const affix =
	(end: 'start' | 'end', insensitive: boolean): Test =>
	(actual, expected) => {
		const text = toText(actual);
		const part = toText(expected);
		if (text === null || part === null) return false;
		const [a, b] = [fold(text, insensitive), fold(part, insensitive)];
		return end === 'start' ? a.startsWith(b) : a.endsWith(b);
	};

const between: Test = (actual, expected) => {
	const range = operandList(expected);
	if (range.length !== 2) return false;
	const low = compareValues(actual, range[0]);
	const high = compareValues(actual, range[1]);
	return low !== null && high !== null && low >= 0 && high <= 0;
};

/** Not between a valid range (an invalid range fails both ways). */
const notBetween: Test = (actual, expected) => operandList(expected).length === 2 && !between(actual, expected);

/**
 * `_regex` runs on the event loop against values anyone with write access chooses, so it uses RE2
 * (linear in the input) rather than a backtracking engine, where `^(a+)+$` against thirty letters
 * blocks the server for minutes. The price is RE2 syntax: no backreferences, no lookarounds.
 */
const RE2_FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };
const compiled = new Map<string, RE2JS>();
const COMPILED_LIMIT = 500;

/**
 * A pattern, or `/pattern/flags` (flags i, m, s, u), compiled once: rules are evaluated on every
 * write, and the oldest pattern makes room when the cache is full. Throws, with a message meant
 * for the rule's author, on a pattern RE2 cannot run.
 */
export function compileRegex(pattern: string): RE2JS {
	const cached = compiled.get(pattern);
	if (cached) return cached;
	const wrapped = /^\/(.*)\/([imsu]*)$/s.exec(pattern);
	const source = wrapped ? (wrapped[1] ?? '') : pattern;
	const flags = [...(wrapped?.[2] ?? '')].reduce((all, flag) => all | (RE2_FLAGS[flag] ?? 0), 0);
	let regex: RE2JS;
	try {
		regex = RE2JS.compile(source, flags);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`${reason} (patterns use RE2 syntax, which runs in linear time: no backreferences such as \\1, no lookarounds such as (?=…))`);
	}
	if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
	compiled.set(pattern, regex);
	return regex;
}

const regex: Test = (actual, expected) => {
	const text = toText(actual);
	return text !== null && typeof expected === 'string' && compileRegex(expected).test(text);
};

const entries: Array<[string, FilterOperator]> = [
	['_eq', { value: 'scalar', test: looseEquals }],
	['_neq', { value: 'scalar', test: not(looseEquals) }],
	['_lt', { value: 'comparable', test: ordered((order) => order < 0) }],
	['_lte', { value: 'comparable', test: ordered((order) => order <= 0) }],
	['_gt', { value: 'comparable', test: ordered((order) => order > 0) }],
	['_gte', { value: 'comparable', test: ordered((order) => order >= 0) }],
	['_in', { value: 'list', test: isIn }],
	['_nin', { value: 'list', test: not(isIn) }],
	['_null', { value: 'flag', test: flag(isNil) }],
	['_nnull', { value: 'flag', test: flag((actual) => !isNil(actual)) }],
	['_empty', { value: 'flag', test: flag(isEmpty) }],
	['_nempty', { value: 'flag', test: flag((actual) => !isEmpty(actual)) }],
	['_contains', { value: 'scalar', test: contains(false) }],
	['_ncontains', { value: 'scalar', test: not(contains(false)) }],
	['_icontains', { value: 'scalar', test: contains(true) }],
	['_nicontains', { value: 'scalar', test: not(contains(true)) }],
	['_starts_with', { value: 'text', test: affix('start', false) }],
	['_nstarts_with', { value: 'text', test: not(affix('start', false)) }],
	['_istarts_with', { value: 'text', test: affix('start', true) }],
	['_nistarts_with', { value: 'text', test: not(affix('start', true)) }],
	['_ends_with', { value: 'text', test: affix('end', false) }],
	['_nends_with', { value: 'text', test: not(affix('end', false)) }],
	['_iends_with', { value: 'text', test: affix('end', true) }],
	['_niends_with', { value: 'text', test: not(affix('end', true)) }],
	['_between', { value: 'range', test: between }],
	['_nbetween', { value: 'range', test: notBetween }],
	['_regex', { value: 'regex', test: regex }],
];

export const OPERATORS: ReadonlyMap<string, FilterOperator> = new Map(entries);

export function getOperator(name: string): FilterOperator | undefined {
	return OPERATORS.get(name);
}
