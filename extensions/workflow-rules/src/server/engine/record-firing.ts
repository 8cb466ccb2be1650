import type { Knex } from 'knex';
import type { ActionPlan } from '../../core/engine/plan-actions.js';
import { timingLabel } from '../../core/engine/plan-actions.js';
import type { RuleAction } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import { insertJobOnce, insertJobsOnce, JOBS_TABLE, type NewJob } from '../jobs/job-store.js';
import { endPending } from '../jobs/follow-record.js';
import { insertRun, insertRunsReturningIds, type PlannedAction, type RunRecord } from '../runs/run-log.js';
import { passGate, type GateInput } from './execution-gate.js';

export interface Firing {
	run: Omit<RunRecord, 'outcome' | 'actions'>;
	gate: GateInput;
	planned: { action: RuleAction; index: number; plan: ActionPlan }[];
	/** Names the write in job keys: a recovered evaluation of the same write finds its jobs queued. */
	writeId: string;
	previous: Record<string, unknown> | null;
	deletedRecord: Record<string, unknown> | null;
	writer: { user: string | null; role: string | null };
}

export type FiringResult = { fired: true; queuedInstant: boolean } | { fired: false; reason: string; alreadyRecorded: boolean };

class AlreadyRecorded extends Error {}

/** One job per rule, record, write and action: a recovered evaluation of the same write finds it queued. */
function jobKey(run: Firing['run'], writeId: string, index: number): string {
	return `${run.rule.id}:${run.collection}:${run.item}:${writeId}:${index}`;
}

/**
 * A record has one pending reminder per rule action relative to its field: a later firing (a rule
 * that also listens to `rescheduled` or `modified`) plans it anew and the earlier one is cancelled,
 * so that the record is not reminded twice.
 */
async function replaceEarlierReminders(trx: Knex.Transaction, run: Firing['run'], index: number, writeId: string, now: Date): Promise<void> {
	const earlier = await trx(JOBS_TABLE)
		.where({ rule: run.rule.id, action_index: index, collection: run.collection, item: run.item, status: 'pending' })
		.andWhere('timing', 'like', 'relative_to_field %')
		.andWhereNot('idempotency_key', jobKey(run, writeId, index))
		.select('id', 'run');
	for (const job of earlier) await endPending(trx, { id: Number(job.id), run: job.run === null ? null : Number(job.run), actionIndex: index }, 'cancelled', 'replaced by the reminder a later firing of this rule planned', now);
}

/** What the run says of each planned action. */
function plannedActions(firing: Firing): PlannedAction[] {
	return firing.planned.map(({ action, index, plan }) => ({
		index,
		type: action.type,
		timing: timingLabel(action),
		due_at: plan.dueAt?.toISOString() ?? null,
		status: plan.dueAt ? 'scheduled' : 'skipped',
		...(plan.skip ? { message: plan.skip } : {}),
	}));
}

/** The jobs of a firing's planned actions that have a due time, linked to its run. */
function firingJobs(config: EngineConfig, firing: Firing, runId: number): { job: NewJob; action: RuleAction }[] {
	const { run, writeId } = firing;
	return firing.planned.flatMap(({ action, index, plan }) => (plan.dueAt ? [{
		action,
		job: {
			run: runId,
			rule: run.rule.id,
			actionIndex: index,
			actionType: action.type,
			timing: timingLabel(action),
			collection: run.collection,
			item: run.item,
			event: run.event,
			dueAt: plan.dueAt,
			maxAttempts: config.maxAttempts,
			depth: run.depth + 1,
			context: { event: run.event, events: run.events, previous: firing.previous, record: firing.deletedRecord, user: firing.writer.user, role: firing.writer.role },
			idempotencyKey: jobKey(run, writeId, index),
		},
	}] : []));
}

/**
 * Stores one firing in one transaction: the execution gate's memory, the run and the jobs of its
 * actions. Either all of it commits or none, so a failed transaction can neither lose the first
 * firing nor leave jobs without their run. A job key already present means this write was already
 * recorded (its evaluation is being recovered after a crash): nothing is stored twice.
 */
export async function recordFiring(knex: Knex, config: EngineConfig, firing: Firing, now: Date): Promise<FiringResult> {
	try {
		return await knex.transaction(async (trx) => {
			const decision = await passGate(trx, firing.gate, now);
			if (!decision.fire) return { fired: false, reason: decision.reason ?? '', alreadyRecorded: false } as const;

			const runId = await insertRun(trx, { ...firing.run, outcome: 'matched', actions: plannedActions(firing) }, now);
			let queuedInstant = false;
			for (const { job, action } of firingJobs(config, firing, runId)) {
				if (!(await insertJobOnce(trx, job, now))) throw new AlreadyRecorded();
				if (action.timing.type === 'relative_to_field') await replaceEarlierReminders(trx, firing.run, job.actionIndex, firing.writeId, now);
				if (action.timing.type === 'instant') queuedInstant = true;
			}
			return { fired: true, queuedInstant } as const;
		});
	} catch (error) {
		if (error instanceof AlreadyRecorded) return { fired: false, reason: 'this write’s firing was already recorded', alreadyRecorded: true };
		throw error;
	}
}

/**
 * Stores many firings (a date or schedule tick's batch): in two statements when every one fires
 * for sure and plans only instant jobs (an `every_time` rule has no memory to consult), else one
 * by one. Exactly once holds either way: the bulk insert of the jobs, keyed as one by one, must
 * insert every job, or its savepoint rolls back and the firings are stored one by one, those
 * already recorded being recognised by their keys.
 */
export async function recordFirings(knex: Knex, config: EngineConfig, firings: Firing[], now: Date): Promise<FiringResult[]> {
	const bulk = firings.length > 1 && firings.every(({ gate, planned }) => gate.rule.execution === 'every_time' && gate.matched && planned.every(({ action }) => action.timing.type === 'instant'));
	if (bulk) {
		try {
			return await knex.transaction(async (trx) => {
				const runIds = await insertRunsReturningIds(trx, firings.map((firing) => ({ ...firing.run, outcome: 'matched', actions: plannedActions(firing) })), now);
				const jobs = firings.flatMap((firing, at) => firingJobs(config, firing, runIds[at]!).map(({ job }) => job));
				if ((await insertJobsOnce(trx, jobs, now)) < jobs.length) throw new AlreadyRecorded();
				return firings.map((firing) => ({ fired: true, queuedInstant: firing.planned.some(({ plan }) => plan.dueAt !== null) }) as const);
			});
		} catch (error) {
			if (!(error instanceof AlreadyRecorded)) throw error;
		}
	}
	const results: FiringResult[] = [];
	for (const firing of firings) results.push(await recordFiring(knex, config, firing, now));
	return results;
}
