import { afterFields } from '../../core/engine/needed-fields.js';
import { tallyEvaluations, type Evaluated } from '../../core/engine/usage-tally.js';
import type { Filter, Rule, ScheduleTrigger } from '../../core/rule/rule-types.js';
import { cronOccurrencesBetween, nextCronOccurrence } from '../../core/timing/cron-occurrences.js';
import { STATE_TABLE } from '../engine/execution-gate.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { insertRun, type RunRecord } from '../runs/run-log.js';
import { addUsage } from '../runs/usage-counters.js';
import { fireOccurrences, type RecordOccurrence } from './fire-on-record.js';
import { addResults, NOTHING, storeEvaluations, type TickDeps, type TickResult } from './tick-deps.js';
import { advanceCursor, readCursor } from './trigger-cursor.js';

/** Records read and evaluated per batch. */
export const SCHEDULE_BATCH = 500;
/** Occurrences one tick runs per rule: after a downtime a frequent schedule catches up over several ticks. */
const MAX_OCCURRENCES_PER_TICK = 5;
/** An occurrence claimed but neither finished nor touched for this long was left by a stopped process. */
export const ABANDONED_AFTER_MS = 60_000;

/**
 * One tick of every active schedule rule: each occurrence of its cron (CRM time zone) between its
 * cursor and now is claimed once across all instances (a unique key per rule and occurrence),
 * then applies the rule to the records matching its conditions, in batches: a run with its trace
 * and instant jobs per record, and one run for the occurrence with the count it applied to.
 */
export async function scheduleTick(deps: TickDeps, rules: Rule[], now: Date): Promise<TickResult> {
	let result = NOTHING;
	for (const rule of rules) {
		if (rule.trigger.type !== 'schedule') continue;
		try {
			result = addResults(result, await tickRule(deps, rule, rule.trigger, now));
		} catch (error) {
			deps.onError(error, rule);
		}
	}
	return result;
}

async function tickRule(deps: TickDeps, rule: Rule, trigger: ScheduleTrigger, now: Date): Promise<TickResult> {
	if (!collectionOf(deps.schema, rule.collection)) return NOTHING;
	const from = await readCursor(deps.knex, 'schedule', rule.id, now);
	if (!from) return NOTHING;

	let result = NOTHING;
	for (const at of await reclaimAbandoned(deps, rule, now)) result = addResults(result, await runOccurrence(deps, rule, trigger, at, now));

	const occurrences = cronOccurrencesBetween(trigger.cron, deps.timeZone, from, now, MAX_OCCURRENCES_PER_TICK);
	for (const at of occurrences) {
		if (await claimOccurrence(deps, rule, at, now)) result = addResults(result, await runOccurrence(deps, rule, trigger, at, now));
		await advanceCursor(deps.knex, 'schedule', rule.id, at);
	}
	if (occurrences.length < MAX_OCCURRENCES_PER_TICK) await advanceCursor(deps.knex, 'schedule', rule.id, now);
	return result;
}

function claimKey(rule: Rule, at: Date): string {
	return `schedule:${rule.id}:${at.toISOString()}`;
}

/**
 * True for the one instance (and the one tick) that runs this occurrence. The claim stays
 * `matched = false` until the occurrence's run is stored, and is touched after every batch.
 */
async function claimOccurrence(deps: TickDeps, rule: Rule, at: Date, now: Date): Promise<boolean> {
	const rows = await deps.knex(STATE_TABLE)
		.insert({ key: claimKey(rule, at), rule: rule.id, collection: rule.collection, item: at.toISOString(), matched: false, fired_at: at, date_created: now, date_updated: now })
		.onConflict('key')
		.ignore()
		.returning('id');
	return Array.isArray(rows) && rows.length > 0;
}

/**
 * Occurrences whose run a stopped process left unfinished (claimed, not touched for
 * ABANDONED_AFTER_MS): taken over one by one with a conditional update, and run again; the
 * records already applied to find their jobs keyed and are not applied twice.
 */
async function reclaimAbandoned(deps: TickDeps, rule: Rule, now: Date): Promise<Date[]> {
	const stale = new Date(now.getTime() - ABANDONED_AFTER_MS);
	const rows = (await deps.knex(STATE_TABLE).where({ rule: rule.id, collection: rule.collection, matched: false }).andWhere('key', 'like', `schedule:${rule.id}:%`).andWhere('date_updated', '<', stale).select('id', 'item')) as { id: number; item: string }[];
	const taken: Date[] = [];
	for (const row of rows) {
		const won = await deps.knex(STATE_TABLE).where({ id: row.id, matched: false }).andWhere('date_updated', '<', stale).update({ date_updated: now });
		if (won === 1) taken.push(new Date(row.item));
	}
	return taken;
}

async function runOccurrence(deps: TickDeps, rule: Rule, trigger: ScheduleTrigger, at: Date, now: Date): Promise<TickResult> {
	const started = performance.now();
	const primaryKey = collectionOf(deps.schema, rule.collection)!.primary;
	const service = new deps.ItemsService(rule.collection, { schema: deps.schema, accountability: null });
	const fields = [...new Set(['*', ...afterFields([rule])])];
	const pushedDown = pushableFilter(rule.conditions);
	const note = `schedule occurrence ${at.toISOString()}`;

	let result = NOTHING;
	let matching = 0;
	/** Fired now, or by an earlier run of this occurrence that a stopped process left unfinished. */
	let applied = 0;
	let last: unknown = null;
	for (;;) {
		const filter = [pushedDown, last === null ? null : { [primaryKey]: { _gt: last } }].filter((part): part is Filter => part !== null);
		const rows = await service.readByQuery({ ...(filter.length > 0 ? { filter: { _and: filter } } : {}), fields, sort: [primaryKey], limit: SCHEDULE_BATCH }, { emitEvents: false });
		// A batch's firings commit together, in two statements when they can (see recordFirings); should one
		// fail, the batch rolls back and the error reaches the tick (the occurrence stays claimed: see the README).
		const occurrences: RecordOccurrence[] = rows.map((record) => ({ rule, collection: rule.collection, item: String(record[primaryKey]), record, event: 'schedule', occurrenceId: `schedule@${at.toISOString()}`, note, now, timeZone: deps.timeZone }));
		await deps.knex.transaction(async (trx) => {
			const runs: RunRecord[] = [];
			for (const outcome of await fireOccurrences(trx, deps.config, occurrences, (error) => deps.onError(error, rule), now)) {
				if (outcome.kind === 'fired') result = addResults(result, { candidates: 0, fired: 1, queuedInstant: outcome.queuedInstant });
				if (outcome.kind !== 'logged') applied += 1;
				// A record the database filter let through that the conditions refuse (a dynamic value) is neither applied to nor logged.
				if (outcome.kind !== 'logged' || outcome.run.outcome !== 'not_matched') matching += 1;
				if (outcome.kind === 'logged' && outcome.run.outcome !== 'not_matched') runs.push(outcome.run);
			}
			await storeEvaluations(trx, runs, [], now);
		});
		await deps.renewLease();
		await deps.knex(STATE_TABLE).where({ key: claimKey(rule, at) }).update({ date_updated: new Date() });
		result = addResults(result, { candidates: rows.length, fired: 0, queuedInstant: false });
		if (rows.length < SCHEDULE_BATCH) break;
		last = rows.at(-1)?.[primaryKey];
	}

	const next = nextCronOccurrence(trigger.cron, deps.timeZone, at);
	const summary: RunRecord = {
		rule,
		collection: rule.collection,
		// The occurrence's own run names no single record (the column is nullable): each record's firing has its run.
		item: null as unknown as string,
		event: 'schedule',
		events: ['schedule'],
		outcome: applied > 0 ? 'matched' : 'not_matched',
		matched: applied > 0,
		depth: 0,
		durationMs: performance.now() - started,
		message: `${note} (cron "${trigger.cron}", ${deps.timeZone}): applied to ${applied} record(s) of ${matching} matching the conditions; next occurrence ${next ? next.toISOString() : 'none'}`,
		trace: null,
		actions: [],
	};
	const evaluation: Evaluated = { rule: rule.id, outcome: summary.outcome, at: now };
	await deps.knex.transaction(async (trx) => {
		await insertRun(trx, summary, now);
		await addUsage(trx, tallyEvaluations([evaluation]));
		await trx(STATE_TABLE).where({ key: claimKey(rule, at) }).update({ matched: true, date_updated: now });
	});
	return result;
}

/**
 * The conditions as a Directus filter for the query, or null (read every record, the core
 * evaluator decides) when they use dynamic values such as `$NOW` or `$CURRENT_USER`, which a
 * query made by the engine would not resolve as the evaluator does.
 */
function pushableFilter(conditions: Filter | null): Filter | null {
	if (!conditions) return null;
	return JSON.stringify(conditions).includes('"$') ? null : conditions;
}
