/** Engine settings from the environment, with the defaults of SPEC §4–6. */
export interface EngineConfig {
	maxDepth: number;
	pollIntervalMs: number;
	maxAttempts: number;
	runRetentionDays: number;
	callOverdueMinutes: number;
	jobLeaseMs: number;
	/** At most this many jobs claimed by one claim statement (each claim also stays within the free slots). */
	jobBatchSize: number;
	/** How many jobs one instance runs at the same time. */
	concurrency: number;
	/** On SIGTERM, how long running jobs may take to finish before the rest are handed back to the queue. */
	shutdownGraceMs: number;
	/** How long a write's evaluation may take before another poll takes it for owed (the process died). */
	intentLeaseMs: number;
}

function positiveInt(value: unknown, fallback: number): number {
	const parsed = Number(value);
	return Number.isFinite(parsed) && parsed >= 0 ? Math.floor(parsed) : fallback;
}

export function readConfig(env: Record<string, unknown>): EngineConfig {
	return {
		maxDepth: positiveInt(env['WORKFLOW_MAX_DEPTH'], 5),
		pollIntervalMs: Math.max(50, positiveInt(env['WORKFLOW_POLL_INTERVAL_MS'], 1000)),
		maxAttempts: Math.max(1, positiveInt(env['WORKFLOW_MAX_ATTEMPTS'], 5)),
		runRetentionDays: positiveInt(env['WORKFLOW_RUN_RETENTION_DAYS'], 30),
		callOverdueMinutes: positiveInt(env['WORKFLOW_CALL_OVERDUE_MINUTES'], 30),
		jobLeaseMs: Math.max(1000, positiveInt(env['WORKFLOW_JOB_LEASE_MS'], 60_000)),
		jobBatchSize: Math.max(1, positiveInt(env['WORKFLOW_JOB_BATCH_SIZE'], 20)),
		concurrency: Math.max(1, positiveInt(env['WORKFLOW_CONCURRENCY'], 10)),
		// Under the 10 s a process manager waits after SIGTERM before it kills (pm2's kill_timeout, docker stop).
		shutdownGraceMs: positiveInt(env['WORKFLOW_SHUTDOWN_GRACE_MS'], 8_000),
		intentLeaseMs: Math.max(1000, positiveInt(env['WORKFLOW_INTENT_LEASE_MS'], 30_000)),
	};
}
