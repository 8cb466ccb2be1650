/**
 * The filter operators, one lookup table (semantics of Directus' filter rules). Each entry says
 * what kind of value it takes (for validation) and tests a record value against an already
 * resolved expected value. Negated operators are exact negations: a null value "does not
 * contain" anything and "is not in" any list, as in Directus' own in-memory validation.
 */
import { RE2JS } from 're2js';
import { compareToOperand, equalsOperand, isNil, Operand, toList, toText } from './coerce.js';

/** scalar: string/number/boolean/null; comparable and text: string/number; list: array; range: [from, to]; flag: boolean. */
export type OperatorValueKind = 'scalar' | 'comparable' | 'text' | 'list' | 'range' | 'flag' | 'regex';

/** A test of record values against one operand, fixed in advance. */
export type PreparedTest = (actual: unknown) => boolean;

export interface FilterOperator {
	value: OperatorValueKind;
	/**
	 * The test against `expected` (already resolved), with the operand's work done once: a compiled
	 * filter keeps it for as long as the rule. Throws on an operand it cannot use (an invalid pattern).
	 */
	prepare(expected: unknown): PreparedTest;
	/** `prepare(expected)(actual)`. */
	test(actual: unknown, expected: unknown): boolean;
}

type Prepare = FilterOperator['prepare'];

const never: PreparedTest = () => false;

const not =
	(prepare: Prepare): Prepare =>
	(expected) => {
		const test = prepare(expected);
		return (actual) => !test(actual);
	};

const equals: Prepare = (expected) => {
	const operand = new Operand(expected);
	return (actual) => equalsOperand(actual, operand);
};

const ordered =
	(accept: (order: number) => boolean): Prepare =>
	(expected) => {
		const operand = new Operand(expected);
		return (actual) => {
			const order = compareToOperand(actual, operand);
			return order !== null && accept(order);
		};
	};

/** `_null: true` tests the predicate, `_null: false` its negation (as Directus). */
const flag =
	(predicate: PreparedTest): Prepare =>
	(expected) =>
		expected === false || expected === 'false' || expected === 0 ? (actual) => !predicate(actual) : predicate;

/** A list operand: an array, JSON text of one, or "a,b,c" as in Directus' query strings. */
function operandList(expected: unknown): unknown[] {
	const list = toList(expected);
	if (list) return list;
	if (typeof expected === 'string') return expected.split(',');
	return [expected];
}

/** An array value (tags) matches when any element is in the list. */
const isIn: Prepare = (expected) => {
	const options = operandList(expected).map((option) => new Operand(option));
	const listed = (value: unknown): boolean => {
		for (const option of options) if (equalsOperand(value, option)) return true;
		return false;
	};
	return (actual) => {
		const values = toList(actual);
		if (!values) return listed(actual);
		for (const value of values) if (listed(value)) return true;
		return false;
	};
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
	(insensitive: boolean): Prepare =>
	(expected) => {
		const operand = new Operand(expected);
		const needle = operand.text;
		const folded = needle === null ? null : fold(needle, insensitive);
		return (actual) => {
			const list = toList(actual);
			if (list) {
				if (!insensitive || folded === null) {
					for (const item of list) if (equalsOperand(item, operand)) return true;
					return false;
				}
				for (const item of list) {
					const text = toText(item);
					if (text !== null && fold(text, true) === folded) return true;
				}
				return false;
			}
			const haystack = toText(actual);
			return haystack !== null && folded !== null && fold(haystack, insensitive).includes(folded);
		};
	};

const affix =
	(end: 'start' | 'end', insensitive: boolean): Prepare =>
	(expected) => {
		const part = toText(expected);
		if (part === null) return never;
		const folded = fold(part, insensitive);
		return (actual) => {
			const text = toText(actual);
			if (text === null) return false;
			const subject = fold(text, insensitive);
			return end === 'start' ? subject.startsWith(folded) : subject.endsWith(folded);
		};
	};

const between: Prepare = (expected) => {
	const range = operandList(expected);
	if (range.length !== 2) return never;
	const [low, high] = range.map((bound) => new Operand(bound)) as [Operand, Operand];
	return (actual) => {
		const fromLow = compareToOperand(actual, low);
		const toHigh = compareToOperand(actual, high);
		return fromLow !== null && toHigh !== null && fromLow >= 0 && toHigh <= 0;
	};
};

/** Not between a valid range (an invalid range fails both ways). */
const notBetween: Prepare = (expected) => (operandList(expected).length === 2 ? not(between)(expected) : never);

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

const regex: Prepare = (expected) => {
	if (typeof expected !== 'string') return never;
	const pattern = compileRegex(expected);
	return (actual) => {
		const text = toText(actual);
		return text !== null && pattern.test(text);
	};
};

const entries: Array<[string, OperatorValueKind, Prepare]> = [
	['_eq', 'scalar', equals],
	['_neq', 'scalar', not(equals)],
	['_lt', 'comparable', ordered((order) => order < 0)],
	['_lte', 'comparable', ordered((order) => order <= 0)],
	['_gt', 'comparable', ordered((order) => order > 0)],
	['_gte', 'comparable', ordered((order) => order >= 0)],
	['_in', 'list', isIn],
	['_nin', 'list', not(isIn)],
	['_null', 'flag', flag(isNil)],
	['_nnull', 'flag', flag((actual) => !isNil(actual))],
	['_empty', 'flag', flag(isEmpty)],
	['_nempty', 'flag', flag((actual) => !isEmpty(actual))],
	['_contains', 'scalar', contains(false)],
	['_ncontains', 'scalar', not(contains(false))],
	['_icontains', 'scalar', contains(true)],
	['_nicontains', 'scalar', not(contains(true))],
	['_starts_with', 'text', affix('start', false)],
	['_nstarts_with', 'text', not(affix('start', false))],
	['_istarts_with', 'text', affix('start', true)],
	['_nistarts_with', 'text', not(affix('start', true))],
	['_ends_with', 'text', affix('end', false)],
	['_nends_with', 'text', not(affix('end', false))],
	['_iends_with', 'text', affix('end', true)],
	['_niends_with', 'text', not(affix('end', true))],
	['_between', 'range', between],
	['_nbetween', 'range', notBetween],
	['_regex', 'regex', regex],
];

export const OPERATORS: ReadonlyMap<string, FilterOperator> = new Map(
	entries.map(([name, value, prepare]) => [name, { value, prepare, test: (actual, expected) => prepare(expected)(actual) }]),
);

export function getOperator(name: string): FilterOperator | undefined {
	return OPERATORS.get(name);
}
