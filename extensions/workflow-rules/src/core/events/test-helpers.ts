/** Builders of `RecordChange`s for the tests beside this file. */
import type { Item, RecordChange } from './event-types.js';

export function created(after: Item): RecordChange {
	return { kind: 'create', before: null, after, written: Object.keys(after) };
}

/** An update sending `patch` onto `before`; the after state is the merged record. */
export function updated(before: Item, patch: Item): RecordChange {
	return { kind: 'update', before, after: { ...before, ...patch }, written: Object.keys(patch) };
}

export function deleted(before: Item): RecordChange {
	return { kind: 'delete', before, after: null, written: [] };
}
