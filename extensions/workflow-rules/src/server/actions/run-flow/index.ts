import { errorDetails, errorMessage, isRetryable, PermanentActionError, RetryableActionError } from '../../../core/actions/action-errors.js';
import { runFlowOptions } from '../../../core/rule/action-options.js';
import { defineAction, templateScope } from '../action-definition.js';
import { directusFlowManager } from './flow-manager.js';
import { operationFlow } from './flow-row.js';

/**
 * Starts a Directus Flow with an "Another Flow" trigger, its `$trigger` being
 * `{ rule, event, record, previous }` (the names templates see), as the automation user.
 *
 * It waits for the Flow's end, so that a Flow that throws fails the job (retried when the error
 * is transient). As with Directus' own "Trigger Flow" operation, an operation that rejects takes
 * the Flow's reject path, which is the Flow's own branching (a condition's "else"): the job
 * succeeds and the Flow's log shows each step.
 *
 * The Flow runs outside the job's transaction (`transactional: false`). Held around it, that
 * transaction would keep SQLite's single connection while the Flow runs: the Flow reload Directus
 * starts when a Flow is saved (which `runOperationFlow` waits for), and any operation that does
 * not use the database it is handed, would wait for it until the pool gives up. Outside, the Flow
 * runs as Directus runs any Flow, each operation's write committed on its own. The price: a
 * failure after the Flow does not take its writes back, and a crash between the Flow's end and
 * the job's success mark runs the Flow again (at least once, where in-transaction actions are
 * exactly once).
 */
export const runFlow = defineAction({
	type: 'run_flow',
	options: runFlowOptions,
	fields: () => [],
	writes: () => [],
	transactional: false,
	async run(options, run) {
		const flow = await operationFlow(run.knex, options.flow);
		const manager = await directusFlowManager();
		if (manager.getFlow(flow.id)?.trigger !== 'operation') throw new RetryableActionError(`Flow "${flow.name}" is active but Directus has not loaded it yet`, { kind: 'flow_not_loaded' });

		const { rule, event, record, previous } = templateScope(run);
		try {
			await manager.runOperationFlow(flow.id, { rule, event, record, previous }, { accountability: run.accountability, database: run.knex, schema: run.schema });
		} catch (error) {
			const message = `Flow "${flow.name}" failed: ${errorMessage(error)}`;
			const { status } = errorDetails(error);
			const details = { kind: 'flow_failed', ...(status === null ? {} : { status }) };
			throw isRetryable(error) ? new RetryableActionError(message, details, { cause: error }) : new PermanentActionError(message, details, { cause: error });
		}
		return { flow: flow.id };
	},
});
