import { randomUUID } from 'node:crypto';
import type { OperationContext } from '@directus/types';
import { addDuration, durationProblem, parseDuration } from '../../core/timing/iso-duration.js';
import type { ActionType } from '../../core/rule/rule-types.js';
import { executeAction } from '../actions/execute-action.js';
import { parseActionOptions } from '../actions/parse-action-options.js';
import { actionDefinition } from '../actions/registry.js';
import { cascadeDepth } from '../engine/cascade-context.js';
import { getEngine } from '../engine/engine-registry.js';
import { readRecords } from '../engine/record-reader.js';
import { BadRequestError } from '../errors.js';
import { insertJob } from '../jobs/job-store.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { jobFields } from '../../core/engine/needed-fields.js';
import { toTagList } from '../../shared/tag-list.js';

/** Options every action operation has besides the action's own. */
export interface OperationCommonOptions {
	/** The record the action is about (`{{ $trigger.collection }}`, `{{ $trigger.key }}`), when it is about one. */
	collection?: string | null;
	key?: string | number | null;
	/** Run now and answer the action's result, instead of handing it to the durable job table. */
	wait?: boolean | null;
	/** Run it this long from now (ISO 8601 duration); durable jobs only. */
	delay?: string | null;
}

const COMMON = new Set(['collection', 'key', 'wait', 'delay']);

/**
 * The action's own options from the operation's: one the Flows editor left empty comes as null or
 * '' and is taken as absent; tags may come as comma-separated text from a `{{ }}`.
 */
function actionOptionsOf(type: ActionType, raw: Record<string, unknown>): Record<string, unknown> {
	const options = Object.fromEntries(Object.entries(raw).filter(([name, value]) => !COMMON.has(name) && value !== null && value !== undefined && value !== ''));
	if (type === 'tag') for (const name of ['add', 'remove']) if (name in options) options[name] = toTagList(options[name] as string[] | string);
	return options;
}

/**
 * A Directus Flow operation that runs one of the rule actions. By default it hands the action to
 * the durable job table (retried by error type, kept across restarts, shown with the rule jobs)
 * and answers `{ job }`; with `wait` it runs now and answers the action's result, or fails the
 * operation with the action's error. Either way the action runs as the automation user. Option
 * texts arrive rendered by Directus' own `{{ }}`: they are not templated again.
 */
export async function runActionOperation(type: ActionType, raw: Record<string, unknown>, context: OperationContext): Promise<unknown> {
	const engine = getEngine();
	if (!engine) throw new Error('the workflow engine is not running in this Directus process');
	const runtime = engine.deps;
	const definition = actionDefinition(type);
	if (!definition) throw new BadRequestError({ field: 'type', problem: `action type "${type}" is not available in this version` });

	const common = raw as OperationCommonOptions;
	const options = actionOptionsOf(type, raw);
	const parsed = parseActionOptions(definition, options);
	if (!parsed.ok) throw new BadRequestError({ field: parsed.issues[0]!.path, problem: parsed.issues.map(({ path, problem }) => `${path}: ${problem}`).join('; ') });

	const collection = common.collection ? String(common.collection) : null;
	const item = common.key === null || common.key === undefined || common.key === '' ? null : String(common.key);
	if ((collection === null) !== (item === null)) throw new BadRequestError({ field: collection ? 'key' : 'collection', problem: 'collection and key go together: both name the record, or neither' });
	const flow = context.flow?.id ?? 'unknown';
	const idempotencyKey = `flow:${flow}:${randomUUID()}`;
	const now = new Date();

	if (common.wait) {
		if (common.delay) throw new BadRequestError({ field: 'delay', problem: 'a delay needs the durable job: turn "wait for the result" off' });
		const schema = await runtime.getSchema();
		const records = collection && item !== null && collectionOf(schema, collection) ? await readRecords(runtime.services.ItemsService, schema, collection, [item], jobFields(null, definition.fields(parsed.options as never))) : new Map();
		return executeAction(runtime, { definition, options: parsed.options, rule: null, collection, item, record: item === null ? null : (records.get(item) ?? null), previous: null, event: 'flow', idempotencyKey, source: `flow ${flow}`, liquid: false, depth: cascadeDepth() + 1, now });
	}

	// The job row keeps the options: a literal secret would be readable by whoever may read jobs.
	const secret = options['secret'];
	if (typeof secret === 'string' && !secret.startsWith('$env.')) throw new BadRequestError({ field: 'secret', problem: 'a durable job keeps its options: write the secret as $env.NAME, or wait for the result' });

	let dueAt = now;
	if (common.delay) {
		const duration = parseDuration(String(common.delay));
		if (!duration) throw new BadRequestError({ field: 'delay', problem: durationProblem(String(common.delay)) ?? 'must be an ISO 8601 duration such as PT10M' });
		dueAt = addDuration(now, duration);
	}
	const job = await insertJob(runtime.knex, {
		run: null,
		rule: null,
		actionIndex: 0,
		actionType: type,
		timing: common.delay ? `after ${common.delay}` : 'instant',
		collection: collection ?? '',
		item: item ?? '',
		event: 'flow',
		dueAt,
		maxAttempts: runtime.config.maxAttempts,
		depth: cascadeDepth() + 1,
		context: { event: 'flow', previous: null, record: null, action: { type, timing: { type: 'instant' }, options } as never },
		idempotencyKey,
	}, now);
	engine.worker.nudge();
	return { job };
}
