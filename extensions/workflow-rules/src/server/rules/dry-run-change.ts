/**
 * The write a dry run stands for, built from the record as it is and the `previous` values the
 * caller posts: the record before an update is the record with those values over it, so that
 * "from → to" rules (previous conditions) and trigger `fields` can be tried without a real write.
 */
import type { RecordChange } from '../../core/events/index.js';

type Item = Record<string, unknown>;

/**
 * The record with the previous values over it. A dotted key (`service.name`) sets a value inside
 * the relation the record was read with, as previous conditions on relational paths read it.
 */
export function recordBefore(record: Item, previous: Item): Item {
	let before = { ...record };
	for (const [path, value] of Object.entries(previous)) before = setPath(before, path.split('.'), value);
	return before;
}

/** The top-level fields the posted previous values stand for: the fields the pretended write sent. */
export function writtenFields(previous: Item | null): string[] {
	return previous ? [...new Set(Object.keys(previous).map((path) => path.split('.')[0]!))] : [];
}

/**
 * A record event as a write of its kind (`eventWriteKind`): a create has no before state, a delete
 * no after state, an update (updated, rescheduled, …) has the record with the previous values over
 * it as its before state, or unknown (null) when none are posted.
 */
export function dryRunChange(kind: RecordChange['kind'], record: Item, previous: Item | null): RecordChange {
	const written = writtenFields(previous);
	const before = previous ? recordBefore(record, previous) : null;
	if (kind === 'create') return { kind: 'create', before: null, after: record, written };
	if (kind === 'delete') return { kind: 'delete', before: before ?? record, after: null, written };
	return { kind: 'update', before, after: record, written };
}

function setPath(target: Item, path: string[], value: unknown): Item {
	const [head, ...rest] = path;
	if (head === undefined) return target;
	if (rest.length === 0) return { ...target, [head]: value };
	const child = target[head];
	// A relation read as its key (or not read) becomes an object holding the posted value.
	const base = child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as Item) : {};
	return { ...target, [head]: setPath(base, rest, value) };
}
