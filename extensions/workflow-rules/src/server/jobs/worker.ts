import type { EngineConfig } from '../config.js';
import { claimDueJobs } from './job-store.js';
import { runJob, type JobRunnerDeps } from './run-job.js';

export interface WorkerHooks {
	/** Work done on every poll before jobs are claimed (rule cache refresh, overdue checks). */
	beforeJobs: () => Promise<void>;
	/** Work done at most once an hour (run retention). */
	hourly: () => Promise<void>;
	onError: (error: unknown, where: string) => void;
}

/**
 * Polls the job table every WORKFLOW_POLL_INTERVAL_MS and runs what is due; `nudge()` runs a poll
 * at once when a write queued an instant job. Polls never overlap: a nudge during a poll makes
 * that poll go round once more.
 */
export class JobWorker {
	private timer: NodeJS.Timeout | null = null;
	private busy = false;
	private again = false;
	private lastHourly = 0;
	private stopped = false;

	constructor(private readonly deps: JobRunnerDeps, private readonly config: EngineConfig, private readonly hooks: WorkerHooks) {}

	get running(): boolean {
		return this.timer !== null;
	}

	start(): void {
		this.stopped = false;
		this.timer ??= setInterval(() => void this.poll(), this.config.pollIntervalMs);
		this.timer.unref();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}

	nudge(): void {
		if (!this.stopped) setImmediate(() => void this.poll());
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
				await this.guard('jobs', () => this.drain());
				if (Date.now() - this.lastHourly > 3_600_000) {
					this.lastHourly = Date.now();
					await this.guard('hourly', this.hooks.hourly);
				}
			} while (this.again && !this.stopped);
		} finally {
			this.busy = false;
		}
	}

	private async drain(): Promise<void> {
		for (;;) {
			const jobs = await claimDueJobs(this.deps.runtime.knex, this.deps.owner, this.config.jobLeaseMs, this.config.jobBatchSize);
			for (const job of jobs) await runJob(this.deps, job);
			if (jobs.length < this.config.jobBatchSize || this.stopped) return;
		}
	}

	private async guard(where: string, work: () => Promise<void>): Promise<void> {
		try {
			await work();
		} catch (error) {
			this.hooks.onError(error, where);
		}
	}
}
