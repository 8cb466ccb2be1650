import type { Knex } from 'knex';
import type { ActionType } from '../../core/rule/rule-types.js';
import { automationAccountability } from '../automation/automation-user.js';
import { emitAtOnce, transactionThenEmit, type HoldEvents } from '../automation/held-events.js';
import { withCascadeDepth } from '../engine/cascade-context.js';
import type { Runtime } from '../runtime.js';
import { isTemplate, renderTemplate } from '../templates/liquid.js';
import { templateScope, type ActionDefinition, type ActionRun } from './action-definition.js';

/** What the record, the rule and the key of an action's run are: the caller's part of an ActionRun. */
type RunSubject = Pick<ActionRun, 'rule' | 'collection' | 'item' | 'record' | 'previous' | 'event' | 'idempotencyKey' | 'now'>;

/** One action to run now, about one record (or none), as a job or a Flow operation asks. */
export interface ActionExecution<T extends ActionType = ActionType> extends RunSubject {
	definition: ActionDefinition<T>;
	options: Parameters<ActionDefinition<T>['run']>[0];
	/** Names who asked in the automation user's activity: `rule <id>`, `flow <id>`. */
	source: string;
	/** Rules template with Liquid; a Flow operation's options were already rendered by Directus. */
	liquid: boolean;
	/** Cascade depth of the action's own writes. */
	depth: number;
}

/**
 * Runs an action as the automation user, inside one transaction whose writes fire their action
 * events once committed. `beforeCommit` joins that transaction (the job runner marks the job
 * succeeded there, so a crash leaves both or neither). An action that is not `transactional`
 * runs on the pool and `beforeCommit` follows it. Answers what the action returned.
 */
export async function executeAction(runtime: Runtime, execution: ActionExecution, beforeCommit?: (trx: Knex, result: unknown) => Promise<void>): Promise<unknown> {
	const schema = await runtime.getSchema();
	const accountability = await automationAccountability(runtime.knex, execution.source);
	const attempt = async (knex: Knex, hold: HoldEvents): Promise<unknown> => {
		const { rule, collection, item, record, previous, event, now, idempotencyKey } = execution;
		const run: ActionRun = {
			runtime,
			schema,
			rule,
			collection,
			item,
			record,
			previous,
			event,
			now,
			idempotencyKey,
			accountability,
			items: (collection) => new runtime.services.ItemsService(collection, { schema, accountability, knex }),
			hold,
			render: execution.liquid ? async (text, path, options) => (isTemplate(text) ? renderTemplate(text, templateScope(run), `options.${path}`, options) : text) : async (text) => text,
			knex,
		};
		const result = await execution.definition.run(execution.options as never, run);
		await beforeCommit?.(knex, result);
		return result;
	};
	return withCascadeDepth(execution.depth, () =>
		execution.definition.transactional === false
			? // Work that may not hold a transaction (a Flow, a call to another server) runs first, then the job is marked done.
				attempt(runtime.knex, emitAtOnce(runtime.emitter))
			: transactionThenEmit(runtime.knex, runtime.emitter, attempt),
	);
}
