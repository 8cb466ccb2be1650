import type { ActionType } from '../../core/rule/rule-types.js';
import type { ActionExecutor } from './action-context.js';
import { tag } from './tag.js';
import { updateFields } from './update-fields.js';

/** The actions this engine can run, by rule action type. */
export const ACTION_EXECUTORS: Partial<Record<ActionType, ActionExecutor>> = {
	update_fields: updateFields,
	tag,
};
