import { defineOperationApi } from '@directus/extensions-sdk';
import { TAG_OPERATION_ID } from '../shared/identity.js';
import { tagRecord } from '../server/actions/tag/tag-record.js';
import { toTagList } from '../shared/tag-list.js';
import type { ItemsServiceClass } from '../server/engine/record-reader.js';

type Options = {
	collection: string;
	key: string | number;
	add?: string[] | string;
	remove?: string[] | string;
};

export default defineOperationApi<Options>({
	id: TAG_OPERATION_ID,
	handler: async ({ collection, key, add, remove }, { services, getSchema, accountability }) => {
		return tagRecord(services.ItemsService as unknown as ItemsServiceClass, await getSchema(), accountability, {
			collection,
			key,
			add: toTagList(add),
			remove: toTagList(remove),
		});
	},
});
