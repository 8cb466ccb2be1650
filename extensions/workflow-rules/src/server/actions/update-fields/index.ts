import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { templateFields } from '../../../core/actions/template-fields.js';
import { resolveDynamicValue } from '../../../core/conditions/index.js';
import { updateFieldsOptions } from '../../../core/rule/action-options.js';
import { isTemplate } from '../../templates/liquid.js';
import { defineAction } from '../action-definition.js';

/** Sets fields of the triggering record; string values may be Liquid templates or $NOW(…). */
export const updateFields = defineAction({
	type: 'update_fields',
	options: updateFieldsOptions,
	fields: (options) => templateFields(options),
	writes: (options, path) => Object.keys(options.values).map((field) => ({ field, path: `${path}.values.${field}` })),
	async run(options, run) {
		const { collection, item, record, items, hold, now } = run;
		if (!collection || item === null || !record) throw new PermanentActionError('the record no longer exists', { kind: 'gone' });

		const values: Record<string, unknown> = {};
		for (const [field, raw] of Object.entries(options.values)) {
			const resolved = resolveDynamicValue(raw, { now });
			values[field] = resolved instanceof Date ? resolved.toISOString() : isTemplate(resolved) ? await run.render(resolved, `values.${field}`) : resolved;
		}

		await items(collection).updateOne(item, values, { ...hold });
		return { values };
	},
});
