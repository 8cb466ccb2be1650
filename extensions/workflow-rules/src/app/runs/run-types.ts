/** The columns of runs and jobs the module reads (never a job's `context`: the record's previous values). */
export const JOB_FIELDS = ['id', 'run', 'rule', 'action_index', 'action_type', 'status', 'due_at', 'attempts', 'max_attempts', 'last_error', 'error_class', 'finished_at', 'collection', 'item', 'date_created'];
export const RUN_SUMMARY_FIELDS = ['id', 'date_created', 'event', 'events', 'outcome', 'matched', 'collection', 'item'];

export interface RunSummary {
	id: number;
	date_created: string;
	event: string;
	events?: string[] | null;
	outcome: string;
	matched: boolean;
	collection: string;
	item: string;
}
