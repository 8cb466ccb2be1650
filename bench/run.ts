/**
 * `npm run bench`: the engine's speed as ratios against baselines measured in the same run.
 * BENCH_PG_URL runs the import on PostgreSQL instead of SQLite (and the date tick on both); BENCH_IMPORT_COUNT changes its size.
 * The queue phase runs on SQLite and, with BENCH_PG_URL (or TEST_PG_URL), on PostgreSQL beside pg-boss;
 * BENCH_QUEUE_COUNT changes its size. `npx tsx bench/queue.ts` runs that phase alone.
 */
import { buildExtension } from '../scripts/lib/build-extension.js';
import { startScratchInstance } from '../scripts/lib/scratch-instance.js';
import { benchConditions } from './conditions.js';
import { benchDateTick, printDateTick } from './date-tick.js';
import { benchImport } from './import.js';
import { benchQueue, printQueueBench } from './queue.js';

const conditions = benchConditions();
console.log(`(a) condition evaluation, 5 leaves incl. one relational (median of ${conditions.rounds} rounds of ${conditions.iterations.toLocaleString('en-US')}, ${conditions.matches}/64 records match)`);
console.log(`    engine, compiled (no trace): ${conditions.engine.toLocaleString('en-US')} evaluations/s`);
console.log(`    engine, compiled with trace: ${conditions.traced.toLocaleString('en-US')} evaluations/s`);
console.log(`    json-logic-js:               ${conditions.jsonLogic.toLocaleString('en-US')} evaluations/s`);
console.log(`    ratio engine / json-logic-js: ${conditions.ratio.toFixed(2)} (with trace: ${conditions.tracedRatio.toFixed(2)})`);

await buildExtension({ quiet: true });
const pgUrl = process.env['BENCH_PG_URL'] || undefined;
const instance = await startScratchInstance({ pgUrl, seed: false });
try {
	const result = await benchImport(instance, Number(process.env['BENCH_IMPORT_COUNT'] ?? 2_500));
	const settled = (ms: number | null, ratio: number | null) => (ms === null || ratio === null ? 'not all logged in time' : `${ms} ms → ratio ${ratio.toFixed(2)}`);
	console.log(`\n(b) REST import of ${result.count} appointments on ${instance.dbClient}, non-matching rules or Flows vs none (ratios to none)`);
	console.log(`    no rules, before, between and after the phases: ${result.baselinesMs.join(', ')} ms`);
	for (const [label, phase, logs] of [
		['5 rules ', result.fiveRules, 'evaluations counted'],
		['5 Flows ', result.fiveFlows, 'Flow runs logged'],
		['10 rules', result.tenRules, 'evaluations counted'],
	] as const) {
		console.log(`    ${label}, import answered: ${phase.ms} ms vs ${phase.baselineMs} ms → ratio ${phase.ratio.toFixed(2)};  all ${logs}: ${settled(phase.settledMs, phase.settledRatio)}`);
	}
} finally {
	await instance.stop();
}

// (c) The date-trigger tick over 100,000 contacts, on SQLite and, with BENCH_PG_URL, PostgreSQL.
printDateTick(await benchDateTick(undefined));
if (pgUrl) printDateTick(await benchDateTick(pgUrl));

// (d) The job queue beside pg-boss, and the scheduler's lateness.
printQueueBench(await benchQueue(pgUrl ?? (process.env['TEST_PG_URL'] || undefined), Number(process.env['BENCH_QUEUE_COUNT'] ?? 2_000)));
