/** Helpers for rule-engine tests: rules created over REST, and waiting for the engine's rows. */
import { afterAll, afterEach } from 'vitest';
import { api, data } from './api.js';

export interface Run {
	id: number;
	rule: string | null;
	outcome: 'matched' | 'not_matched' | 'skipped' | 'depth_limit' | 'error';
	matched: boolean;
	item: string;
	/** The first of `events`. */
	event: string;
	/** Every event of the write the rule listened to: a rule has one run per write. */
	events: string[];
	depth: number;
	message: string | null;
	trace: any;
	actions: any[];
	rule_snapshot: any;
}

export interface Job {
	id: number;
	run: number | null;
	rule: string | null;
	status: string;
	action_type: string;
	attempts: number;
	last_error: string | null;
	depth: number;
	item: string;
}

const created: string[] = [];

/**
 * Deletes the rules created so far after each test, or after the file's last test for rules
 * made in `beforeAll`: no rule outlives the tests it was made for.
 */
export function cleanUpRules(when: 'each' | 'all' = 'each'): void {
	(when === 'each' ? afterEach : afterAll)(async () => {
		while (created.length > 0) await api('DELETE', `/items/workflow_rules/${created.pop()}`);
	});
}

/**
 * Creates a rule that logs every evaluation (non-matching ones too), so tests can read each
 * evaluation's run; pass `trace_evaluations: false` for the default of a rule made by a user.
 */
export async function createRule(rule: Record<string, unknown>): Promise<string> {
	const saved = await data<{ id: string }>('POST', '/items/workflow_rules', { status: 'active', execution: 'every_time', conditions: null, actions: [], trace_evaluations: true, ...rule });
	created.push(saved.id);
	return saved.id;
}

/**
 * A rule that listens to every given event and never matches: it has one run per write, whose
 * `events` are exactly the events the write fired.
 */
export async function createRecorder(collection: string, events: string[]): Promise<string> {
	return createRule({ name: `Recorder ${collection}`, collection, trigger: { type: 'event', events }, conditions: { id: { _null: true } } });
}

export async function runsOf(rule: string, item?: string): Promise<Run[]> {
	const filter: Record<string, unknown> = { rule: { _eq: rule } };
	if (item) filter['item'] = { _eq: item };
	return data<Run[]>('GET', `/items/workflow_runs?limit=-1&sort=id&filter=${encodeURIComponent(JSON.stringify(filter))}`);
}

export async function jobsOf(rule: string, item?: string): Promise<Job[]> {
	const filter: Record<string, unknown> = { rule: { _eq: rule } };
	if (item) filter['item'] = { _eq: item };
	return data<Job[]>('GET', `/items/workflow_jobs?limit=-1&sort=id&filter=${encodeURIComponent(JSON.stringify(filter))}`);
}

export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last = await probe();
	while (!done(last)) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last).slice(0, 2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
		last = await probe();
	}
	return last;
}

/** Waits until `rule` has more than `before` runs on `item`, and returns the new ones. */
export async function newRuns(rule: string, item: string, before: number): Promise<Run[]> {
	const runs = await eventually(() => runsOf(rule, item), (runs) => runs.length > before, 15_000, `runs of rule ${rule} on ${item}`);
	return runs.slice(before);
}

/** Waits until every job of the rule has left pending/running. */
export async function settledJobs(rule: string, item?: string, count?: number): Promise<Job[]> {
	return eventually(
		() => jobsOf(rule, item),
		(jobs) => (count === undefined || jobs.length >= count) && jobs.every((job) => job.status !== 'pending' && job.status !== 'running'),
		20_000,
		`jobs of rule ${rule}`,
	);
}

export async function serviceId(name: string): Promise<string> {
	const [service] = await data<{ id: string }[]>('GET', `/items/services?filter[name][_eq]=${encodeURIComponent(name)}&fields=id&limit=1`);
	if (!service) throw new Error(`No service named ${name}`);
	return service.id;
}
