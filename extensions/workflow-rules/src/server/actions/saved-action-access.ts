import { ForbiddenError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import { fromJson } from '../db/rows.js';
import type { ItemsServiceClass } from '../engine/record-reader.js';
import { SAVED_ACTIONS_TABLE, savedActionIds } from './saved-actions.js';

/**
 * The validate and dry-run answers carry a rule with its saved actions resolved (type, options,
 * timing): a caller who names a saved action must be allowed to read it, as `GET
 * /items/workflow_actions/:id` would, or gets that 403.
 */
export async function assertMayReadSavedActions(actions: unknown, ItemsService: ItemsServiceClass, schema: SchemaOverview, accountability: Accountability): Promise<void> {
	if (accountability.admin) return;
	const ids = savedActionIds(fromJson<unknown>(actions, actions));
	if (ids.length === 0) return;
	const readable = await new ItemsService(SAVED_ACTIONS_TABLE, { schema, accountability }).readByQuery({ fields: ['id'], filter: { id: { _in: ids } }, limit: -1 });
	if (readable.length < ids.length) throw new ForbiddenError();
}
