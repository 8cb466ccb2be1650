/**
 * (a) Condition evaluation throughput: a 5-leaf rule with a relational leaf, evaluated by the
 * engine compiled once (the answer alone, and with the trace a run stores) and, as the baseline
 * of the same run, by json-logic-js on the equivalent logic. The three take turns over several
 * rounds, each side's median kept, so that other work on the machine weighs on all of them alike.
 */
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { compileFilter } from '../extensions/workflow-rules/src/core/conditions/index.js';

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

type Evaluator = (record: (typeof RECORDS)[number]) => boolean;

function opsPerSecond(evaluate: Evaluator, iterations: number): { opsPerSec: number; matches: number } {
	let matches = 0;
	for (let i = 0; i < 5_000; i++) evaluate(RECORDS[i % RECORDS.length]!); // warm-up
	const started = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) if (evaluate(RECORDS[i % RECORDS.length]!)) matches += 1;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { opsPerSec: iterations / seconds, matches };
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function benchConditions(iterations = 200_000, rounds = 5) {
	const context = { now: new Date() };
	const compiled = compileFilter(FILTER); // once per rule version, as the engine does
	const evaluators: Record<'engine' | 'traced' | 'jsonLogic', Evaluator> = {
		engine: (record) => compiled.test(record, context),
		traced: (record) => compiled.trace(record, context).result,
		jsonLogic: (record) => Boolean(jsonLogic.apply(LOGIC, record)),
	};
	for (const record of RECORDS) {
		const answers = Object.values(evaluators).map((evaluate) => evaluate(record));
		if (new Set(answers).size !== 1) throw new Error(`The evaluators disagree on ${record.id}: engine, traced, json-logic-js = ${answers.join(', ')}`);
	}
	const samples = { engine: [] as number[], traced: [] as number[], jsonLogic: [] as number[] };
	for (let round = 0; round < rounds; round++) {
		const matches = new Map<string, number>();
		for (const [name, evaluate] of Object.entries(evaluators) as Array<[keyof typeof evaluators, Evaluator]>) {
			const run = opsPerSecond(evaluate, iterations);
			samples[name].push(run.opsPerSec);
			matches.set(name, run.matches);
		}
		if (new Set(matches.values()).size !== 1) {
			throw new Error(`The evaluators disagree on matches: ${JSON.stringify(Object.fromEntries(matches))}`);
		}
	}
	const [engine, traced, baseline] = [median(samples.engine), median(samples.traced), median(samples.jsonLogic)];
	return {
		iterations,
		rounds,
		engine: Math.round(engine),
		traced: Math.round(traced),
		jsonLogic: Math.round(baseline),
		ratio: engine / baseline,
		tracedRatio: traced / baseline,
		matches: RECORDS.filter(evaluators.jsonLogic).length,
	};
}
