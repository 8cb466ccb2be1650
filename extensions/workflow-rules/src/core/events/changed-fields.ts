import type { RecordChange } from './event-types.js';
import { sameValue } from './values.js';

/**
 * The fields a write actually changed.
 * - create: the written fields, or when none are given every field the new record has a value for;
 * - update: among the written fields (or every field of `after` when none are given), those whose
 *   value differs between before and after once normalised (see `sameValue`). A written field
 *   present in neither state (an alias such as an M2M the snapshot does not load) counts as changed:
 *   the write sent it and nothing proves it a no-op. Without a before state every candidate counts;
 * - delete: none.
 */
export function changedFields(change: RecordChange): string[] {
	const written = [...new Set(change.written)];
	const after = change.after ?? {};

	if (change.kind === 'delete') return [];
	if (change.kind === 'create') {
		return written.length > 0 ? written : Object.keys(after).filter((field) => after[field] != null);
	}

	const candidates = written.length > 0 ? written : Object.keys(after);
	const before = change.before;
	if (before === null) return candidates;

	return candidates.filter((field) => {
		if (!(field in before) && !(field in after)) return true;
		return !sameValue(before[field], after[field]);
	});
}
