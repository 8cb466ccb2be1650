/**
 * What each action of a run really did: the job it planned says (sent, failed with its error,
 * skipped with why, pending with its due time), not the status it was planned with. An action
 * planned without a job (skipped or cancelled at planning) keeps its planned status and message.
 */
export interface PlannedActionRow {
	index: number;
	type: string;
	timing: string;
	due_at: string | null;
	status: 'scheduled' | 'skipped' | 'cancelled';
	message?: string;
}

export interface JobRow {
	id: number;
	run: number | null;
	rule?: string | null;
	action_index: number;
	action_type: string;
	status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
	due_at: string | null;
	attempts?: number;
	max_attempts?: number;
	last_error?: string | null;
	error_class?: string | null;
	finished_at?: string | null;
	date_created?: string | null;
	item?: string;
	collection?: string;
}

export type OutcomeStatus = 'succeeded' | 'failed' | 'skipped' | 'pending' | 'running' | 'cancelled';

export interface ActionOutcome {
	index: number;
	type: string;
	status: OutcomeStatus;
	/** The error of a failed job, why a job or planned action was skipped or cancelled. */
	message: string | null;
	/** When a pending job is due, when a finished one finished. */
	at: string | null;
	job: JobRow | null;
	/** A failed, skipped or cancelled job can be replayed. */
	retryable: boolean;
}

export function actionOutcomes(planned: readonly PlannedActionRow[] | null | undefined, jobs: readonly JobRow[]): ActionOutcome[] {
	const byIndex = new Map<number, JobRow>();
	// The newest job of an action wins (a replay updates the same job, but be safe).
	for (const job of [...jobs].sort((a, b) => a.id - b.id)) byIndex.set(job.action_index, job);
	const indexes = new Set<number>([...(planned ?? []).map((action) => action.index), ...byIndex.keys()]);
	return [...indexes].sort((a, b) => a - b).map((index) => {
		const plan = planned?.find((action) => action.index === index) ?? null;
		const job = byIndex.get(index) ?? null;
		if (!job) {
			const status: OutcomeStatus = plan?.status === 'scheduled' ? 'pending' : (plan?.status ?? 'skipped');
			return { index, type: plan?.type ?? 'unknown', status, message: plan?.message ?? null, at: plan?.due_at ?? null, job: null, retryable: false };
		}
		const status: OutcomeStatus = job.status;
		const message = status === 'succeeded' || status === 'pending' || status === 'running' ? (status === 'pending' && job.last_error ? job.last_error : null) : (job.last_error ?? plan?.message ?? null);
		const at = status === 'pending' || status === 'running' ? job.due_at : (job.finished_at ?? job.due_at);
		return { index, type: job.action_type, status, message, at, job, retryable: status === 'failed' || status === 'skipped' || status === 'cancelled' };
	});
}
