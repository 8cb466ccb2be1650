import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { tagOptions } from '../../../core/rule/action-options.js';
import { defineAction } from '../action-definition.js';
import { tagItem } from './tag-record.js';

/** Adds and removes tags on the record's `tags` field. */
export const tag = defineAction({
	type: 'tag',
	options: tagOptions,
	fields: () => [],
	writes: (_options, path) => [{ field: 'tags', path }],
	async run(options, { collection, item, record, items, hold }) {
		if (!collection || item === null || !record) throw new PermanentActionError('the record no longer exists', { kind: 'gone' });
		return tagItem(items(collection), { key: item, add: options.add ?? [], remove: options.remove ?? [] }, { ...hold });
	},
});
