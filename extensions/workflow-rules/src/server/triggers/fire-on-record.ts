import type { Knex } from 'knex';
import { evaluateRule, type RuleEvaluation } from '../../core/engine/evaluate-rule.js';
import { evaluationContext } from '../../core/engine/evaluation-context.js';
import { planAction } from '../../core/engine/plan-actions.js';
import type { Rule } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import { recordFirings, type Firing } from '../engine/record-firing.js';
import type { RunRecord } from '../runs/run-log.js';

/** One occurrence of a date or schedule trigger, for one record. */
export interface RecordOccurrence {
	rule: Rule;
	collection: string;
	item: string;
	/** The record as the event engine reads it: every field and the relations the conditions name. */
	record: Record<string, unknown>;
	event: 'date' | 'schedule';
	/** Names the occurrence in job keys (`date@<instant>`): a second firing of it finds its jobs and stores nothing. */
	occurrenceId: string;
	/** Shown on the run: which occurrence, and the next one. */
	note: string | null;
	now: Date;
	/** The CRM time zone, for the plans of the rule's actions. */
	timeZone: string;
}

export type OccurrenceOutcome =
	/** Stored with its run and jobs. */
	| { kind: 'fired'; queuedInstant: boolean }
	/** This occurrence was already stored (another instance, or a tick replayed after a crash). */
	| { kind: 'already_fired' }
	/** A run for the caller to store: conditions false, execution mode refused, or an error. */
	| { kind: 'logged'; run: RunRecord };

/** An occurrence evaluated: a firing to store, or a run to log (conditions false, or an error). */
export type EvaluatedOccurrence = { kind: 'firing'; firing: Firing; started: number } | { kind: 'logged'; run: RunRecord };

/**
 * Evaluates a rule's conditions on one record for one occurrence, with a trace: when they hold, the
 * firing to store (gate, run and instant jobs, keyed by the occurrence). Date and schedule rules
 * take instant actions only, and run as the system.
 */
export function evaluateOccurrence(occurrence: RecordOccurrence, onError: (error: unknown) => void): EvaluatedOccurrence {
	const { rule, collection, item, record, event, now, timeZone } = occurrence;
	const started = performance.now();
	const base = { rule, collection, item, event, events: [event], depth: 0, actions: [] };
	const elapsed = () => performance.now() - started;

	let evaluation: RuleEvaluation;
	let planned: Firing['planned'];
	try {
		evaluation = evaluateRule(rule, { before: null, after: record }, evaluationContext({ now, timeZone }), true);
		planned = rule.actions.map((action, index) => ({ action, index, plan: planAction(action, record, now, timeZone) }));
	} catch (error) {
		onError(error);
		return { kind: 'logged', run: { ...base, trace: null, outcome: 'error', matched: false, durationMs: elapsed(), message: error instanceof Error ? error.message : String(error) } };
	}

	const { matched, trace } = evaluation;
	if (!matched) return { kind: 'logged', run: { ...base, trace, outcome: 'not_matched', matched, durationMs: elapsed(), message: occurrence.note } };
	return {
		kind: 'firing',
		started,
		firing: {
			run: { ...base, trace, matched, message: occurrence.note, durationMs: elapsed() },
			gate: { rule, collection, item, matched, matchedBefore: null },
			planned,
			writeId: occurrence.occurrenceId,
			previous: null,
			deletedRecord: null,
			writer: { user: null, role: null },
		},
	};
}

/**
 * Evaluates a batch of occurrences and stores their firings together (see recordFirings): the
 * outcome of each, in order. `knex` is the batch's transaction.
 */
export async function fireOccurrences(knex: Knex, config: EngineConfig, occurrences: RecordOccurrence[], onError: (error: unknown) => void, now: Date): Promise<OccurrenceOutcome[]> {
	const evaluated = occurrences.map((occurrence) => evaluateOccurrence(occurrence, onError));
	const firings = evaluated.flatMap((entry) => (entry.kind === 'firing' ? [entry.firing] : []));
	const results = await recordFirings(knex, config, firings, now);
	let next = 0;
	return evaluated.map((entry): OccurrenceOutcome => {
		if (entry.kind === 'logged') return entry;
		const result = results[next++]!;
		if (result.fired) return { kind: 'fired', queuedInstant: result.queuedInstant };
		if (result.alreadyRecorded) return { kind: 'already_fired' };
		const { run } = entry.firing;
		return { kind: 'logged', run: { ...run, actions: [], outcome: 'skipped', durationMs: performance.now() - entry.started, message: [result.reason, run.message].filter(Boolean).join('; ') } };
	});
}
