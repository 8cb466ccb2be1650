import type { ActionType } from '../../core/rule/rule-types.js';
import type { ActionDefinition } from './action-definition.js';
import { email } from './email/index.js';
import { createTask } from './create-task/index.js';
import { runFlow } from './run-flow/index.js';
import { tag } from './tag/index.js';
import { updateFields } from './update-fields/index.js';
import { webhook } from './webhook/index.js';

/** Every action type, by rule action type: one definition each, for jobs and Flow operations alike. */
export const ACTIONS: Partial<{ [T in ActionType]: ActionDefinition<T> }> = {
	email,
	update_fields: updateFields,
	tag,
	create_task: createTask,
	run_flow: runFlow,
	webhook,
};

export function actionDefinition<T extends ActionType>(type: T): ActionDefinition<T> | null {
	return (ACTIONS[type] as ActionDefinition<T> | undefined) ?? null;
}
