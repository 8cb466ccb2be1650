/**
 * A run's trace (RuleTrace of core/engine/evaluate-rule.ts) in words: each node's field path,
 * operator, expected and actual values as short texts. Values are shown as text, never as HTML.
 */
import type { ConditionTrace, GroupTrace, LeafTrace } from '../../core/conditions/trace';

export interface RuleTraceLike {
	conditions?: ConditionTrace | null;
	previous_conditions?: ConditionTrace | null;
}

const MAX_TEXT = 120;

/** `"Lawn care"`, `42`, `true`, `empty` for null, JSON for lists and objects (shortened). */
export function valueText(value: unknown, empty = 'empty'): string {
	if (value === null || value === undefined) return empty;
	const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Operators that compare with nothing (`_null`, `_empty`…): their expected value is not shown. */
export function isUnary(operator: string): boolean {
	return ['_null', '_nnull', '_empty', '_nempty'].includes(operator);
}

export function isLeaf(node: ConditionTrace): node is LeafTrace {
	return node.kind === 'leaf';
}

/** A stored trace may be JSON text (SQLite) or null; anything else that is no trace reads as none. */
export function parseTrace(trace: unknown): RuleTraceLike | null {
	let value = trace;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return null;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
	const candidate = value as Record<string, unknown>;
	// A bare condition tree (no RuleTrace wrapper) is read as the conditions.
	if ('kind' in candidate) return { conditions: candidate as unknown as ConditionTrace };
	if (!('conditions' in candidate) && !('previous_conditions' in candidate)) return null;
	return candidate as RuleTraceLike;
}

/** The number of leaves that passed and failed under a node, for a group's summary. */
export function leafCounts(node: ConditionTrace): { passed: number; failed: number } {
	if (isLeaf(node)) return node.result ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
	return (node as GroupTrace).children.reduce(
		(total, child) => {
			const counts = leafCounts(child);
			return { passed: total.passed + counts.passed, failed: total.failed + counts.failed };
		},
		{ passed: 0, failed: 0 },
	);
}
