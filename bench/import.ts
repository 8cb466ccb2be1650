/**
 * (b) REST import of appointments with 10 active non-matching rules on `appointments`, as a
 * ratio to the same import with no rule, on one real Directus. Baselines run before and after
 * the rules so that a table growing during the run does not flatter either side.
 */
import { restClient } from '../scripts/lib/rest.js';
import type { ScratchInstance } from '../scripts/lib/scratch-instance.js';

const BATCH = 100;
const DAY = 86_400_000;

function appointments(count: number, service: string, offset: number) {
	return Array.from({ length: count }, (_, i) => {
		const start = new Date(Date.now() + (offset + i + 1) * DAY);
		start.setUTCHours(15, 0, 0, 0);
		return { title: `Imported ${offset + i}`, service, status: 'scheduled', start_at: start.toISOString(), end_at: new Date(start.getTime() + 3_600_000).toISOString() };
	});
}

async function importAll(request: ReturnType<typeof restClient>, items: ReturnType<typeof appointments>): Promise<number> {
	const started = performance.now();
	for (let i = 0; i < items.length; i += BATCH) await request('POST', '/items/appointments', items.slice(i, i + BATCH));
	return performance.now() - started;
}

async function runsCount(request: ReturnType<typeof restClient>): Promise<number> {
	const [row] = await request<{ count: string | number }[]>('GET', '/items/workflow_runs?aggregate[count]=*');
	return Number(row?.count ?? 0);
}

export async function benchImport(instance: ScratchInstance, count = 2_500) {
	const request = restClient(instance.url, instance.token);
	const service = (await request<{ id: string }>('POST', '/items/services', { name: 'Bench service', status: 'active' })).id;
	let offset = 0;
	const next = () => {
		const items = appointments(count, service, offset);
		offset += count;
		return items;
	};

	const baselineBefore = await importAll(request, next());

	const rules: string[] = [];
	for (let i = 0; i < 10; i++) {
		const rule = await request<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Bench rule ${i}`,
			status: 'active',
			collection: 'appointments',
			trigger: { type: 'event', events: ['scheduled'] },
			conditions: { _and: [{ title: { _eq: `never ${i}` } }, { service: { name: { _eq: 'Lawn care' } } }] },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['bench'] } }],
		});
		rules.push(rule.id);
	}

	const runsBefore = await runsCount(request);
	const started = performance.now();
	const withRules = await importAll(request, next());
	while ((await runsCount(request)) < runsBefore + count * rules.length) await new Promise((resolve) => setTimeout(resolve, 50));
	const withRulesSettled = performance.now() - started;

	for (const rule of rules) await request('DELETE', `/items/workflow_rules/${rule}`);
	const baselineAfter = await importAll(request, next());
	const baseline = (baselineBefore + baselineAfter) / 2;

	return {
		count,
		baselineMs: Math.round(baseline),
		withRulesMs: Math.round(withRules),
		withRulesSettledMs: Math.round(withRulesSettled),
		ratio: withRules / baseline,
		settledRatio: withRulesSettled / baseline,
		runsWritten: count * rules.length,
	};
}
