import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { readRecords } from '../../engine/record-reader.js';
import type { ActionRun } from '../action-definition.js';

export const RECORD_OWNER = 'record_owner';

/**
 * Who the task goes to: the user id the rule names, or the record's `owner`. A record without an
 * owner (or one deleted with no state kept) gives an unassigned task: the work still has to be
 * done. A collection without an `owner` field cannot have one, which no retry changes.
 */
export async function taskOwner(owner: string | null | undefined, run: ActionRun): Promise<string | null> {
	if (!owner) return null;
	if (owner !== RECORD_OWNER) return owner;

	const { collection, item, record } = run;
	if (!collection) throw new PermanentActionError('owner "record_owner": this action runs about no record', { kind: 'no_owner' });
	if (!run.schema.collections[collection]?.fields['owner']) throw new PermanentActionError(`owner "record_owner": ${collection} has no owner field`, { kind: 'no_owner' });

	const value = record?.['owner'];
	if (value === null || value === undefined) return null;
	if (typeof value !== 'object') return String(value);
	const id = (value as Record<string, unknown>)['id'];
	if (id !== null && id !== undefined) return String(id);

	// The rule's conditions named owner.<field> only, so the record holds the owner without its key.
	if (item === null) return null;
	const rows = await readRecords(run.runtime.services.ItemsService, run.schema, collection, [item], [], run.knex);
	const key = rows.get(item)?.['owner'];
	return key === null || key === undefined ? null : String(key);
}
