import { resolveDynamicValue } from '../../core/conditions/index.js';
import { PermanentActionError } from '../../core/actions/action-errors.js';
import { isTemplate, renderTemplate } from '../templates/liquid.js';
import { templateScope, type ActionExecutor } from './action-context.js';

/** Sets fields of the triggering record; string values may be Liquid templates or $NOW(…). */
export const updateFields: ActionExecutor = async (context) => {
	const { action, collection, item, record, items, hold, now } = context;
	if (!record) throw new PermanentActionError('the record no longer exists');

	const scope = templateScope(context);
	const values: Record<string, unknown> = {};

	for (const [field, raw] of Object.entries((action.options['values'] ?? {}) as Record<string, unknown>)) {
		const resolved = resolveDynamicValue(raw, { now });
		values[field] = resolved instanceof Date ? resolved.toISOString() : isTemplate(resolved) ? await renderTemplate(resolved, scope, `options.values.${field}`) : resolved;
	}

	await items(collection).updateOne(item, values, { ...hold });
	return { values };
};
