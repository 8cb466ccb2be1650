import type { EngineConfig } from '../config.js';
import { claimDueJobs, failSpentJobs, nextDueAt, releaseJobs, type Job } from './job-store.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { runJob, type JobRunnerDeps } from './run-job.js';
import { startWake, type Wake } from './wake.js';

export interface WorkerHooks {
	/** Work done on every poll before jobs are claimed (rule cache refresh, overdue checks). */
	beforeJobs: () => Promise<void>;
	/** Work done at most once an hour (run retention). */
	hourly: () => Promise<void>;
	onError: (error: unknown, where: string) => void;
	/** Jobs that just ended `failed` (attempts spent, a permanent error, or crashed): announced to their rule's owner. */
	onFailed?: (ids: number[]) => void;
}

/**
 * Runs the due jobs of the job table, WORKFLOW_CONCURRENCY of them at a time: it claims only as
 * many as it has free slots (so no claimed job waits behind others while its lease runs), and
 * claims again as slots free up while due jobs remain. Every WORKFLOW_POLL_INTERVAL_MS a poll runs
 * the periodic work and claims; `nudge()` claims at once when a write queued an instant job (and
 * wakes the other instances); `wakeUp()` is another instance's nudge arriving.
 */
export class JobWorker {
	private timer: NodeJS.Timeout | null = null;
	/** Claims when the next job falls due before the next poll. */
	private dueTimer: NodeJS.Timeout | null = null;
	private busy = false;
	private again = false;
	private lastHourly = 0;
	private stopped = false;
	private claiming = false;
	private claimAgain = false;
	/** The last claim filled every free slot: more jobs may be due. */
	private moreDue = false;
	private readonly active = new Map<number, Promise<void>>();
	/** The last job of each record this instance is running (see `launch`). */
	private readonly lanes = new Map<string, Promise<void>>();
	private readonly heartbeat: LeaseHeartbeat;
	private wake: Wake | null = null;

	constructor(private readonly deps: JobRunnerDeps, private readonly config: EngineConfig, private readonly hooks: WorkerHooks) {
		this.heartbeat = new LeaseHeartbeat({
			knex: deps.runtime.knex,
			owner: deps.owner,
			leaseMs: config.jobLeaseMs,
			onLost: (id) => deps.runtime.logger.warn(`[workflow-rules] job ${id} was taken by another instance while this one (${deps.owner}) ran it: its lease ran out before it could be renewed; this run's result is dropped`),
			onError: (error) => hooks.onError(error, 'renewing job leases'),
		});
	}

	get running(): boolean {
		return this.timer !== null;
	}

	/** How many jobs this instance is running now. */
	get runningJobs(): number {
		return this.active.size;
	}

	start(): void {
		this.stopped = false;
		const { runtime, owner } = this.deps;
		this.wake ??= startWake({ knex: runtime.knex, env: runtime.env, instance: owner, onWake: () => this.wakeUp(), onError: (error, where) => runtime.logger.warn(error, `[workflow-rules] ${where} failed; other instances find new jobs at their next poll`) });
		this.timer ??= setInterval(() => void this.poll(), this.config.pollIntervalMs);
		this.timer.unref();
		void this.poll();
	}

	/** Stops claiming; the jobs under way finish (their leases kept) on their own. */
	stop(): void {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		if (this.dueTimer) clearTimeout(this.dueTimer);
		this.dueTimer = null;
		void this.wake?.close();
		this.wake = null;
	}

	/**
	 * Graceful stop (SIGTERM): no more claims, the running jobs get `graceMs` to finish, and the ones
	 * still running then go back to the queue, pending and free, for another instance or the
	 * restart to take at once instead of after their lease. Answers how many were handed back.
	 */
	async shutdown(graceMs: number): Promise<number> {
		this.stop();
		const running = [...this.active.values()];
		if (running.length === 0) return 0;
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([Promise.allSettled(running), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
		clearTimeout(timer);
		const left = this.heartbeat.ids();
		if (left.length === 0) return 0;
		// Handed back: no longer renewed, and their late results are dropped as another instance's.
		for (const id of left) this.heartbeat.remove(id);
		return releaseJobs(this.deps.runtime.knex, left, this.deps.owner);
	}

	/** A write queued jobs due now: claim at once here, and wake the other instances. */
	nudge(): void {
		if (this.stopped) return;
		this.wake?.announce();
		this.wakeUp();
	}

	/** Claims due jobs now (another instance queued some). */
	wakeUp(): void {
		if (!this.stopped) setImmediate(() => void this.guard('jobs', () => this.claim()));
	}

	async poll(): Promise<void> {
		if (this.busy) {
			this.again = true;
			return;
		}

		this.busy = true;
		try {
			do {
				this.again = false;
				await this.guard('before jobs', this.hooks.beforeJobs);
				await this.guard('ending crashed jobs', () => this.failSpent());
				await this.guard('jobs', () => this.claim());
				await this.guard('next due job', () => this.wakeWhenDue());
				if (Date.now() - this.lastHourly > 3_600_000) {
					this.lastHourly = Date.now();
					await this.guard('hourly', this.hooks.hourly);
				}
			} while (this.again && !this.stopped);
		} finally {
			this.busy = false;
		}
	}

	/** A job due before the next poll is claimed when it falls due, not up to a poll interval later. */
	private async wakeWhenDue(): Promise<void> {
		const now = new Date();
		const next = await nextDueAt(this.deps.runtime.knex, now, new Date(now.getTime() + this.config.pollIntervalMs));
		if (!next || this.stopped) return;
		if (this.dueTimer) clearTimeout(this.dueTimer);
		this.dueTimer = setTimeout(() => {
			this.dueTimer = null;
			this.wakeUp();
		}, Math.max(0, next.getTime() - Date.now()));
		this.dueTimer.unref();
	}

	private async failSpent(): Promise<void> {
		const spent = await failSpentJobs(this.deps.runtime.knex);
		for (const { id, attempts } of spent) {
			this.deps.runtime.logger.warn(`[workflow-rules] job ${id} failed: the process running it stopped before it finished, ${attempts} time(s), all its attempts; it is not run again`);
		}
		if (spent.length > 0) this.hooks.onFailed?.(spent.map(({ id }) => id));
	}

	/** Fills the free slots with due jobs, again while claims come back full. Claims never overlap. */
	private async claim(): Promise<void> {
		if (this.claiming) {
			this.claimAgain = true;
			return;
		}
		this.claiming = true;
		try {
			do {
				this.claimAgain = false;
				for (;;) {
					const free = Math.min(this.config.concurrency - this.active.size, this.config.jobBatchSize);
					if (free <= 0 || this.stopped) break;
					const jobs = await claimDueJobs(this.deps.runtime.knex, this.deps.owner, this.config.jobLeaseMs, free);
					for (const job of jobs) this.launch(job);
					this.moreDue = jobs.length === free;
					if (!this.moreDue) break;
				}
			} while (this.claimAgain && !this.stopped);
		} finally {
			this.claiming = false;
		}
	}

	private launch(job: Job): void {
		this.heartbeat.add(job.id);
		// Jobs of one record claimed together run one after the other, in their claim order.
		const lane = job.item ? `${job.collection}\u0000${job.item}` : null;
		const before = (lane && this.lanes.get(lane)) || Promise.resolve();
		const run = before.then(() => runJob(this.deps, job));
		if (lane) {
			const settled = run.then(() => undefined, () => undefined);
			this.lanes.set(lane, settled);
			void settled.then(() => {
				if (this.lanes.get(lane) === settled) this.lanes.delete(lane);
			});
		}
		const done = run
			.then((outcome) => {
				if (outcome === 'failed') this.hooks.onFailed?.([job.id]);
			}, (error: unknown) => this.hooks.onError(error, `job ${job.id}`))
			.finally(() => {
				this.active.delete(job.id);
				this.heartbeat.remove(job.id);
				// Completions of the same moment share one claim.
				if (this.moreDue && !this.stopped) setImmediate(() => void this.guard('jobs', () => this.claim()));
			});
		this.active.set(job.id, done);
	}

	private async guard(where: string, work: () => Promise<void>): Promise<void> {
		try {
			await work();
		} catch (error) {
			this.hooks.onError(error, where);
		}
	}
}
