import type { RuleAction } from '../../core/rule/rule-types.js';
import { actionDefinition } from './registry.js';

/** A field of the triggering record an action writes, with the rule path that asks for it. */
export interface WrittenField {
	field: string;
	path: string;
}

/** The fields of the triggering record the action at `index` writes, for checking them before it runs. */
export function writtenFields(action: RuleAction, index: number): WrittenField[] {
	const definition = actionDefinition(action.type);
	const parsed = definition?.options.safeParse(action.options);
	// An action whose options do not parse is refused by the rule validation, with its path.
	return definition && parsed?.success ? definition.writes(parsed.data as never, `actions[${index}].options`) : [];
}
