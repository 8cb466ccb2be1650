import type { Knex } from 'knex';
import { evaluateRule, type RuleEvaluation } from '../../core/engine/evaluate-rule.js';
import type { EvaluationContext } from '../../core/engine/evaluation-context.js';
import { planAction } from '../../core/engine/plan-actions.js';
import { eventsHeardBy } from '../../core/engine/rule-events.js';
import { logsEveryEvaluation, type Evaluated } from '../../core/engine/usage-tally.js';
import { detectEvents, isBeforeUnknown, type RecordChange } from '../../core/events/index.js';
import type { Rule } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import type { RunRecord } from '../runs/run-log.js';
import { passGate } from './execution-gate.js';
import { recordFiring, type Firing } from './record-firing.js';

export interface WriteToEvaluate {
	collection: string;
	item: string;
	change: RecordChange;
	depth: number;
	context: EvaluationContext;
	/** Names this write in job keys (its intent id): see record-firing.ts. */
	writeId: string;
}

export interface EvaluateDeps {
	knex: Knex;
	config: EngineConfig;
	onError: (error: unknown, rule: Rule) => void;
	/** The record's title for its runs; none when absent. */
	titleOf?: (collection: string, record: Record<string, unknown> | null) => Promise<string | null>;
}

export interface WriteOutcome {
	/** Runs to log that planned no job, for the caller to store in bulk (see RunWriter). */
	runs: RunRecord[];
	/** Every evaluation, logged or not, for the usage counters. */
	evaluations: Evaluated[];
	queuedInstant: boolean;
}

const BEFORE_UNKNOWN = 'the record could not be read before this update: events that compare with the before state (transitions, changes) were not detected';

/**
 * Evaluates the collection's event rules, in rule order, against one record write:
 * 1. detect the write's events once;
 * 2. per rule, the events it listens to: none, no run; a rule fires at most once per write and its
 *    run names every event it heard;
 * 3. cut the cascade at WORKFLOW_MAX_DEPTH;
 * 4. evaluate the conditions (core), then gate, run and jobs in one transaction (record-firing.ts);
 * 5. count every evaluation; log a run for all but non-matching ones (unless the rule logs all).
 * A rule whose evaluation throws becomes an `error` run; the other rules still run.
 */
export async function evaluateWrite(deps: EvaluateDeps, rules: Rule[], write: WriteToEvaluate): Promise<WriteOutcome> {
	const { collection, item, change, depth, context } = write;
	const detected = detectEvents(collection, change, { now: context.now });
	const note = isBeforeUnknown(change) ? BEFORE_UNKNOWN : null;
	const outcome: WriteOutcome = { runs: [], evaluations: [], queuedInstant: false };
	// A non-matching evaluation costs a counter, not a row, unless its rule logs every evaluation.
	const log = (run: RunRecord) => {
		outcome.evaluations.push({ rule: run.rule.id, outcome: run.outcome, at: context.now });
		if (run.outcome !== 'not_matched' || logsEveryEvaluation(run.rule, context.now)) outcome.runs.push(run);
	};

	// Read once per write, and only when a rule runs on it.
	let title: Promise<string | null> | null = null;
	const recordTitle = () => (title ??= (deps.titleOf?.(collection, change.after ?? change.before) ?? Promise.resolve(null)).catch(() => null));

	for (const rule of rules) {
		const events = eventsHeardBy(rule, detected, change);
		if (events.length === 0) continue;

		const started = performance.now();
		const base = { rule, collection, item, recordTitle: await recordTitle(), event: events[0]!, events, depth, trace: null, actions: [] };
		const elapsed = () => performance.now() - started;

		if (depth >= deps.config.maxDepth) {
			log({ ...base, outcome: 'depth_limit', matched: false, durationMs: elapsed(), message: `cascade cut: this write is ${depth} rule actions deep and WORKFLOW_MAX_DEPTH is ${deps.config.maxDepth}; the rule was not evaluated` });
			continue;
		}

		// A rule that cannot be evaluated is an error run; a firing the database could not store
		// propagates instead, so that the write's intent stays owed and is evaluated again.
		let evaluation: RuleEvaluation;
		let planned: Firing['planned'] = [];
		try {
			evaluation = evaluateRule(rule, change, context, logsEveryEvaluation(rule, context.now));
			const record = change.after ?? change.before;
			if (evaluation.matched) planned = rule.actions.map((action, index) => ({ action, index, plan: planAction(action, record, context.now, context.timeZone) }));
		} catch (error) {
			deps.onError(error, rule);
			log({ ...base, outcome: 'error', matched: false, durationMs: elapsed(), message: error instanceof Error ? error.message : String(error) });
			continue;
		}

		const { matched, matchedBefore, trace } = evaluation;
		const gate = { rule, collection, item, matched, matchedBefore };
		const unmatched = (reason: string | null): RunRecord => ({ ...base, trace, matched, outcome: matched ? 'skipped' : 'not_matched', message: [reason, note].filter(Boolean).join('; ') || null, durationMs: elapsed() });

		if (!matched) {
			// on_change remembers that the conditions went false; nothing fires.
			if (rule.execution === 'on_change') await passGate(deps.knex, gate, context.now);
			log(unmatched(null));
			continue;
		}

		const result = await recordFiring(deps.knex, deps.config, {
			run: { ...base, trace, matched, message: note, durationMs: elapsed() },
			gate,
			planned,
			writeId: write.writeId,
			previous: change.before,
			deletedRecord: change.kind === 'delete' ? change.before : null,
			writer: { user: context.userId, role: context.roleId },
		}, context.now);

		// A firing already recorded is a recovered write: its count went with the intent that is
		// still owed (counts and settling commit together), so it is counted now.
		if (result.fired || result.alreadyRecorded) outcome.evaluations.push({ rule: rule.id, outcome: 'matched', at: context.now });
		if (result.fired) outcome.queuedInstant ||= result.queuedInstant;
		else if (!result.alreadyRecorded) log(unmatched(result.reason));
	}

	return outcome;
}
