import { errorDetails, errorMessage, isRetryable, PermanentActionError, RetryableActionError } from '../../core/actions/action-errors.js';
import { conditionsHold } from '../../core/engine/evaluate-rule.js';
import { evaluationContext } from '../../core/engine/evaluation-context.js';
import { jobFields } from '../../core/engine/needed-fields.js';
import type { ActionRun } from '../actions/action-definition.js';
import { actionDefinition } from '../actions/registry.js';
import { AUTOMATION_USER, automationAccountability } from '../automation/automation-user.js';
import { transactionThenEmit } from '../automation/held-events.js';
import { withCascadeDepth } from '../engine/cascade-context.js';
import { readRecords } from '../engine/record-reader.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { ruleFromRow } from '../rules/rule-row.js';
import type { Runtime } from '../runtime.js';
import { backoffMs, finishJob, retryJobLater, type Job } from './job-store.js';

export interface JobRunnerDeps {
	runtime: Runtime;
	/** This instance's name, on the jobs it holds. */
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
	// An action's own error already says what failed: a receiver's 4xx is not Directus refusing.
	if (error instanceof PermanentActionError || error instanceof RetryableActionError) return null;
	const errors = Array.isArray(error) ? error : [error];
	const statuses = errors.map((e) => (e as { status?: unknown } | null)?.status);
	if (errors.length === 0 || !statuses.every((status) => typeof status === 'number' && status >= 400 && status < 500)) return null;
	const who = statuses.includes(403) ? `the automation user (${AUTOMATION_USER.email}) may not make this write` : 'Directus refused the values';
	return new PermanentActionError(`${who}: ${errorMessage(error)}`, { kind: 'refused', status: statuses[0] as number });
}

/**
 * Runs one claimed job: the rule as it is now (a deleted or deactivated rule runs nothing), the
 * record as it is now, scheduled actions re-checking the rule's conditions, the action inside the
 * cascade depth of the write that caused it. Errors become data on the job: retried with backoff
 * while retryable and attempts remain, then `failed` with the error.
 */
export async function runJob(deps: JobRunnerDeps, job: Job, now = new Date()): Promise<JobOutcome> {
	const { runtime, owner } = deps;
	const { knex } = runtime;
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

		const definition = actionDefinition(action.type);
		if (!definition) throw new PermanentActionError(`action type "${action.type}" is not available in this version`, { kind: 'unavailable' });
		const parsed = definition.options.safeParse(action.options);
		if (!parsed.success) throw new PermanentActionError(`the action's options are not valid: ${parsed.error.issues.map((issue) => `options.${issue.path.join('.')}: ${issue.message}`).join('; ')}`, { kind: 'invalid' });
		const options = parsed.data as never;

		const schema = await runtime.getSchema();
		const records = collectionOf(schema, job.collection) ? await readRecords(runtime.services.ItemsService, schema, job.collection, [job.item], jobFields(rule, definition.fields(options))) : new Map();
		const record = records.get(job.item) ?? null;

		if (action.timing.type !== 'instant' && record && !conditionsHold(rule, record, evaluationContext({ now, userId: job.context.user ?? null, roleId: job.context.role ?? null }))) {
			return skip('the rule’s conditions no longer hold for this record');
		}

		const accountability = await automationAccountability(knex, rule.id);
		// The action's writes and the job's success commit together: after a crash the job is
		// either done with its writes or still to do without them, never done twice.
		await withCascadeDepth(job.depth, () =>
			transactionThenEmit(knex, runtime.emitter, async (trx, hold) => {
				const run: ActionRun = {
					runtime,
					schema,
					rule: { id: rule.id, name: rule.name, collection: rule.collection },
					collection: job.collection,
					item: job.item,
					record: record ?? job.context.record,
					previous: job.context.previous,
					event: job.event,
					now,
					idempotencyKey: job.idempotencyKey,
					accountability,
					items: (collection) => new runtime.services.ItemsService(collection, { schema, accountability, knex: trx }),
					hold,
				};
				const result = await definition.run(options, run).catch((error: unknown) => {
					throw refusal(error) ?? error;
				});
				if (!(await finishJob(trx, job.id, owner, 'succeeded', { result: result ?? null }))) throw new LeaseLostError();
			}),
		);
		return 'succeeded';
	} catch (error) {
		if (error instanceof LeaseLostError) return 'abandoned';
		const message = errorMessage(error);
		const details = errorDetails(error);
		if (isRetryable(error) && job.attempts < job.maxAttempts) {
			const wait = Math.max(backoffMs(job.attempts), details.retryAfterMs ?? 0);
			await retryJobLater(knex, job.id, owner, new Date(Date.now() + wait), { error: message, kind: details.kind, status: details.status });
			return 'retrying';
		}
		await finishJob(knex, job.id, owner, 'failed', { error: message, kind: details.kind, status: details.status });
		return 'failed';
	}
}
