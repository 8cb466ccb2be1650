import type { Knex } from 'knex';
import type { ActionPlan } from '../../core/engine/plan-actions.js';
import { timingLabel } from '../../core/engine/plan-actions.js';
import type { RuleAction } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import { insertJobOnce, JOBS_TABLE } from '../jobs/job-store.js';
import { insertRun, updateRunAction, type PlannedAction, type RunRecord } from '../runs/run-log.js';
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
	const reason = 'replaced by the reminder a later firing of this rule planned';
	for (const job of earlier) {
		const ended = await trx(JOBS_TABLE).where({ id: job.id, status: 'pending' }).update({ status: 'cancelled', last_error: reason, finished_at: now, date_updated: now });
		if (ended === 1) await updateRunAction(trx, job.run === null ? null : Number(job.run), index, { status: 'cancelled', message: reason });
	}
}

/**
 * Stores one firing in one transaction: the execution gate's memory, the run and the jobs of its
 * actions. Either all of it commits or none, so a failed transaction can neither lose the first
 * firing nor leave jobs without their run. A job key already present means this write was already
 * recorded (its evaluation is being recovered after a crash): nothing is stored twice.
 */
export async function recordFiring(knex: Knex, config: EngineConfig, firing: Firing, now: Date): Promise<FiringResult> {
	const { run, gate, planned, writeId } = firing;
	const actions: PlannedAction[] = planned.map(({ action, index, plan }) => ({
		index,
		type: action.type,
		timing: timingLabel(action),
		due_at: plan.dueAt?.toISOString() ?? null,
		status: plan.dueAt ? 'scheduled' : 'skipped',
		...(plan.skip ? { message: plan.skip } : {}),
	}));

	try {
		return await knex.transaction(async (trx) => {
			const decision = await passGate(trx, gate, now);
			if (!decision.fire) return { fired: false, reason: decision.reason ?? '', alreadyRecorded: false } as const;

			const runId = await insertRun(trx, { ...run, outcome: 'matched', actions }, now);
			let queuedInstant = false;
			for (const { action, index, plan } of planned) {
				if (!plan.dueAt) continue;
				const inserted = await insertJobOnce(trx, {
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
				}, now);
				if (!inserted) throw new AlreadyRecorded();
				if (action.timing.type === 'relative_to_field') await replaceEarlierReminders(trx, run, index, writeId, now);
				if (action.timing.type === 'instant') queuedInstant = true;
			}
			return { fired: true, queuedInstant } as const;
		});
	} catch (error) {
		if (error instanceof AlreadyRecorded) return { fired: false, reason: 'this write’s firing was already recorded', alreadyRecorded: true };
		throw error;
	}
}
