import type { SchemaOverview } from '@directus/types';
import type { Rule, RuleAction } from '../../core/rule/rule-types.js';
import type { HoldEvents } from '../automation/held-events.js';
import type { Item, ItemsServiceLike } from '../engine/record-reader.js';
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
	/**
	 * ItemsService for the action's database writes: as the automation user, so Directus validates
	 * them, applies its permissions and records activity and revisions; and inside the transaction
	 * that marks the job succeeded, so a crash leaves either both or neither. Pass `hold` as the
	 * options of every mutation: their action events fire once that transaction has committed.
	 * Actions that reach outside the database cannot share the transaction: they send
	 * `job.idempotencyKey` along so the other side can drop a repeat.
	 */
	items: (collection: string) => ItemsServiceLike;
	hold: HoldEvents;
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
