import { defineHook } from '@directus/extensions-sdk';
import { markHookRegistered, recordWrite } from '../server/runtime-status.js';
import { isWatchedCollection } from '../server/watched-collection.js';

const ITEM_EVENTS = ['items.create', 'items.update', 'items.delete'] as const;

export default defineHook(({ action }, { logger }) => {
	for (const event of ITEM_EVENTS) {
		action(event, (meta) => {
			const collection = String(meta['collection'] ?? '');
			if (!isWatchedCollection(collection)) return;

			recordWrite(event, collection);
			logger.debug({ event, collection, keys: meta['keys'] ?? meta['key'] }, '[workflow-rules] write observed');
		});
	}

	markHookRegistered([...ITEM_EVENTS]);
	logger.info('[workflow-rules] hook registered on item events');
});
