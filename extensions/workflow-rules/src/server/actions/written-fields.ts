import type { RuleAction } from '../../core/rule/rule-types.js';

/** A field of the triggering record an action writes, with the rule path that asks for it. */
export interface WrittenField {
	field: string;
	path: string;
}

/** The fields of the triggering record an action at `index` writes, for checking them before it runs. */
export function writtenFields(action: RuleAction, index: number): WrittenField[] {
	if (action.type === 'update_fields') {
		const values = action.options['values'];
		if (typeof values !== 'object' || values === null) return [];
		return Object.keys(values).map((field) => ({ field, path: `actions[${index}].options.values.${field}` }));
	}
	if (action.type === 'tag') return [{ field: 'tags', path: `actions[${index}].options` }];
	return [];
}
