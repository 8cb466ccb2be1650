import type { Knex } from 'knex';
import { errorDetails, errorMessage, isRetryable, PermanentActionError, RetryableActionError } from '../../core/actions/action-errors.js';
import { conditionsHold } from '../../core/engine/evaluate-rule.js';
import { evaluationContext } from '../../core/engine/evaluation-context.js';
import { jobFields } from '../../core/engine/needed-fields.js';
import type { Rule, RuleAction } from '../../core/rule/rule-types.js';
import type { ActionRule } from '../actions/action-definition.js';
import { executeAction } from '../actions/execute-action.js';
import { withSavedActions } from '../actions/saved-actions.js';
import { parseActionOptions } from '../actions/parse-action-options.js';
import { actionDefinition } from '../actions/registry.js';
import { AUTOMATION_USER } from '../automation/automation-user.js';
import { readRecords, type Item } from '../engine/record-reader.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import { updateRunAction } from '../runs/run-log.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { ruleFromRow } from '../rules/rule-row.js';
import type { Runtime } from '../runtime.js';
import { backoffMs, finishJob, renewLease, retryJobLater, type Job } from './job-store.js';

export interface JobRunnerDeps {
	runtime: Runtime;
	/** This instance's name, on the jobs it holds. */
	owner: string;
}

/** `abandoned`: the lease ran out mid-run and another instance holds the job now; this run's writes were rolled back (a non-transactional action's work stays done). */
export type JobOutcome = 'succeeded' | 'failed' | 'skipped' | 'retrying' | 'abandoned';

class LeaseLostError extends Error {}

/**
 * Directus refuses a write with a 4xx error, or an array of them for failed validations: the same
 * write would be refused again, so the job fails at once, saying who was refused what.
 */
function refusal(error: unknown): PermanentActionError | null {
	// An action's own error already says whether to retry; its status may be an SMTP 451 or an HTTP 429.
	if (error instanceof PermanentActionError || error instanceof RetryableActionError) return null;
	const errors = Array.isArray(error) ? error : [error];
	const statuses = errors.map((e) => (e as { status?: unknown } | null)?.status);
	if (errors.length === 0 || !statuses.every((status) => typeof status === 'number' && status >= 400 && status < 500)) return null;
	const who = statuses.includes(403) ? `the automation user (${AUTOMATION_USER.email}) may not make this write` : 'Directus refused the values';
	return new PermanentActionError(`${who}: ${errorMessage(error)}`, { kind: 'refused', status: statuses[0] as number });
}

/** What a job runs: its action with parsed options, the record's relational fields, and how it templates. */
interface Work {
	rule: ActionRule | null;
	action: RuleAction;
	/** The rule's conditions: their relational paths are read with the record, to re-check them. */
	conditions: Rule['conditions'];
	/** Re-checks a scheduled rule action's conditions on the record as it now is. */
	stillHolds: (record: Item) => boolean;
	/** Rules template with Liquid; a Flow operation's options were rendered by Directus. */
	liquid: boolean;
	source: string;
}

/** A rule's job: the rule as it is now (a deleted or deactivated rule runs nothing). */
async function ruleWork(knex: Knex, job: Job, now: Date): Promise<Work | string> {
	const row = job.rule ? await knex(RULES_TABLE).where('id', job.rule).first() : null;
	if (!row) return 'the rule was deleted';
	const rule = await withSavedActions(knex, ruleFromRow(row));
	if (rule.status !== 'active') return 'the rule is inactive';
	const action = rule.actions[job.actionIndex];
	if (!action || action.type !== job.actionType) return 'the rule changed: this action is no longer part of it';
	const context = evaluationContext({ now, userId: job.context.user ?? null, roleId: job.context.role ?? null });
	return {
		rule: { id: rule.id, name: rule.name, collection: rule.collection },
		action,
		conditions: rule.conditions,
		stillHolds: (record) => action.timing.type === 'instant' || conditionsHold(rule, record, context),
		liquid: true,
		source: `rule ${rule.id}`,
	};
}

/** A Directus Flow operation's job: the action it handed over, as it was then. */
function operationWork(job: Job): Work {
	const action = job.context.action!;
	return { rule: null, action, conditions: null, stillHolds: () => true, liquid: false, source: 'flow operation' };
}

/**
 * Runs one claimed job: the record as it is now, scheduled rule actions re-checking the rule's
 * conditions, the action inside the cascade depth of the write that caused it. Errors become data
 * on the job: retried with backoff while retryable and attempts remain, then `failed` with the
 * error, its kind and status.
 */
export async function runJob(deps: JobRunnerDeps, job: Job, now = new Date()): Promise<JobOutcome> {
	const { runtime, owner } = deps;
	const { knex } = runtime;
	const lost = (what: string): JobOutcome => {
		runtime.logger.warn(`[workflow-rules] job ${job.id} (${job.actionType}) could not be ${what}: this instance (${owner}) no longer holds it; its lease ran out and another instance took it`);
		return 'abandoned';
	};
	const skip = async (reason: string): Promise<JobOutcome> => {
		if (!(await finishJob(knex, job.id, owner, 'skipped', { error: reason }))) return lost('marked skipped');
		// A skip shows on the run that planned the job too, saying why.
		await updateRunAction(knex, job.run, job.actionIndex, { status: 'skipped', message: reason });
		return 'skipped';
	};

	try {
		const work = job.context.action && !job.rule ? operationWork(job) : await ruleWork(knex, job, now);
		if (typeof work === 'string') return skip(work);
		const { action } = work;

		const definition = actionDefinition(action.type);
		if (!definition) throw new PermanentActionError(`action type "${action.type}" is not available in this version`, { kind: 'unavailable' });
		const parsed = parseActionOptions(definition, action.options);
		if (!parsed.ok) throw new PermanentActionError(`the action's options are not valid: ${parsed.issues.map(({ path, problem }) => `${path}: ${problem}`).join('; ')}`, { kind: 'invalid' });
		const { options } = parsed;

		const schema = await runtime.getSchema();
		const records = job.item && collectionOf(schema, job.collection) ? await readRecords(runtime.services.ItemsService, schema, job.collection, [job.item], jobFields(work.conditions, definition.fields(options))) : new Map();
		const record = records.get(job.item) ?? null;
		if (record && !work.stillHolds(record)) return skip('the rule’s conditions no longer hold for this record');

		if (definition.transactional === false && !(await renewLease(knex, job.id, owner, runtime.config.jobLeaseMs))) return lost('started');
		await executeAction(runtime, {
			definition,
			options,
			rule: work.rule,
			collection: job.collection || null,
			item: job.item || null,
			record: record ?? job.context.record,
			previous: job.context.previous,
			event: job.event,
			idempotencyKey: job.idempotencyKey,
			source: work.source,
			liquid: work.liquid,
			depth: job.depth,
			now,
		}, async (trx, result) => {
			if (!(await finishJob(trx, job.id, owner, 'succeeded', { result: result ?? null }))) throw new LeaseLostError();
		}).catch((error: unknown) => {
			throw refusal(error) ?? error;
		});
		return 'succeeded';
	} catch (error) {
		if (error instanceof LeaseLostError) return lost('marked succeeded (its writes were rolled back)');
		const message = errorMessage(error);
		const details = errorDetails(error);
		if (isRetryable(error) && job.attempts < job.maxAttempts) {
			const wait = Math.max(backoffMs(job.attempts), details.retryAfterMs ?? 0);
			if (!(await retryJobLater(knex, job.id, owner, new Date(Date.now() + wait), { error: message, kind: details.kind, status: details.status }))) return lost('put back for a retry');
			return 'retrying';
		}
		if (!(await finishJob(knex, job.id, owner, 'failed', { error: message, kind: details.kind, status: details.status }))) return lost('marked failed');
		return 'failed';
	}
}
