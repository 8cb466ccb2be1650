import type { Knex } from 'knex';
import { dialectOf } from '../db/dialect.js';
import type { RuleAction } from '../../core/rule/rule-types.js';
import { fromJson, toDate, toJson } from '../db/rows.js';

export const JOBS_TABLE = 'workflow_jobs';

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface JobContext {
	event: string;
	/** Every event of the write the rule listened to (a rule fires once per write). */
	events?: string[];
	/** The record before the triggering write, when there was one (updates and deletes). */
	previous: Record<string, unknown> | null;
	/** The record as the rule saw it, for deleted records that can no longer be read. */
	record: Record<string, unknown> | null;
	/** Who made the write: `$CURRENT_USER` / `$CURRENT_ROLE` when a scheduled action re-checks the conditions. */
	user?: string | null;
	role?: string | null;
	/** A Directus Flow operation's job has no rule: the action it handed over, options as rendered by the Flow. */
	action?: RuleAction;
}

export interface NewJob {
	run: number | null;
	rule: string | null;
	actionIndex: number;
	actionType: string;
	timing: string;
	collection: string;
	item: string;
	event: string;
	dueAt: Date;
	maxAttempts: number;
	depth: number;
	context: JobContext;
	idempotencyKey: string;
}

export interface Job {
	id: number;
	run: number | null;
	rule: string | null;
	actionIndex: number;
	actionType: string;
	timing: string;
	collection: string;
	item: string;
	event: string;
	status: JobStatus;
	dueAt: Date;
	attempts: number;
	maxAttempts: number;
	depth: number;
	context: JobContext;
	/** Unique per rule, action and triggering write (per run of a Flow operation): what an action outside the database hands on to be deduplicated. */
	idempotencyKey: string;
}

export function jobFromRow(row: Record<string, unknown>): Job {
	return {
		id: Number(row['id']),
		run: row['run'] === null || row['run'] === undefined ? null : Number(row['run']),
		rule: (row['rule'] as string | null) ?? null,
		actionIndex: Number(row['action_index']),
		actionType: String(row['action_type']),
		timing: String(row['timing']),
		collection: String(row['collection']),
		item: String(row['item']),
		event: String(row['event']),
		status: row['status'] as JobStatus,
		dueAt: toDate(row['due_at']) ?? new Date(0),
		attempts: Number(row['attempts'] ?? 0),
		maxAttempts: Number(row['max_attempts'] ?? 1),
		depth: Number(row['depth'] ?? 0),
		context: fromJson(row['context'], { event: String(row['event']), previous: null, record: null }),
		idempotencyKey: String(row['idempotency_key'] ?? row['id']),
	};
}

function jobRow(job: NewJob, now: Date): Record<string, unknown> {
	return {
		run: job.run,
		rule: job.rule,
		idempotency_key: job.idempotencyKey,
		status: 'pending',
		action_index: job.actionIndex,
		action_type: job.actionType,
		timing: job.timing,
		collection: job.collection,
		item: job.item,
		event: job.event,
		due_at: job.dueAt,
		attempts: 0,
		max_attempts: job.maxAttempts,
		depth: job.depth,
		context: toJson(job.context),
		date_created: now,
		date_updated: now,
	};
}

/**
 * Inserts a job unless one with its idempotency key exists; true when this call inserted it.
 * `ON CONFLICT DO NOTHING`, so that inside a transaction on PostgreSQL the conflict is an answer,
 * not an aborted transaction.
 */
export async function insertJobOnce(knex: Knex, job: NewJob, now = new Date()): Promise<boolean> {
	return (await insertJob(knex, job, now)) !== null;
}

/** `insertJobOnce`, answering the new job's id (null when its key existed). */
export async function insertJob(knex: Knex, job: NewJob, now = new Date()): Promise<number | null> {
	const rows: unknown[] = await knex(JOBS_TABLE).insert(jobRow(job, now)).onConflict('idempotency_key').ignore().returning('id');
	const first = rows[0] as { id?: unknown } | number | undefined;
	if (first === undefined) return null;
	return Number(typeof first === 'object' ? first.id : first);
}

/** Inserts many jobs in one statement, skipping keys that exist; answers how many it inserted. */
export async function insertJobsOnce(knex: Knex, jobs: NewJob[], now = new Date()): Promise<number> {
	if (jobs.length === 0) return 0;
	const rows: unknown[] = await knex(JOBS_TABLE).insert(jobs.map((job) => jobRow(job, now))).onConflict('idempotency_key').ignore().returning('id');
	return rows.length;
}


/**
 * Due and free to take: pending, or running under a lease that ran out while attempts remain; and
 * no job of the same record running under a live lease, so that two actions on one record (a
 * score incremented twice) never run at the same time, here or on another instance.
 */
function claimable(knex: Knex, query: Knex.QueryBuilder, now: Date): Knex.QueryBuilder {
	return query
		.where((where) => where.where('status', 'pending').orWhere((running) => running.where('status', 'running').where('locked_until', '<', now).whereRaw('?? < ??', ['attempts', 'max_attempts'])))
		.andWhere('due_at', '<=', now)
		.andWhere((free) =>
			free
				.whereNull('item')
				.orWhere('item', '')
				.orWhereNotExists((busy) =>
					busy
						.select(knex.raw('1'))
						.from(`${JOBS_TABLE} as busy`)
						.whereRaw('?? = ??', ['busy.collection', `${JOBS_TABLE}.collection`])
						.whereRaw('?? = ??', ['busy.item', `${JOBS_TABLE}.item`])
						.where('busy.status', 'running')
						.where('busy.locked_until', '>=', now),
				),
		);
}

/**
 * Claims up to `limit` due jobs for this instance in one statement: the ids chosen by a
 * sub-select, updated and returned together. On PostgreSQL the sub-select locks its rows with
 * `FOR UPDATE SKIP LOCKED`, so instances claiming at the same moment each take other jobs instead
 * of waiting on each other; SQLite serialises writers, so its single `UPDATE … RETURNING` is
 * atomic as it is. MySQL/MariaDB cannot update a table it selects from nor return rows: there the
 * same claim is a locking select and an update in one transaction. A running job whose lease ran
 * out (its instance died) is claimed again while it has attempts left (see `failSpentJobs`).
 */
export async function claimDueJobs(knex: Knex, owner: string, leaseMs: number, limit: number, now = new Date()): Promise<Job[]> {
	if (limit <= 0) return [];
	const dialect = dialectOf(knex);
	const claim = { status: 'running', locked_by: owner, locked_until: new Date(now.getTime() + leaseMs), attempts: knex.raw('?? + 1', ['attempts']), date_updated: now };
	const chosen = (connection: Knex) => {
		const query = claimable(connection, connection(JOBS_TABLE).select('id'), now).orderBy('due_at', 'asc').orderBy('id', 'asc').limit(limit);
		return dialect === 'postgres' || dialect === 'mysql' ? query.forUpdate().skipLocked() : query;
	};

	if (dialect === 'mysql' || dialect === 'other') {
		return knex.transaction(async (trx) => {
			const ids = (await chosen(trx)).map((row: { id: unknown }) => Number(row.id));
			if (ids.length === 0) return [];
			// Re-checked where the select could not lock (other databases): a job another instance won meanwhile is not taken.
			await claimable(trx, trx(JOBS_TABLE).whereIn('id', ids), now).update(claim);
			return (await trx(JOBS_TABLE).whereIn('id', ids).where({ locked_by: owner, locked_until: claim.locked_until }).orderBy('due_at', 'asc').orderBy('id', 'asc')).map(jobFromRow);
		});
	}
	const rows: Record<string, unknown>[] = await knex(JOBS_TABLE).whereIn('id', chosen(knex)).update(claim).returning('*');
	return rows.map(jobFromRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** When the next pending job falls due, if one does before `horizon`: the worker claims at that moment instead of at its next poll. */
export async function nextDueAt(knex: Knex, now: Date, horizon: Date): Promise<Date | null> {
	const row = await knex(JOBS_TABLE).where('status', 'pending').where('due_at', '>', now).where('due_at', '<=', horizon).min({ next: 'due_at' }).first();
	return toDate(row?.['next']);
}

/** The job the `failSpentJobs` call ended: its id and how many times it was started. */
export interface SpentJob {
	id: number;
	attempts: number;
}

/**
 * Ends the jobs whose process stopped while running them on every attempt they had (their lease
 * ran out with attempts = max_attempts): `failed`, never claimed again. A job that crashes the
 * process it runs in ends here instead of taking down one instance after another in a loop.
 */
export async function failSpentJobs(knex: Knex, now = new Date()): Promise<SpentJob[]> {
	const spent = await knex(JOBS_TABLE).select('id', 'attempts').where('status', 'running').where('locked_until', '<', now).whereRaw('?? >= ??', ['attempts', 'max_attempts']).limit(100);
	const ended: SpentJob[] = [];
	for (const row of spent as { id: unknown; attempts: unknown }[]) {
		const attempts = Number(row.attempts);
		const error = `the process running this job stopped before it finished, ${attempts === 1 ? 'on its only attempt' : `on all ${attempts} attempts`} (a crash, a kill or a restart): it is not run again; replay it once the cause is fixed`;
		// Conditional again: another instance may be ending the same job at the same moment.
		const updated = await knex(JOBS_TABLE)
			.where({ id: row.id, status: 'running' })
			.where('locked_until', '<', now)
			.update({ status: 'failed', last_error: error, error_class: 'crashed', error_status: null, finished_at: now, locked_until: null, date_updated: now });
		if (updated === 1) ended.push({ id: Number(row.id), attempts });
	}
	return ended;
}

/**
 * Extends the lease of a job this instance still holds; false when it no longer does. Called
 * before an action that cannot be undone (a mail, a webhook, a Flow), as a last check.
 */
export async function renewLease(knex: Knex, id: number, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
	const updated = await knex(JOBS_TABLE).where({ id, locked_by: owner, status: 'running' }).update({ locked_until: new Date(now.getTime() + leaseMs), date_updated: now });
	return updated === 1;
}

/**
 * Extends the leases of the running jobs this instance holds among `ids`, in one statement, and
 * answers the ids it no longer holds (another instance took them after their lease ran out).
 */
export async function renewLeases(knex: Knex, ids: number[], owner: string, leaseMs: number, now = new Date()): Promise<number[]> {
	if (ids.length === 0) return [];
	const updated = await knex(JOBS_TABLE).whereIn('id', ids).where({ locked_by: owner, status: 'running' }).update({ locked_until: new Date(now.getTime() + leaseMs) });
	if (updated === ids.length) return [];
	// Not renewed: finished meanwhile (still marked with this owner), or taken by another instance (or handed back).
	const rows: { id: unknown; locked_by: unknown }[] = await knex(JOBS_TABLE).whereIn('id', ids).select('id', 'locked_by');
	const mine = new Set(rows.filter((row) => row.locked_by === owner).map((row) => Number(row.id)));
	return ids.filter((id) => !mine.has(id));
}

/**
 * Hands jobs this instance holds back to the queue, due at once and free for any instance: what
 * a shutdown does with the jobs still running when its grace period ends. The attempt counts.
 */
export async function releaseJobs(knex: Knex, ids: number[], owner: string, now = new Date()): Promise<number> {
	if (ids.length === 0) return 0;
	return knex(JOBS_TABLE).whereIn('id', ids).where({ locked_by: owner, status: 'running' }).update({ status: 'pending', locked_by: null, locked_until: null, due_at: now, date_updated: now });
}

/** How an attempt ended in error: the message, and the error's kind and HTTP/SMTP status when known. */
export interface JobError {
	error: string | null;
	kind?: string | null;
	status?: number | null;
}

function errorColumns(details: JobError): Record<string, unknown> {
	return { last_error: details.error, error_class: details.error === null ? null : (details.kind ?? null), error_status: details.error === null ? null : (details.status ?? null) };
}

/**
 * Finishes a job this instance still holds; false when it no longer does (its lease ran out and
 * another instance claimed it), so a caller finishing inside the action's transaction rolls back.
 */
export async function finishJob(knex: Knex, id: number, owner: string, status: Extract<JobStatus, 'succeeded' | 'failed' | 'skipped' | 'cancelled'>, details: { result?: unknown } & Partial<JobError>, now = new Date()): Promise<boolean> {
	const updated = await knex(JOBS_TABLE)
		.where({ id, locked_by: owner, status: 'running' })
		.update({ status, result: toJson(details.result ?? null), ...errorColumns({ error: details.error ?? null, kind: details.kind ?? null, status: details.status ?? null }), finished_at: now, locked_until: null, date_updated: now });
	return updated === 1;
}

/** Puts a job this instance still holds back in the queue for a later attempt; false when it no longer holds it. */
export async function retryJobLater(knex: Knex, id: number, owner: string, dueAt: Date, details: JobError, now = new Date()): Promise<boolean> {
	const updated = await knex(JOBS_TABLE).where({ id, locked_by: owner, status: 'running' }).update({ status: 'pending', due_at: dueAt, ...errorColumns(details), locked_until: null, date_updated: now });
	return updated === 1;
}

/** Puts a finished (failed, skipped, cancelled) job back in the queue, due now, with fresh attempts. */
export async function replayJob(knex: Knex, id: number, now = new Date()): Promise<boolean> {
	const updated = await knex(JOBS_TABLE)
		.where('id', id)
		.whereIn('status', ['failed', 'skipped', 'cancelled'])
		.update({ status: 'pending', due_at: now, attempts: 0, last_error: null, error_class: null, error_status: null, finished_at: null, locked_by: null, locked_until: null, date_updated: now });
	return updated === 1;
}

/**
 * Backoff before attempt n+1: 1 s, 2 s, 4 s, … capped at five minutes, plus up to a fifth more at
 * random, so that jobs failing together (an endpoint down) do not come back together.
 */
export function backoffMs(attempts: number, random = Math.random): number {
	const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (1 + 0.2 * random()));
}
