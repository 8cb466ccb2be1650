import { isEngineCollection } from '../../core/rule/engine-collections.js';
import { announceFailedJobs } from '../runs/failure-notice.js';
import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { evaluationContext, type EvaluationContext } from '../../core/engine/evaluation-context.js';
import { afterFields, beforeFields } from '../../core/engine/needed-fields.js';
import { recoveredChange } from '../../core/engine/recovered-change.js';
import type { RecordChange } from '../../core/events/index.js';
import type { Rule } from '../../core/rule/rule-types.js';
import { readCrmSettings } from '../catalogue/crm-settings.js';
import { followedFields, followRecord, mayMoveJobs } from '../jobs/follow-record.js';
import { JobWorker } from '../jobs/worker.js';
import { RuleCache } from '../rules/rule-cache.js';
import { expireTraceSwitches } from '../rules/trace-switch.js';
import { purgeRuns } from '../runs/run-log.js';
import { RunWriter, type EvaluatedWrites } from '../runs/run-writer.js';
import { TriggerTicks } from '../triggers/trigger-ticks.js';
import { collectionOf } from '../rules/schema-info-adapter.js';
import { takeBefore, rememberBefore, type Item } from './before-state.js';
import { BatchedReader } from './batched-reader.js';
import { cascadeDepth } from './cascade-context.js';
import { evaluateWrite, type EvaluateDeps } from './evaluate-write.js';
import { RecordTitles } from '../runs/record-titles.js';
import { markOverdue } from './overdue.js';
import { readRecords } from './record-reader.js';
import { acquireSweepLease } from './sweep-lease.js';
import { claimStaleIntents, createWriteId, recordIntents, type Settled, type WriteIntent } from './write-intents.js';
import type { Runtime } from '../runtime.js';

/** Who made a write, as Directus' accountability says; null for the system. */
export interface Writer {
	user?: string | null;
	role?: string | null;
	admin?: boolean;
}

type Key = string | number;

interface EventRules {
	rules: Rule[];
	/** Relational paths to read after a write, and before one. */
	readAfter: string[];
	readBefore: string[];
	/** Fields scheduled actions are relative to: writes to them move the record's pending jobs. */
	followed: string[];
}
const NO_RULES: EventRules = { rules: [], readAfter: [], readBefore: [], followed: [] };

/** A write's payload when it is one item's values (not a list of keys, not a batch). */
function payloadObject(payload: unknown): Item | null {
	return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Item) : null;
}

/** The fields a write sent. */
function writtenFields(payload: unknown): string[] {
	return Object.keys(payloadObject(payload) ?? {});
}

export { isEngineCollection };

/**
 * The server runtime: observes writes (before state and intent in filter hooks, evaluation in
 * action hooks), owns the rule cache and the job worker, and evaluates the writes a crashed
 * process left owed. One per Directus process.
 */
export class WorkflowEngine {
	readonly rules: RuleCache;
	readonly worker: JobWorker;
	readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	private readonly reader: BatchedReader;
	private readonly runWriter: RunWriter;
	private readonly evaluateDeps: EvaluateDeps;
	private readonly derived = new WeakMap<Rule[], EventRules>();
	/** The CRM time zone scheduled actions are planned in: read on every poll and when the settings change. */
	private timeZone = 'UTC';
	/** Writes of this process that committed (their action hook ran) and are being evaluated. */
	private readonly evaluating = new Set<string>();
	/** Writes of this process whose evaluation is under way: recovery leaves them to it. */
	private readonly inFlight = new Map<string, number>();

	constructor(readonly deps: Runtime) {
		this.rules = new RuleCache(deps.knex);
		this.reader = new BatchedReader(deps.services.ItemsService);
		this.runWriter = new RunWriter(deps.knex, () => ({ owner: this.instance, evaluating: this.evaluating }));
		const titles = new RecordTitles(deps.knex);
		this.evaluateDeps = {
			knex: deps.knex,
			config: deps.config,
			onError: (error, rule) => deps.logger.warn(error, `[workflow-rules] rule "${rule.name}" failed`),
			titleOf: (collection, record) => titles.titleOf(collection, record),
		};
		const triggers = new TriggerTicks(deps, this.rules, () => this.timeZone);
		// A sweep's lease outlives a few polls, so that a slow sweep is not taken over mid-way.
		const sweepLeaseMs = Math.max(5_000, deps.config.pollIntervalMs * 5);
		this.worker = new JobWorker({ runtime: deps, owner: this.instance }, deps.config, {
			beforeJobs: async () => {
				await this.rules.refreshIfChanged();
				await this.refreshTimeZone();
				await this.recoverOwedWrites();
				// One instance sweeps at a time, so each record's `overdue` event fires once.
				if (await acquireSweepLease(deps.knex, 'overdue', this.instance, sweepLeaseMs)) {
					await markOverdue({ knex: deps.knex, ItemsService: deps.services.ItemsService, emitter: deps.emitter }, await deps.getSchema(), deps.config.callOverdueMinutes);
				}
				// Date and schedule triggers: one instance at a time too (each firing is also keyed, should leases overlap).
				const triggersLease = () => acquireSweepLease(deps.knex, 'triggers', this.instance, sweepLeaseMs);
				if ((await triggers.hasRules()) && (await triggersLease()) && (await triggers.tick(triggersLease))) this.worker.nudge();
			},
			hourly: async () => {
				await expireTraceSwitches(deps.knex);
				const purged = await purgeRuns(deps.knex, deps.config.runRetentionDays);
				if (purged > 0) deps.logger.info(`[workflow-rules] purged ${purged} runs older than ${deps.config.runRetentionDays} days`);
			},
			onError: (error, where) => deps.logger.error(error, `[workflow-rules] worker ${where} failed`),
			onFailed: (ids) => void announceFailedJobs(deps, ids).catch((error: unknown) => deps.logger.error(error, `[workflow-rules] could not notify the owners of failed jobs ${ids.join(', ')}`)),
		});
	}

	/** Reads the CRM time zone again (its settings changed, or a poll). */
	async refreshTimeZone(): Promise<void> {
		this.timeZone = (await readCrmSettings(this.deps.knex)).timezone;
	}

	private readonly intentError = (error: unknown) => this.deps.logger.error(error, '[workflow-rules] recording a write\'s owed evaluation failed; if this process stops before evaluating it, the write is not evaluated');

	/** A collection's event rules and the fields they read, derived once per load of the rule cache. */
	private async eventRules(collection: string, connection?: Knex): Promise<EventRules> {
		if (isEngineCollection(collection)) return NO_RULES;
		const loaded = await this.rules.forCollection(collection, connection);
		let derived = this.derived.get(loaded);
		if (!derived) {
			const rules = loaded.filter((rule) => rule.trigger.type === 'event');
			derived = { rules, readAfter: afterFields(rules), readBefore: beforeFields(rules), followed: followedFields(rules) };
			this.derived.set(loaded, derived);
		}
		return derived;
	}

	/**
	 * Filter hook of creates, inside the write's transaction: records that the new record's
	 * evaluation is owed, so the intent commits or rolls back with the record. The key must be
	 * known to name the intent: a uuid key missing from the payload is chosen here, for writes by
	 * the system or an admin only, whose payload no field permission can refuse; other creates are
	 * evaluated as usual, without an intent.
	 */
	async captureCreate(collection: string, payload: unknown, database: Knex, schema: SchemaOverview, writer: Writer | null): Promise<void> {
		const record = payloadObject(payload);
		const overview = collectionOf(schema, collection);
		if (!record || !overview || (await this.eventRules(collection, database)).rules.length === 0) return;

		const primaryKey = overview.primary;
		if (record[primaryKey] === undefined || record[primaryKey] === null) {
			if (overview.fields[primaryKey]?.type !== 'uuid' || (writer && !writer.admin)) return;
			record[primaryKey] = randomUUID();
		}
		const key = String(record[primaryKey]);
		this.inFlight.set(createWriteId(collection, key), Date.now());
		await recordIntents(database, { writeId: createWriteId(collection, key), collection, kind: 'create', records: [[key, null]], written: Object.keys(record), user: writer?.user ?? null, role: writer?.role ?? null, depth: cascadeDepth() }, this.instance, this.deps.config.intentLeaseMs, new Date(), this.intentError);
	}

	/** Filter hook of updates and deletes: the records as they are before the write, and the write's intents. */
	async captureBefore(kind: 'update' | 'delete', collection: string, handle: unknown, keys: Key[], payload: unknown, database: Knex, schema: SchemaOverview, writer: Writer | null): Promise<void> {
		const { rules, readBefore } = await this.eventRules(collection, database);
		if (rules.length === 0 || typeof handle !== 'object' || handle === null || !collectionOf(schema, collection)) return;
		const records = await readRecords(this.deps.services.ItemsService, schema, collection, keys, readBefore, database);
		const written = kind === 'update' ? writtenFields(payload) : [];
		const at = new Date();
		const writeId = await recordIntents(database, { collection, kind, records: keys.map((key) => [String(key), records.get(String(key)) ?? null]), written, user: writer?.user ?? null, role: writer?.role ?? null, depth: cascadeDepth() }, this.instance, this.deps.config.intentLeaseMs, at, this.intentError);
		this.inFlight.set(writeId, at.getTime());
		rememberBefore(handle, { writeId, at, records });
	}

	/** Action hook of creates, updates and deletes: evaluate the rules for every record written. */
	async afterWrite(kind: RecordChange['kind'], collection: string, keys: Key[], handle: unknown, payload: unknown, writeSchema: SchemaOverview | null, writer: Writer | null): Promise<void> {
		const captured = kind === 'create' ? null : takeBefore(handle);
		if (captured) this.evaluating.add(captured.writeId);
		try {
			const { rules, readAfter, followed } = await this.eventRules(collection);
			if (rules.length === 0) return;

			// The schema the write ran with; building a fresh overview per write would cost more than the evaluation.
			const schema = writeSchema ?? (await this.deps.getSchema());
			if (!collectionOf(schema, collection)) return;

			const context = evaluationContext({ userId: writer?.user ?? null, roleId: writer?.role ?? null, timeZone: this.timeZone });
			const after = kind === 'delete' ? new Map<string, Item>() : await this.reader.read(schema, collection, keys.map(String), readAfter);
			const written = kind === 'delete' ? [] : writtenFields(payload);
			const writeIdOf = (key: string) => (kind === 'create' ? createWriteId(collection, key) : (captured?.writeId ?? randomUUID()));
			const changes = keys.map(String).map((key) => ({ key, writeId: writeIdOf(key), change: { kind, before: captured?.records.get(key) ?? null, after: after.get(key) ?? null, written } as RecordChange }));
			const settle: Settled[] = kind === 'create'
				? changes.map(({ writeId }) => ({ writeId, collection, items: [], at: context.now }))
				: captured ? [{ writeId: captured.writeId, collection, items: keys.map(String), at: captured.at }] : [];
			await this.evaluate(collection, { rules, followed }, changes.filter(({ change }) => kind === 'delete' || change.after), cascadeDepth(), context, settle);
		} finally {
			if (captured) {
				this.inFlight.delete(captured.writeId);
				this.evaluating.delete(captured.writeId);
			}
			if (kind === 'create') for (const key of keys) this.inFlight.delete(createWriteId(collection, String(key)));
		}
	}

	/**
	 * Evaluates writes' changes and moves the pending jobs that follow their records, then stores
	 * their runs and settles their intents together: a recovered write does both too.
	 */
	private async evaluate(collection: string, { rules, followed }: Pick<EventRules, 'rules' | 'followed'>, changes: { key: string; writeId: string; change: RecordChange }[], depth: number, context: EvaluationContext, settle: Settled[]): Promise<void> {
		const stored: EvaluatedWrites = { runs: [], evaluations: [], now: context.now, settle };
		let queued = false;
		for (const { key, writeId, change } of changes) {
			const outcome = await evaluateWrite(this.evaluateDeps, rules, { collection, item: key, change, depth, context, writeId });
			stored.runs.push(...outcome.runs);
			stored.evaluations.push(...outcome.evaluations);
			queued ||= outcome.queuedInstant;
			if (change.kind !== 'create') await this.followRecord(collection, key, change, followed, context);
		}
		await this.runWriter.write(stored);
		if (queued) this.worker.nudge();
	}

	/** A write that moves, cancels or deletes a record takes its pending reminders along (see follow-record.ts). */
	private async followRecord(collection: string, item: string, change: RecordChange, followed: string[], context: EvaluationContext): Promise<void> {
		const write = { collection, item, kind: change.kind as 'update' | 'delete', written: change.written };
		if (!mayMoveJobs(write, followed)) return;
		const done = await followRecord({ knex: this.deps.knex, ItemsService: this.deps.services.ItemsService }, await this.deps.getSchema(), write, context.timeZone, context.now);
		if (done.moved + done.cancelled + done.skipped > 0) this.deps.logger.debug(done, `[workflow-rules] pending jobs of ${collection} ${item} followed the record`);
	}

	/** Writes whose process died before evaluating them: evaluated from the record as it now is. */
	async recoverOwedWrites(): Promise<number> {
		const { knex, config } = this.deps;
		// Writes refused after the filter hooks never reach afterWrite: forget them after a while.
		for (const [writeId, at] of this.inFlight) if (Date.now() - at > 10 * config.intentLeaseMs) this.inFlight.delete(writeId);

		const intents = (await claimStaleIntents(knex, this.instance, config.intentLeaseMs, 50)).filter((intent) => !this.inFlight.has(intent.writeId));
		for (const intent of intents) {
			try {
				await this.recover(intent);
			} catch (error) {
				this.deps.logger.error(error, `[workflow-rules] recovering the evaluation of a ${intent.kind} on ${intent.collection} failed; it will be tried again`);
			}
		}
		if (intents.length > 0) this.deps.logger.info(`[workflow-rules] recovered ${intents.length} record write(s) whose evaluation a stopped process left owed`);
		return intents.length;
	}

	private async recover(intent: WriteIntent): Promise<void> {
		const { rules, readAfter, followed } = await this.eventRules(intent.collection);
		const schema = await this.deps.getSchema();
		const changes: { key: string; writeId: string; change: RecordChange }[] = [];
		if (rules.length > 0 && collectionOf(schema, intent.collection)) {
			const now = await readRecords(this.deps.services.ItemsService, schema, intent.collection, [intent.item], readAfter);
			const change = recoveredChange({ kind: intent.kind, before: intent.before, written: intent.written }, now.get(intent.item) ?? null);
			if (change) changes.push({ key: intent.item, writeId: intent.writeId, change });
		}
		const settle: Settled = { intentId: intent.id, collection: intent.collection, items: intent.kind === 'create' ? [] : [intent.item], at: intent.createdAt };
		await this.evaluate(intent.collection, { rules, followed }, changes, intent.depth, evaluationContext({ userId: intent.user, roleId: intent.role, timeZone: this.timeZone }), [settle]);
	}
}
