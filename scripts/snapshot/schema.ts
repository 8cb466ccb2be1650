import { crmSchema } from './crm-schema.js';
import { localize } from './localize.js';
import { Plan } from './plan.js';
import { workflowSchema } from './workflow-schema.js';

/** The whole schema, in creation order: the CRM, then the rule engine's collections; texts as `$t:` keys. */
export function schemaPlan(): Plan {
	const plan = new Plan();
	crmSchema(plan);
	workflowSchema(plan);
	plan.translations = localize(plan);
	return plan;
}
