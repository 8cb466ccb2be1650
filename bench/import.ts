/**
 * (b) REST import of appointments, on one real Directus, with: no rule; 5 active non-matching
 * rules on `appointments`; 5 of Directus' own Flows doing the same filtering (an `items.create`
 * action hook whose first operation is a condition that does not hold); 10 such rules. Each is a
 * ratio to the import with nothing, measured in the same run, between the same two baselines. Both the engine and the Flows
 * record each evaluation (a usage counter; an activity row with its revision, Directus' default
 * for a Flow), after the import has been answered: "settled" waits for those records too.
 */
import { restClient } from '../scripts/lib/rest.js';
import type { ScratchInstance } from '../scripts/lib/scratch-instance.js';

const BATCH = 100;
const DAY = 86_400_000;
/** The Core plan's limit of active Flows. */
const FLOWS = 5;
/** Past this, logging is taken to have stopped short and "settled" is not reported. */
const SETTLE_TIMEOUT_MS = 10 * 60_000;

type Request = ReturnType<typeof restClient>;

function appointments(count: number, service: string, offset: number) {
	return Array.from({ length: count }, (_, i) => {
		const start = new Date(Date.now() + (offset + i + 1) * DAY);
		start.setUTCHours(15, 0, 0, 0);
		return { title: `Imported ${offset + i}`, service, status: 'scheduled', start_at: start.toISOString(), end_at: new Date(start.getTime() + 3_600_000).toISOString() };
	});
}

async function importAll(request: Request, items: ReturnType<typeof appointments>): Promise<number> {
	const started = performance.now();
	for (let i = 0; i < items.length; i += BATCH) await request('POST', '/items/appointments', items.slice(i, i + BATCH));
	return performance.now() - started;
}

async function count(request: Request, path: string): Promise<number> {
	const [row] = await request<{ count: string | number }[]>('GET', path);
	return Number(row?.count ?? 0);
}

/** Every evaluation is counted in workflow_usage (a non-matching one writes no run row). */
async function evaluationsCount(request: Request): Promise<number> {
	const [row] = await request<{ sum: { evaluations: string | number | null } }[]>('GET', '/items/workflow_usage?aggregate[sum]=evaluations');
	return Number(row?.sum?.evaluations ?? 0);
}
const flowRunsCount = (request: Request) =>
	count(request, '/activity?filter[collection][_eq]=directus_flows&filter[action][_eq]=run&aggregate[count]=*');

interface Phase {
	ms: number;
	/** Until every evaluation was logged; null when the logs stopped short of it. */
	settledMs: number | null;
}

/** The import, then the wait until `logged` has grown by `expected`. */
async function measure(request: Request, items: ReturnType<typeof appointments>, logged: (request: Request) => Promise<number>, expected: number): Promise<Phase> {
	const before = await logged(request);
	const started = performance.now();
	const ms = await importAll(request, items);
	while ((await logged(request)) < before + expected) {
		if (performance.now() - started > SETTLE_TIMEOUT_MS) return { ms, settledMs: null };
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return { ms, settledMs: performance.now() - started };
}

async function createRules(request: Request, from: number, to: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = from; i < to; i++) {
		const rule = await request<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Bench rule ${i}`,
			status: 'active',
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled'] },
			conditions: { _and: [{ title: { _eq: `never ${i}` } }, { service: { name: { _eq: 'Lawn care' } } }] },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['bench'] } }],
		});
		ids.push(rule.id);
	}
	return ids;
}

/** A non-blocking hook on created appointments whose first operation is a condition that never holds. */
async function createFlow(request: Request, index: number): Promise<string> {
	const flow = await request<{ id: string }>('POST', '/flows', {
		name: `Bench flow ${index}`,
		status: 'active',
		trigger: 'event',
		accountability: 'all',
		options: { type: 'action', scope: ['items.create'], collections: ['appointments'] },
	});
	const operation = await request<{ id: string }>('POST', '/operations', {
		flow: flow.id,
		type: 'condition',
		name: 'Never',
		key: 'never',
		position_x: 19,
		position_y: 1,
		options: { filter: { $trigger: { payload: { title: { _eq: `never ${index}` } } } } },
	});
	await request('PATCH', `/flows/${flow.id}`, { operation: operation.id });
	return flow.id;
}

export async function benchImport(instance: ScratchInstance, size = 2_500) {
	const request = restClient(instance.url, instance.token);
	const service = (await request<{ id: string }>('POST', '/items/services', { name: 'Bench service', status: 'active' })).id;
	let offset = 0;
	const next = () => {
		const items = appointments(size, service, offset);
		offset += size;
		return items;
	};

	// A baseline before and after each phase, each phase compared with the mean of its two: the
	// tables grow through the run, so a phase is only compared with imports into tables of its size.
	// Warm-up, not measured: the first import also pays for the JIT and the caches (seen 9.5–16 s vs 7–8 s).
	await importAll(request, next());
	const baselines = [await importAll(request, next())];
	const phase = async (run: () => Promise<Phase>) => {
		const measured = await run();
		baselines.push(await importAll(request, next()));
		const baseline = (baselines.at(-2)! + baselines.at(-1)!) / 2;
		return {
			baselineMs: Math.round(baseline),
			ms: Math.round(measured.ms),
			ratio: measured.ms / baseline,
			settledMs: measured.settledMs === null ? null : Math.round(measured.settledMs),
			settledRatio: measured.settledMs === null ? null : measured.settledMs / baseline,
		};
	};

	const fiveRules = await phase(async () => {
		const rules = await createRules(request, 0, 5);
		const measured = await measure(request, next(), evaluationsCount, size * rules.length);
		for (const rule of rules) await request('DELETE', `/items/workflow_rules/${rule}`);
		return measured;
	});
	const fiveFlows = await phase(async () => {
		const flows: string[] = [];
		for (let i = 0; i < FLOWS; i++) flows.push(await createFlow(request, i));
		const measured = await measure(request, next(), flowRunsCount, size * flows.length);
		for (const flow of flows) await request('DELETE', `/flows/${flow}`);
		return measured;
	});
	const tenRules = await phase(async () => {
		const rules = await createRules(request, 0, 10);
		const measured = await measure(request, next(), evaluationsCount, size * rules.length);
		for (const rule of rules) await request('DELETE', `/items/workflow_rules/${rule}`);
		return measured;
	});

	return { count: size, baselinesMs: baselines.map(Math.round), fiveRules, fiveFlows, tenRules };
}
