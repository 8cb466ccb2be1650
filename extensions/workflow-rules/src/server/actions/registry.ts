import type { ActionType } from '../../core/rule/rule-types.js';
import type { ActionDefinition } from './action-definition.js';
import { tag } from './tag/index.js';
import { updateFields } from './update-fields/index.js';
import { webhook } from './webhook/index.js';

/** Every action type, by rule action type: one definition each, for jobs and Flow operations alike. */
export const ACTIONS: Partial<{ [T in ActionType]: ActionDefinition<T> }> = {
	update_fields: updateFields,
	tag,
	webhook,
};

export function actionDefinition<T extends ActionType>(type: T): ActionDefinition<T> | null {
	return (ACTIONS[type] as ActionDefinition<T> | undefined) ?? null;
}
