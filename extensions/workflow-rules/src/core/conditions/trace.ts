/**
 * The evaluated condition tree, written back out with the values seen: this is the trace stored
 * on each run, so every field here stays plain JSON (no Dates, no undefined).
 */

/** One operator applied to one field. `path` is the dotted field path (`service.name`). */
export interface LeafTrace {
	kind: 'leaf';
	path: string;
	operator: string;
	/** The compared value after dynamic values (`$NOW`, `$CURRENT_USER`) were resolved. */
	expected: unknown;
	/** The record's value at `path` (null when missing or behind a null relation). */
	actual: unknown;
	result: boolean;
}

/**
 * A logical group. `and` / `or` come from `_and` / `_or` or from several keys in one object;
 * `some` / `none` from `_some` / `_none` (or an array relation without either, which means some).
 * The children of `some` / `none` are one `and` group per related item, with path `members[0]`.
 */
export interface GroupTrace {
	kind: 'and' | 'or' | 'some' | 'none';
	/** The dotted field path the group applies under; '' at the record's root. */
	path: string;
	result: boolean;
	children: ConditionTrace[];
}

export type ConditionTrace = LeafTrace | GroupTrace;

export interface Evaluation {
	result: boolean;
	/** null when there was nothing to evaluate (no filter, or `{}`). */
	trace: ConditionTrace | null;
}

/** What dynamic filter values resolve against. */
export interface FilterContext {
	/** `$NOW`; the current time when absent. */
	now?: Date;
	/** `$CURRENT_USER`; null when absent. */
	userId?: string | null;
	/** `$CURRENT_ROLE`; null when absent. */
	roleId?: string | null;
}
