import { ForbiddenError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Request } from 'express';
import type { ItemsServiceClass } from '../engine/record-reader.js';

export type WorkflowRequest = Request & { accountability?: Accountability; schema?: SchemaOverview };

/** The caller's accountability, or a 403 when the request is anonymous. */
export function requireUser(req: Request): Accountability {
	const accountability = (req as WorkflowRequest).accountability;
	if (!accountability?.user) throw new ForbiddenError();
	return accountability;
}

/**
 * Admins, and roles whose policies let them read workflow rules: the engine's endpoints show
 * rules, records and runs, so they ask for what the rules collection itself asks for.
 */
export async function requireWorkflowAccess(req: Request, ItemsService: ItemsServiceClass, schema: SchemaOverview): Promise<Accountability> {
	const accountability = requireUser(req);
	if (accountability.admin) return accountability;
	await new ItemsService('workflow_rules', { schema, accountability }).readByQuery({ limit: 1, fields: ['id'] });
	return accountability;
}
