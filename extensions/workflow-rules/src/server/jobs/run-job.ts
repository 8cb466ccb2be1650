import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { errorMessage, isRetryable } from '../../core/actions/action-errors.js';
import { templateFields } from '../../core/actions/template-fields.js';
import { evaluateFilter, filterFields } from '../../core/conditions/index.js';
import { ACTION_EXECUTORS } from '../actions/registry.js';
import { withCascadeDepth } from '../engine/cascade-context.js';
import { readRecords, type ItemsServiceClass } from '../engine/record-reader.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import { ruleFromRow } from '../rules/rule-row.js';
import { backoffMs, finishJob, retryJobLater, type Job } from './job-store.js';

export interface JobRunnerDeps {
	knex: Knex;
	getSchema: () => Promise<SchemaOverview>;
	ItemsService: ItemsServiceClass;
	owner: string;
}

export type JobOutcome = 'succeeded' | 'failed' | 'skipped' | 'retrying';

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
		const fields = [...filterFields(rule.conditions), ...templateFields(action.options)].filter((path) => path.includes('.'));
		const records = schema.collections[job.collection] ? await readRecords(deps.ItemsService, schema, job.collection, [job.item], fields) : new Map();
		const record = records.get(job.item) ?? null;

		if (action.timing.type !== 'instant' && record && !evaluateFilter(rule.conditions, record, { now }).result) {
			return skip('the rule’s conditions no longer hold for this record');
		}

		const result = await withCascadeDepth(job.depth, () =>
			execute({ job, rule, action, collection: job.collection, item: job.item, record: record ?? job.context.record, previous: job.context.previous, schema, knex, ItemsService: deps.ItemsService, now }),
		);

		await finishJob(knex, job.id, owner, 'succeeded', { result: result ?? null });
		return 'succeeded';
	} catch (error) {
		const message = errorMessage(error);
		if (isRetryable(error) && job.attempts < job.maxAttempts) {
			await retryJobLater(knex, job.id, owner, new Date(Date.now() + backoffMs(job.attempts)), message);
			return 'retrying';
		}
		await finishJob(knex, job.id, owner, 'failed', { error: message });
		return 'failed';
	}
}
