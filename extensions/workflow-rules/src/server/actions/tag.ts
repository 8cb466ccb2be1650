import { PermanentActionError } from '../../core/actions/action-errors.js';
import { tagItem } from '../tag-record.js';
import type { ActionExecutor } from './action-context.js';

export const tag: ActionExecutor = async ({ action, collection, item, record, items, hold }) => {
	if (!record) throw new PermanentActionError('the record no longer exists');
	const options = action.options as { add?: string[]; remove?: string[] };
	return tagItem(items(collection), { key: item, add: options.add ?? [], remove: options.remove ?? [] }, { ...hold });
};
