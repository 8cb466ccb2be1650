import type { Rule } from '../../core/rule/rule-types.js';
import type { RuleCache } from '../rules/rule-cache.js';
import type { Runtime } from '../runtime.js';
import { dateTick } from './date-tick.js';
import { scheduleTick } from './schedule-tick.js';
import type { TickDeps } from './tick-deps.js';
import { forgetCursors, type TriggerKind } from './trigger-cursor.js';

/**
 * The date and schedule triggers' share of each worker poll, run by one instance at a time (the
 * caller holds the sweep lease). Returns whether instant jobs were queued, for the worker to run
 * them at once.
 */
export class TriggerTicks {
	/** The active rules of each kind at the last tick: when they change, cursors of rules no longer active are dropped. */
	private readonly known: Record<TriggerKind, string | null> = { date: null, schedule: null };

	/** `timeZone` answers the CRM time zone the engine keeps (read on every poll). */
	constructor(private readonly runtime: Runtime, private readonly rules: RuleCache, private readonly timeZone: () => string) {}

	/**
	 * Whether any date or schedule rule is active (the caller takes the lease only then, so that a
	 * project without them pays nothing per poll). Drops the cursors of rules no longer active.
	 */
	async hasRules(): Promise<boolean> {
		const { date, schedule } = await this.activeRules();
		await this.forgetInactive('date', date);
		await this.forgetInactive('schedule', schedule);
		return date.length > 0 || schedule.length > 0;
	}

	/** `renewLease` extends the caller's lease: called between batches of a long tick. */
	async tick(renewLease: () => Promise<unknown>, now = new Date()): Promise<boolean> {
		const { knex, logger } = this.runtime;
		const { date, schedule } = await this.activeRules();
		if (date.length === 0 && schedule.length === 0) return false;

		const deps: TickDeps = {
			knex,
			config: this.runtime.config,
			ItemsService: this.runtime.services.ItemsService,
			schema: await this.runtime.getSchema(),
			timeZone: this.timeZone(),
			renewLease,
			onError: (error, rule) => logger.error(error, `[workflow-rules] ${rule.trigger.type} rule "${rule.name}" failed this tick; its window is tried again next tick`),
		};

		let started = performance.now();
		const dated = await dateTick(deps, date, now);
		if (date.length > 0) logger.debug(`[workflow-rules] date tick: ${date.length} rule(s), ${dated.candidates} candidate record(s), ${dated.fired} firing(s) in ${(performance.now() - started).toFixed(1)} ms`);
		started = performance.now();
		const scheduled = await scheduleTick(deps, schedule, now);
		if (schedule.length > 0) logger.debug(`[workflow-rules] schedule tick: ${schedule.length} rule(s), ${scheduled.candidates} record(s), ${scheduled.fired} firing(s) in ${(performance.now() - started).toFixed(1)} ms`);
		return dated.queuedInstant || scheduled.queuedInstant;
	}

	private async activeRules(): Promise<Record<TriggerKind, Rule[]>> {
		const active = await this.rules.active();
		return { date: active.filter((rule) => rule.trigger.type === 'date'), schedule: active.filter((rule) => rule.trigger.type === 'schedule') };
	}

	private async forgetInactive(kind: TriggerKind, rules: Rule[]): Promise<void> {
		const ids = rules.map((rule) => rule.id).sort();
		const fingerprint = ids.join(',');
		if (this.known[kind] === fingerprint) return;
		await forgetCursors(this.runtime.knex, kind, ids);
		this.known[kind] = fingerprint;
	}
}
