import { defineOperationApp } from '@directus/extensions-sdk';
import { TAG_OPERATION_ID } from '../shared/identity.js';

export default defineOperationApp({
	id: TAG_OPERATION_ID,
	name: 'Tag record',
	icon: 'sell',
	description: 'Add or remove tags on a record’s tags field',
	overview: ({ collection, key, add, remove }) => [
		{ label: '$t:collection', text: collection },
		{ label: 'Key', text: key },
		{ label: 'Add', text: Array.isArray(add) ? add.join(', ') : add ?? '' },
		{ label: 'Remove', text: Array.isArray(remove) ? remove.join(', ') : remove ?? '' },
	],
	options: [
		{ field: 'collection', name: '$t:collection', type: 'string', meta: { width: 'half', interface: 'system-collection', options: { includeSystem: false } } },
		{ field: 'key', name: 'Item key', type: 'string', meta: { width: 'half', interface: 'input', options: { placeholder: '{{ $trigger.key }}' } } },
		{ field: 'add', name: 'Tags to add', type: 'json', meta: { width: 'full', interface: 'tags', options: { allowCustom: true } } },
		{ field: 'remove', name: 'Tags to remove', type: 'json', meta: { width: 'full', interface: 'tags', options: { allowCustom: true } } },
	],
});
