import { isDirectusError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { ItemsServiceClass } from '../engine/record-reader.js';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import type { UsageScope } from './usage.js';

/**
 * The part of the usage report a caller may see, decided by Directus with their own permissions:
 * the rules `GET /items/workflow_rules` gives them (a 403 as it would when they may read none),
 * and the rows of jobs without a rule only when they may read jobs. Admins see it all (undefined).
 */
export async function usageScope(ItemsService: ItemsServiceClass, schema: SchemaOverview, accountability: Accountability): Promise<UsageScope | undefined> {
	if (accountability.admin) return undefined;
	// `*`: Directus answers the fields this role may read, so a permission without `name` still gets its rules (named by id).
	const rules = await new ItemsService(RULES_TABLE, { schema, accountability }).readByQuery({ fields: ['*'], limit: -1 });
	return {
		rules: new Map(rules.map((rule) => [String(rule['id']), String(rule['name'] ?? rule['id'])])),
		ruleless: await mayRead(ItemsService, schema, accountability, JOBS_TABLE),
	};
}

async function mayRead(ItemsService: ItemsServiceClass, schema: SchemaOverview, accountability: Accountability, collection: string): Promise<boolean> {
	try {
		await new ItemsService(collection, { schema, accountability }).readByQuery({ fields: ['id'], limit: 1 });
		return true;
	} catch (error) {
		if (isDirectusError(error, 'FORBIDDEN')) return false;
		throw error;
	}
}
