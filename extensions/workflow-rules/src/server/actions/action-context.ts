import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import type { Rule, RuleAction } from '../../core/rule/rule-types.js';
import type { Item, ItemsServiceClass } from '../engine/record-reader.js';
import type { Job } from '../jobs/job-store.js';

/** Everything an action needs to run one job. */
export interface ActionContext {
	job: Job;
	rule: Rule;
	action: RuleAction;
	collection: string;
	item: string;
	/** The record now (null when it was deleted). */
	record: Item | null;
	previous: Item | null;
	schema: SchemaOverview;
	knex: Knex;
	ItemsService: ItemsServiceClass;
	now: Date;
}

export type ActionExecutor = (context: ActionContext) => Promise<unknown>;

export function templateScope(context: ActionContext): Record<string, unknown> {
	const { rule, record, previous, job, now } = context;
	return {
		record: record ?? {},
		previous: previous ?? {},
		event: { name: job.event, collection: context.collection, key: context.item },
		rule: { id: rule.id, name: rule.name, collection: rule.collection },
		now: now.toISOString(),
	};
}
