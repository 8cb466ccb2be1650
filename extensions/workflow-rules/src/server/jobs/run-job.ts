import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { errorMessage, isRetryable, PermanentActionError } from '../../core/actions/action-errors.js';
import { conditionsHold } from '../../core/engine/evaluate-rule.js';
import { evaluationContext } from '../../core/engine/evaluation-context.js';
import { jobFields } from '../../core/engine/needed-fields.js';
import { ACTION_EXECUTORS } from '../actions/registry.js';
import { AUTOMATION_USER, automationAccountability } from '../automation/automation-user.js';
import { transactionThenEmit, type ActionEmitter } from '../automation/held-events.js';
import { withCascadeDepth } from '../engine/cascade-context.js';
import { readRecords, type ItemsServiceClass } from '../engine/record-reader.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { ruleFromRow } from '../rules/rule-row.js';
import { backoffMs, finishJob, retryJobLater, type Job } from './job-store.js';

export interface JobRunnerDeps {
	knex: Knex;
	getSchema: () => Promise<SchemaOverview>;
	ItemsService: ItemsServiceClass;
	/** Directus' core emitter: the action events of the job's writes fire through it once they committed. */
	emitter: ActionEmitter;
	owner: string;
}

/** `abandoned`: the lease ran out mid-run and another instance holds the job now; this run's writes were rolled back. */
export type JobOutcome = 'succeeded' | 'failed' | 'skipped' | 'retrying' | 'abandoned';

class LeaseLostError extends Error {}

/**
 * Directus refuses a write with a 4xx error, or an array of them for failed validations: the same
 * write would be refused again, so the job fails at once, saying who was refused what.
 */
function refusal(error: unknown): PermanentActionError | null {
	const errors = Array.isArray(error) ? error : [error];
	const statuses = errors.map((e) => (e as { status?: unknown } | null)?.status);
	if (errors.length === 0 || !statuses.every((status) => typeof status === 'number' && status >= 400 && status < 500)) return null;
	const who = statuses.includes(403) ? `the automation user (${AUTOMATION_USER.email}) may not make this write` : 'Directus refused the values';
	return new PermanentActionError(`${who}: ${errorMessage(error)}`);
}

/**
 * Runs one claimed job: the rule as it is now (a deleted or deactivated rule runs nothing), the
 * record as it is now, scheduled actions re-checking the rule's conditions, the action inside the
 * cascade depth of the write that caused it. Errors become data on the job: retried with backoff
 * while retryable and attempts remain, then `failed` with the error.
 */
export async function runJob(deps: JobRunnerDeps, job: Job, now = new Date()): Promise<JobOutcome> {
	const { knex, owner } = deps;
	const skip = async (reason: string): Promise<JobOutcome> => {
		await finishJob(knex, job.id, owner, 'skipped', { error: reason });
		return 'skipped';
	};

	try {
		const row = job.rule ? await knex(RULES_TABLE).where('id', job.rule).first() : null;
		if (!row) return skip('the rule was deleted');
		const rule = ruleFromRow(row);
		if (rule.status !== 'active') return skip('the rule is inactive');

		const action = rule.actions[job.actionIndex];
		if (!action || action.type !== job.actionType) return skip('the rule changed: this action is no longer part of it');

		const execute = ACTION_EXECUTORS[action.type];
		if (!execute) {
			await finishJob(knex, job.id, owner, 'failed', { error: `action type "${action.type}" is not available in this version` });
			return 'failed';
		}

		const schema = await deps.getSchema();
		const records = collectionOf(schema, job.collection) ? await readRecords(deps.ItemsService, schema, job.collection, [job.item], jobFields(rule, action)) : new Map();
		const record = records.get(job.item) ?? null;

		if (action.timing.type !== 'instant' && record && !conditionsHold(rule, record, evaluationContext({ now, userId: job.context.user ?? null, roleId: job.context.role ?? null }))) {
			return skip('the rule’s conditions no longer hold for this record');
		}

		const accountability = await automationAccountability(knex, rule.id);
		// The action's writes and the job's success commit together: after a crash the job is
		// either done with its writes or still to do without them, never done twice.
		await withCascadeDepth(job.depth, () =>
			transactionThenEmit(knex, deps.emitter, async (trx, hold) => {
				const items = (collection: string) => new deps.ItemsService(collection, { schema, accountability, knex: trx });
				const context = { job, rule, action, collection: job.collection, item: job.item, record: record ?? job.context.record, previous: job.context.previous, schema, items, hold, now };
				const result = await execute(context).catch((error: unknown) => {
					throw refusal(error) ?? error;
				});
				if (!(await finishJob(trx, job.id, owner, 'succeeded', { result: result ?? null }))) throw new LeaseLostError();
			}),
		);
		return 'succeeded';
	} catch (error) {
		if (error instanceof LeaseLostError) return 'abandoned';
		const message = errorMessage(error);
		if (isRetryable(error) && job.attempts < job.maxAttempts) {
			await retryJobLater(knex, job.id, owner, new Date(Date.now() + backoffMs(job.attempts)), message);
			return 'retrying';
		}
		await finishJob(knex, job.id, owner, 'failed', { error: message });
		return 'failed';
	}
}
