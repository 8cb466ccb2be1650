import { crmSchema } from './crm-schema.js';
import { Plan } from './plan.js';
import { workflowSchema } from './workflow-schema.js';

/** The whole schema, in creation order: the CRM, then the rule engine's collections. */
export function schemaPlan(): Plan {
	const plan = new Plan();
	crmSchema(plan);
	workflowSchema(plan);
	return plan;
}
