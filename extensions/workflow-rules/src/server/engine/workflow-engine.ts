import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import type { RecordChange } from '../../core/events/index.js';
import type { Rule } from '../../core/rule/rule-types.js';
import type { EngineConfig } from '../config.js';
import { JobWorker } from '../jobs/worker.js';
import { RuleCache } from '../rules/rule-cache.js';
import { purgeRuns } from '../runs/run-log.js';
import { takeBefore, rememberBefore, type Item } from './before-state.js';
import { cascadeDepth } from './cascade-context.js';
import { evaluateWrite, type EvaluateDeps } from './evaluate-write.js';
import { afterFields, beforeFields } from './needed-fields.js';
import { markOverdue } from './overdue.js';
import { acquireSweepLease } from './sweep-lease.js';
import { readRecords, type ItemsServiceClass } from './record-reader.js';
import { BatchedReader } from './batched-reader.js';
import { RunWriter } from '../runs/run-writer.js';
import type { ActionEmitter } from '../automation/held-events.js';

export interface Logger {
	info(obj: unknown, msg?: string): void;
	warn(obj: unknown, msg?: string): void;
	error(obj: unknown, msg?: string): void;
	debug(obj: unknown, msg?: string): void;
}

export interface EngineDeps {
	knex: Knex;
	getSchema: () => Promise<SchemaOverview>;
	ItemsService: ItemsServiceClass;
	emitter: ActionEmitter;
	logger: Logger;
	config: EngineConfig;
}

/** The engine's own collections never trigger rules: their writes are the engine's bookkeeping. */
export function isEngineCollection(collection: string): boolean {
	return collection.startsWith('directus_') || collection.startsWith('workflow_');
}

/**
 * The server runtime: observes writes (before state in filter hooks, evaluation in action hooks),
 * owns the rule cache and the job worker. One per Directus process.
 */
export class WorkflowEngine {
	readonly rules: RuleCache;
	readonly worker: JobWorker;
	readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	private readonly reader: BatchedReader;
	private readonly runWriter: RunWriter;
	private readonly evaluateDeps: EvaluateDeps;

	constructor(private readonly deps: EngineDeps) {
		this.rules = new RuleCache(deps.knex);
		this.reader = new BatchedReader(deps.ItemsService);
		this.runWriter = new RunWriter(deps.knex);
		this.evaluateDeps = {
			knex: deps.knex,
			config: deps.config,
			onError: (error, rule) => deps.logger.warn(error, `[workflow-rules] rule "${rule.name}" failed`),
			writeRuns: (runs, now) => this.runWriter.write(runs, now),
		};
		this.worker = new JobWorker({ knex: deps.knex, getSchema: deps.getSchema, ItemsService: deps.ItemsService, emitter: deps.emitter, owner: this.instance }, deps.config, {
			beforeJobs: async () => {
				await this.rules.refreshIfChanged();
				// One instance sweeps at a time, so each record's `overdue` event fires once.
				if (await acquireSweepLease(deps.knex, 'overdue', this.instance, Math.max(5_000, deps.config.pollIntervalMs * 5))) {
					await markOverdue(deps, await deps.getSchema(), deps.config.callOverdueMinutes);
				}
			},
			hourly: async () => {
				const purged = await purgeRuns(deps.knex, deps.config.runRetentionDays);
				if (purged > 0) deps.logger.info(`[workflow-rules] purged ${purged} runs older than ${deps.config.runRetentionDays} days`);
			},
			onError: (error, where) => deps.logger.error(error, `[workflow-rules] worker ${where} failed`),
		});
	}

	private async eventRules(collection: string, database?: Knex): Promise<Rule[]> {
		if (isEngineCollection(collection)) return [];
		return (await this.rules.forCollection(collection, database)).filter((rule) => rule.trigger.type === 'event');
	}

	/** Filter hook of updates and deletes: remember the records as they are before the write. */
	async captureBefore(collection: string, handle: unknown, keys: (string | number)[], database: Knex, schema: SchemaOverview): Promise<void> {
		const rules = await this.eventRules(collection, database);
		if (rules.length === 0 || typeof handle !== 'object' || handle === null || !schema.collections[collection]) return;
		rememberBefore(handle, await readRecords(this.deps.ItemsService, schema, collection, keys, beforeFields(rules), database));
	}

	/** Action hook of creates, updates and deletes: evaluate the rules for every record written. */
	async afterWrite(kind: RecordChange['kind'], collection: string, keys: (string | number)[], handle: unknown, payload: unknown, writeSchema: SchemaOverview | null): Promise<void> {
		const before = kind === 'create' ? new Map<string, Item>() : takeBefore(handle);
		const rules = await this.eventRules(collection);
		if (rules.length === 0) return;

		// The schema the write ran with; building a fresh overview per write would cost more than the evaluation.
		const schema = writeSchema ?? (await this.deps.getSchema());
		if (!schema.collections[collection]) return;

		const depth = cascadeDepth();
		const now = new Date();
		const after = kind === 'delete' ? new Map<string, Item>() : await this.reader.read(schema, collection, keys.map(String), afterFields(rules));
		const written = kind === 'delete' || typeof payload !== 'object' || payload === null || Array.isArray(payload) ? [] : Object.keys(payload);
		let queued = false;

		for (const key of keys.map(String)) {
			const change: RecordChange = { kind, before: before.get(key) ?? null, after: after.get(key) ?? null, written };
			if (kind !== 'delete' && !change.after) continue; // gone again before we could read it
			queued = (await evaluateWrite(this.evaluateDeps, rules, { collection, item: key, change, depth, now })) || queued;
		}

		if (queued) this.worker.nudge();
	}
}
