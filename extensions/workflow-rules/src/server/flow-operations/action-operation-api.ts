import { defineOperationApi } from '@directus/extensions-sdk';
import { operationId, type OperationActionType } from '../../shared/action-operations.js';
import { runActionOperation } from './run-action-operation.js';

/** The server half of an action operation. */
export function actionOperationApi(type: OperationActionType) {
	return defineOperationApi<Record<string, unknown>>({
		id: operationId(type),
		handler: (options, context) => runActionOperation(type, options, context),
	});
}
