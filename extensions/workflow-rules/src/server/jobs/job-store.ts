import type { Knex } from 'knex';
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
 * Claims up to `limit` due jobs for this instance. Each claim is a conditional update, so when
 * several instances poll the same table each job is won by exactly one of them; a running job
 * whose lease ran out (its instance died) can be claimed again.
 */
export async function claimDueJobs(knex: Knex, owner: string, leaseMs: number, limit: number, now = new Date()): Promise<Job[]> {
	const candidates = await knex(JOBS_TABLE)
		.select('id')
		.where((where) => where.where('status', 'pending').orWhere((running) => running.where('status', 'running').where('locked_until', '<', now)))
		.andWhere('due_at', '<=', now)
		.orderBy('due_at', 'asc')
		.orderBy('id', 'asc')
		.limit(limit);

	const claimed: Job[] = [];
	const lockedUntil = new Date(now.getTime() + leaseMs);

	for (const { id } of candidates) {
		const won = await knex(JOBS_TABLE)
			.where('id', id)
			.andWhere((where) => where.where('status', 'pending').orWhere((running) => running.where('status', 'running').where('locked_until', '<', now)))
			.update({ status: 'running', locked_by: owner, locked_until: lockedUntil, attempts: knex.raw('?? + 1', ['attempts']), date_updated: now });
		if (won === 1) claimed.push(jobFromRow(await knex(JOBS_TABLE).where('id', id).first()));
	}

	return claimed;
}

/**
 * Extends the lease of a job this instance still holds; false when it no longer does. Called
 * before an action that cannot be undone (a mail, a webhook, a Flow): one claimed with a batch
 * may have waited behind the others long enough for another instance to take it.
 */
export async function renewLease(knex: Knex, id: number, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
	const updated = await knex(JOBS_TABLE).where({ id, locked_by: owner, status: 'running' }).update({ locked_until: new Date(now.getTime() + leaseMs), date_updated: now });
	return updated === 1;
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

export async function retryJobLater(knex: Knex, id: number, owner: string, dueAt: Date, details: JobError, now = new Date()): Promise<void> {
	await knex(JOBS_TABLE).where({ id, locked_by: owner }).update({ status: 'pending', due_at: dueAt, ...errorColumns(details), locked_until: null, date_updated: now });
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
