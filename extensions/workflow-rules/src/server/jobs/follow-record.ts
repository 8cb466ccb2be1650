import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { planAction, timingFromLabel } from '../../core/engine/plan-actions.js';
import { eventNames } from '../../core/events/index.js';
import { readRecords, type ItemsServiceClass } from '../engine/record-reader.js';
import { updateRunAction } from '../runs/run-log.js';
import { JOBS_TABLE, jobFromRow, type Job } from './job-store.js';

export interface FollowDeps {
	knex: Knex;
	ItemsService: ItemsServiceClass;
}

export interface FollowedWrite {
	collection: string;
	item: string;
	kind: 'update' | 'delete';
	/** The fields the write sent. */
	written: string[];
}

export interface Followed {
	moved: number;
	cancelled: number;
	skipped: number;
}

/** The fields of `relative_to_field` timings among the rules' actions: writes to them move jobs. */
export function followedFields(rules: { actions: { timing: { type: string; field?: string } }[] }[]): string[] {
	return [...new Set(rules.flatMap((rule) => rule.actions.flatMap(({ timing }) => (timing.type === 'relative_to_field' && timing.field ? [timing.field] : []))))];
}

/** Whether a write can move or cancel the record's scheduled jobs: a delete, or a write to a followed field or the status. */
export function mayMoveJobs(write: FollowedWrite, fields: string[]): boolean {
	if (fields.length === 0) return false;
	return write.kind === 'delete' || write.written.some((field) => field === 'status' || fields.includes(field));
}

/**
 * Pending `relative_to_field` jobs follow their record: when the field they are relative to moves
 * (an appointment rescheduled), their due time moves with it, planned as at the firing (CRM time
 * zone, a time already past skips the job); when the record is cancelled or deleted they are
 * cancelled, saying why. The record is read as it now is, so that of two quick writes the last
 * wins. A reassignment changes nothing here: recipients resolve when the job runs. Every change
 * also shows on the run that planned the job.
 */
export async function followRecord(deps: FollowDeps, schema: SchemaOverview, write: FollowedWrite, timeZone: string, now = new Date()): Promise<Followed> {
	const followed: Followed = { moved: 0, cancelled: 0, skipped: 0 };
	const rows = await deps.knex(JOBS_TABLE).where({ collection: write.collection, item: write.item, status: 'pending' }).andWhere('timing', 'like', 'relative_to_field %').orderBy('id');
	if (rows.length === 0) return followed;
	const jobs = rows.map(jobFromRow);

	const record = write.kind === 'delete' ? null : ((await readRecords(deps.ItemsService, schema, write.collection, [write.item], ['*'])).get(write.item) ?? null);
	const cancelledBy = !record ? 'the record was deleted' : eventNames(write.collection).includes('cancelled') && record['status'] === 'cancelled' ? 'the record was cancelled' : null;
	if (cancelledBy) {
		for (const job of jobs) if (await endPending(deps.knex, job, 'cancelled', cancelledBy, now)) followed.cancelled++;
		return followed;
	}

	for (const job of jobs) {
		const timing = timingFromLabel(job.timing);
		if (timing?.type !== 'relative_to_field') continue;
		const plan = planAction({ type: job.actionType as never, timing, options: {} }, record, now, timeZone);
		if (!plan.dueAt) {
			if (await endPending(deps.knex, job, 'skipped', `${timing.field} changed: ${plan.skip}`, now)) followed.skipped++;
		} else if (plan.dueAt.getTime() !== job.dueAt.getTime()) {
			const moved = await deps.knex(JOBS_TABLE).where({ id: job.id, status: 'pending' }).update({ due_at: plan.dueAt, date_updated: now });
			if (moved === 1) {
				followed.moved++;
				await updateRunAction(deps.knex, job.run, job.actionIndex, { due_at: plan.dueAt.toISOString(), message: `moved with ${timing.field} on ${now.toISOString()}` });
			}
		}
	}
	return followed;
}

/** Ends a job that is still pending (a claimed one runs and re-checks the rule), on the job and on its run. */
export async function endPending(knex: Knex, job: Pick<Job, 'id' | 'run' | 'actionIndex'>, status: 'cancelled' | 'skipped', reason: string, now: Date): Promise<boolean> {
	const ended = await knex(JOBS_TABLE).where({ id: job.id, status: 'pending' }).update({ status, last_error: reason, finished_at: now, date_updated: now });
	if (ended === 1) await updateRunAction(knex, job.run, job.actionIndex, { status, message: reason });
	return ended === 1;
}
