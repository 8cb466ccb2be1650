import { sameValue, type Item, type RecordChange, type WriteKind } from '../events/index.js';

export interface OwedWrite {
	kind: WriteKind;
	/** The record before the write (updates and deletes); null when it was not read. */
	before: Item | null;
	written: string[];
}

/**
 * The change a write made, rebuilt after a crash from what was known before it and the record as
 * it is now. Null when the write cannot have committed (the record is as it was, a deleted record
 * is still there, a created one is not) or when nothing can be said (no before state).
 */
export function recoveredChange(write: OwedWrite, now: Item | null): RecordChange | null {
	const { kind, before, written } = write;
	if (kind === 'create') return now ? { kind, before: null, after: now, written } : null;
	if (kind === 'delete') return now ? null : { kind, before, after: null, written: [] };
	if (!before || !now) return null;
	const fields = written.length > 0 ? written : Object.keys(now);
	const changed = fields.some((field) => (field in before || field in now) && !sameValue(before[field], now[field]));
	return changed ? { kind, before, after: now, written } : null;
}
