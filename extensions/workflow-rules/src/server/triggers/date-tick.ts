import { afterFields } from '../../core/engine/needed-fields.js';
import type { Evaluated } from '../../core/engine/usage-tally.js';
import type { DateTrigger, Rule } from '../../core/rule/rule-types.js';
import { dateSchedule, fieldValue, nextOccurrence, occurrencesBetween, valueRangesFor, type DateSchedule } from '../../core/timing/date-occurrences.js';
import { readRecords } from '../engine/record-reader.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import type { RunRecord } from '../runs/run-log.js';
import { candidateQuery, fieldBounds, type DateColumn } from './date-candidates.js';
import { fireOccurrences, type RecordOccurrence } from './fire-on-record.js';
import { addResults, NOTHING, storeEvaluations, type TickDeps, type TickResult } from './tick-deps.js';
import { advanceCursor, readCursor } from './trigger-cursor.js';

/** The longest window one tick handles per rule: after a downtime the ticks catch up in slices this long. */
export const MAX_WINDOW_MS = 6 * 3_600_000;
/** Records read and evaluated together. */
const BATCH = 200;
/** Value ranges per candidate query (a monthly rule over decades has hundreds). */
const RANGES_PER_QUERY = 100;

/**
 * One tick of every active date rule: per rule, the window from its cursor to now (at most
 * MAX_WINDOW_MS), the records whose field value can have an occurrence in it (indexed range
 * queries on the field, never a scan), each checked exactly, evaluated and, when its conditions
 * hold, fired once for that occurrence; then the cursor moves to the window's end. A rule that
 * fails keeps its cursor and is tried again next tick (firings already stored are not repeated).
 */
export async function dateTick(deps: TickDeps, rules: Rule[], now: Date): Promise<TickResult> {
	let result = NOTHING;
	for (const rule of rules) {
		if (rule.trigger.type !== 'date') continue;
		try {
			result = addResults(result, await tickRule(deps, rule, rule.trigger, now));
		} catch (error) {
			deps.onError(error, rule);
		}
	}
	return result;
}

/** The rule's field as a column, or null when the collection or field is gone (validation refuses those at save). */
export function dateColumn(deps: Pick<TickDeps, 'schema'>, rule: Pick<Rule, 'collection'>, trigger: DateTrigger): DateColumn | null {
	const overview = collectionOf(deps.schema, rule.collection);
	const field = overview?.fields[trigger.field];
	if (!overview || !field || !['date', 'timestamp', 'dateTime'].includes(field.type)) return null;
	return { table: rule.collection, primaryKey: overview.primary, field: trigger.field, dateOnly: field.type === 'date' };
}

/** The value ranges whose occurrence falls in (from, to], and the query for their records' keys. */
export async function dateCandidates(deps: Pick<TickDeps, 'knex'>, column: DateColumn, schedule: DateSchedule, from: Date, to: Date): Promise<string[]> {
	const bounds = await fieldBounds(deps.knex, column);
	const ranges = bounds ? valueRangesFor(schedule, from, to, bounds) : [];
	const keys: string[] = [];
	for (let start = 0; start < ranges.length; start += RANGES_PER_QUERY) {
		const rows = (await candidateQuery(deps.knex, column, ranges.slice(start, start + RANGES_PER_QUERY))) as Record<string, unknown>[];
		for (const row of rows) keys.push(String(row[column.primaryKey]));
	}
	return keys;
}

async function tickRule(deps: TickDeps, rule: Rule, trigger: DateTrigger, now: Date): Promise<TickResult> {
	const column = dateColumn(deps, rule, trigger);
	const schedule = column && dateSchedule(trigger, deps.timeZone, column.dateOnly);
	if (!column || !schedule) return NOTHING;

	const from = await readCursor(deps.knex, 'date', rule.id, now);
	if (!from || from.getTime() >= now.getTime()) return NOTHING;
	const to = new Date(Math.min(now.getTime(), from.getTime() + MAX_WINDOW_MS));

	const keys = await dateCandidates(deps, column, schedule, from, to);
	const fields = afterFields([rule]);
	let result: TickResult = { ...NOTHING, candidates: keys.length };
	for (let start = 0; start < keys.length; start += BATCH) {
		const records = await readRecords(deps.ItemsService, deps.schema, rule.collection, keys.slice(start, start + BATCH), fields);
		// A batch's firings commit together, in two statements when they can (see recordFirings).
		// Should one fail, none of the batch stays and the window is tried again next tick.
		const occurrences: RecordOccurrence[] = [];
		for (const [item, record] of records) {
			const value = fieldValue(record[trigger.field]);
			if (value === null) continue;
			for (const at of occurrencesBetween(schedule, value, from, to)) {
				const next = nextOccurrence(schedule, value, at);
				const note = `occurrence ${at.toISOString()} (${trigger.field} ${String(record[trigger.field])}${trigger.offset ? ` ${trigger.offset}` : ''}); next occurrence ${next ? next.toISOString() : 'none'}`;
				occurrences.push({ rule, collection: rule.collection, item, record, event: 'date', occurrenceId: `date@${at.toISOString()}`, note, now, timeZone: deps.timeZone });
			}
		}
		await deps.knex.transaction(async (trx) => {
			const runs: RunRecord[] = [];
			const evaluations: Evaluated[] = [];
			for (const outcome of await fireOccurrences(trx, deps.config, occurrences, (error) => deps.onError(error, rule), now)) {
				if (outcome.kind === 'fired') {
					evaluations.push({ rule: rule.id, outcome: 'matched', at: now });
					result = addResults(result, { candidates: 0, fired: 1, queuedInstant: outcome.queuedInstant });
				} else if (outcome.kind === 'logged') {
					runs.push(outcome.run);
					evaluations.push({ rule: rule.id, outcome: outcome.run.outcome, at: now });
				}
			}
			await storeEvaluations(trx, runs, evaluations, now);
		});
		await deps.renewLease();
	}

	await advanceCursor(deps.knex, 'date', rule.id, to);
	return result;
}
