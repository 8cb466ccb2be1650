import { defineOperationApp } from '@directus/extensions-sdk';
import { OPERATION_NAMES, operationFields, operationId, type OperationActionType } from './action-operations.js';

/** The Flows editor half of an action operation: its form and the overview on its card. */
export function actionOperationApp(type: OperationActionType) {
	return defineOperationApp({
		id: operationId(type),
		...OPERATION_NAMES[type],
		overview: (options: Record<string, unknown>) => [
			...(options['collection'] ? [{ label: '$t:collection', text: String(options['collection']) }] : []),
			{ label: 'Mode', text: options['wait'] ? 'Waits for the result' : options['delay'] ? `Job, in ${String(options['delay'])}` : 'Durable job' },
		],
		options: operationFields(type),
	});
}
