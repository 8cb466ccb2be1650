import type { Knex } from 'knex';
import { evaluateFilter, type ConditionTrace } from '../../core/conditions/index.js';
import { detectEvents, listensTo, type RecordChange } from '../../core/events/index.js';
import type { Rule } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import { insertJob } from '../jobs/job-store.js';
import { insertRun, type PlannedAction, type RunRecord } from '../runs/run-log.js';
import { passGate } from './execution-gate.js';
import { planAction, timingLabel } from './plan-actions.js';

export interface WriteToEvaluate {
	collection: string;
	item: string;
	change: RecordChange;
	depth: number;
	now: Date;
}

export interface EvaluateDeps {
	knex: Knex;
	config: EngineConfig;
	onError: (error: unknown, rule: Rule) => void;
	/** Logs the runs that planned no job (see RunWriter). */
	writeRuns: (runs: RunRecord[], now: Date) => Promise<void>;
}

/**
 * Detects the events of one record write and evaluates the collection's event rules against it,
 * in rule order: one run row per (event, listening rule), and for each rule that fires, its run
 * and the jobs of its actions in one transaction. Returns whether an instant job was queued.
 * A rule that throws becomes an `error` run; the other rules still run.
 */
export async function evaluateWrite(deps: EvaluateDeps, rules: Rule[], write: WriteToEvaluate): Promise<boolean> {
	const { knex, config } = deps;
	const { collection, item, change, depth, now } = write;
	const record = change.after ?? change.before ?? {};
	const withoutJobs: RunRecord[] = [];
	let queuedInstant = false;

	for (const event of detectEvents(collection, change, { now })) {
		for (const rule of rules) {
			if (rule.trigger.type !== 'event' || !listensTo(rule.trigger, event, change)) continue;

			const started = performance.now();
			const base = { rule, collection, item, event, depth, trace: null, actions: [] as PlannedAction[] };
			const elapsed = () => performance.now() - started;

			if (depth >= config.maxDepth) {
				withoutJobs.push({ ...base, outcome: 'depth_limit', matched: false, durationMs: elapsed(), message: `cascade cut: this write is ${depth} rule actions deep and WORKFLOW_MAX_DEPTH is ${config.maxDepth}; the rule was not evaluated` });
				continue;
			}

			try {
				const context = { now };
				const current = evaluateFilter(rule.conditions, record, context);
				const previous = rule.previous_conditions ? (change.before ? evaluateFilter(rule.previous_conditions, change.before, context) : { result: false, trace: null }) : null;
				const matched = current.result && (previous?.result ?? true);
				const matchedBefore = rule.execution === 'on_change' && change.before ? evaluateFilter(rule.conditions, change.before, context).result : null;
				const trace: { conditions: ConditionTrace | null; previous_conditions?: ConditionTrace | null } = { conditions: current.trace, ...(previous ? { previous_conditions: previous.trace } : {}) };
				const gate = await passGate(knex, { rule, collection, item, matched, matchedBefore }, now);

				if (!gate.fire) {
					withoutJobs.push({ ...base, trace, matched, outcome: matched ? 'skipped' : 'not_matched', message: gate.reason ?? null, durationMs: elapsed() });
					continue;
				}

				const planned = rule.actions.map((action, index) => ({ action, index, plan: planAction(action, record, now) }));
				const actions: PlannedAction[] = planned.map(({ action, index, plan }) => ({
					index,
					type: action.type,
					timing: timingLabel(action),
					due_at: plan.dueAt?.toISOString() ?? null,
					status: plan.dueAt ? 'scheduled' : 'skipped',
					...(plan.skip ? { message: plan.skip } : {}),
				}));

				await knex.transaction(async (trx) => {
					const run = await insertRun(trx, { ...base, trace, matched, outcome: 'matched', actions, durationMs: elapsed() }, now);
					for (const { action, index, plan } of planned) {
						if (!plan.dueAt) continue;
						await insertJob(trx, {
							run,
							rule: rule.id,
							actionIndex: index,
							actionType: action.type,
							timing: timingLabel(action),
							collection,
							item,
							event,
							dueAt: plan.dueAt,
							maxAttempts: config.maxAttempts,
							depth: depth + 1,
							context: { event, previous: change.before, record: change.kind === 'delete' ? change.before : null },
							idempotencyKey: `${rule.id}:${collection}:${item}:${run}:${index}`,
						}, now);
						if (action.timing.type === 'instant') queuedInstant = true;
					}
				});
			} catch (error) {
				deps.onError(error, rule);
				withoutJobs.push({ ...base, outcome: 'error', matched: false, durationMs: elapsed(), message: error instanceof Error ? error.message : String(error) });
			}
		}
	}

	await deps.writeRuns(withoutJobs, now);
	return queuedInstant;
}
