import type { Knex } from 'knex';
import type { ConditionTrace } from '../../core/conditions/index.js';
import { redactRuleSecrets } from '../../core/rule/redact-secrets.js';
import type { Rule } from '../../core/rule/rule-types.js';
import { isSqlite } from '../db/dialect.js';
import { fromJson, insertedId, toJson } from '../db/rows.js';

export const RUNS_TABLE = 'workflow_runs';

export type { EvaluationOutcome as RunOutcome } from '../../core/engine/usage-tally.js';
import type { EvaluationOutcome as RunOutcome } from '../../core/engine/usage-tally.js';

export interface PlannedAction {
	index: number;
	type: string;
	timing: string;
	due_at: string | null;
	status: 'scheduled' | 'skipped' | 'cancelled';
	message?: string;
}

export interface RunRecord {
	rule: Rule;
	collection: string;
	item: string;
	/** The record as its collection's display template names it (see record-title.ts); null when unknown. */
	recordTitle?: string | null;
	/** The first of `events`, kept as a plain column to filter on. */
	event: string;
	/** Every event of the write the rule listened to: one run per rule and write. */
	events: string[];
	outcome: RunOutcome;
	matched: boolean;
	depth: number;
	durationMs: number;
	message?: string | null;
	trace: { conditions: ConditionTrace | null; previous_conditions?: ConditionTrace | null } | null;
	actions: PlannedAction[];
}

/** A rule's redacted snapshot, made once per loaded rule: a tick logs hundreds of runs of one rule. */
const snapshots = new WeakMap<Rule, string | null>();
function snapshotOf(rule: Rule): string | null {
	if (!snapshots.has(rule)) snapshots.set(rule, toJson(redactRuleSecrets(rule)));
	return snapshots.get(rule) ?? null;
}

function row(run: RunRecord, now: Date): Record<string, unknown> {
	return {
		rule: run.rule.id,
		outcome: run.outcome,
		matched: run.matched,
		collection: run.collection,
		item: run.item,
		record_title: run.recordTitle ?? null,
		event: run.event,
		events: toJson(run.events),
		depth: run.depth,
		duration_ms: Math.round(run.durationMs),
		message: run.message ?? null,
		trace: toJson(run.trace),
		actions: toJson(run.actions),
		rule_snapshot: snapshotOf(run.rule),
		date_created: now,
	};
}

/** Inserts one run and returns its id (needed to link the jobs it planned). */
export async function insertRun(knex: Knex, run: RunRecord, now = new Date()): Promise<number> {
	return insertedId(await knex(RUNS_TABLE).insert(row(run, now)).returning('id'));
}

/**
 * Inserts runs in one statement and returns their ids in the order of `runs`: a statement's rows
 * take their ids in the order of its values, whatever order RETURNING lists them in.
 */
export async function insertRunsReturningIds(knex: Knex, runs: RunRecord[], now = new Date()): Promise<number[]> {
	if (runs.length === 0) return [];
	const rows: unknown[] = await knex(RUNS_TABLE).insert(runs.map((run) => row(run, now))).returning('id');
	return rows.map((inserted) => insertedId([inserted])).sort((a, b) => a - b);
}

/** Inserts runs that planned no job in one statement: the common, cheap case of a non-matching rule. */
export async function insertRuns(knex: Knex, runs: RunRecord[], now = new Date()): Promise<void> {
	if (runs.length > 0) await knex(RUNS_TABLE).insert(runs.map((run) => row(run, now)));
}

/**
 * Changes what a run says of one of its planned actions after the fact: a scheduled action moved
 * with its record, cancelled with it, or skipped when due. The run's row is locked (PostgreSQL)
 * so that two jobs of one run finishing together do not undo each other's change.
 */
export async function updateRunAction(knex: Knex, runId: number | null, index: number, change: Partial<Pick<PlannedAction, 'due_at' | 'status' | 'message'>>): Promise<void> {
	if (runId === null) return;
	await knex.transaction(async (trx) => {
		const query = trx(RUNS_TABLE).where('id', runId).first('actions');
		const row = (await (isSqlite(trx) ? query : query.forUpdate())) as { actions?: unknown } | undefined;
		if (!row) return;
		const actions = fromJson<PlannedAction[]>(row.actions, []);
		const entry = actions.find((action) => action.index === index);
		if (!entry) return;
		Object.assign(entry, change);
		await trx(RUNS_TABLE).where('id', runId).update({ actions: toJson(actions) });
	});
}

/** Deletes runs older than the retention period; returns how many. */
export async function purgeRuns(knex: Knex, retentionDays: number, now = new Date()): Promise<number> {
	if (retentionDays <= 0) return 0;
	const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
	return knex(RUNS_TABLE).where('date_created', '<', cutoff).delete();
}
