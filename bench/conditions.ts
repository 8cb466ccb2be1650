/**
 * (a) Condition evaluation throughput: a 5-leaf rule with a relational leaf, evaluated by the
 * engine (building its trace) and, as the baseline of the same run, by json-logic-js on the
 * equivalent logic.
 */
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { evaluateFilter } from '../extensions/workflow-rules/src/core/conditions/index.js';

const FILTER = {
	_and: [
		{ status: { _eq: 'scheduled' } },
		{ service: { name: { _eq: 'Lawn care' } } },
		{ start_at: { _gte: '2026-01-01T00:00:00Z' } },
		{ tags: { _contains: 'vip' } },
		{ owner: { _nnull: true } },
	],
};

const LOGIC: RulesLogic = {
	and: [
		{ '==': [{ var: 'status' }, 'scheduled'] },
		{ '==': [{ var: 'service.name' }, 'Lawn care'] },
		{ '>=': [{ var: 'start_at' }, '2026-01-01T00:00:00Z'] },
		{ in: ['vip', { var: 'tags' }] },
		{ '!=': [{ var: 'owner' }, null] },
	],
};

const RECORDS = Array.from({ length: 64 }, (_, i) => ({
	id: `a-${i}`,
	status: i % 4 === 0 ? 'cancelled' : 'scheduled',
	service: { name: i % 3 === 0 ? 'Home deep cleaning' : 'Lawn care' },
	start_at: `2026-${String((i % 12) + 1).padStart(2, '0')}-15T14:00:00.000Z`,
	tags: i % 2 === 0 ? ['vip', 'north'] : ['north'],
	owner: i % 5 === 0 ? null : 'user-1',
}));

function opsPerSecond(evaluate: (record: (typeof RECORDS)[number]) => boolean, iterations: number): { opsPerSec: number; matches: number } {
	let matches = 0;
	for (let i = 0; i < 5_000; i++) evaluate(RECORDS[i % RECORDS.length]!); // warm-up
	const started = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) if (evaluate(RECORDS[i % RECORDS.length]!)) matches += 1;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { opsPerSec: iterations / seconds, matches };
}

export function benchConditions(iterations = 200_000) {
	const now = new Date();
	const engine = opsPerSecond((record) => evaluateFilter(FILTER, record, { now }).result, iterations);
	const baseline = opsPerSecond((record) => Boolean(jsonLogic.apply(LOGIC, record)), iterations);
	if (engine.matches !== baseline.matches) throw new Error(`The two evaluators disagree: ${engine.matches} vs ${baseline.matches} matches`);
	return { iterations, engine: Math.round(engine.opsPerSec), jsonLogic: Math.round(baseline.opsPerSec), ratio: engine.opsPerSec / baseline.opsPerSec, matches: engine.matches };
}
