/**
 * (c) The date-trigger tick over 100,000 contacts: a yearly "2 days before subscription_date"
 * rule on a real Directus whose contacts (inserted directly, in batches, stored as the API stores
 * a date on this database) spread their subscription dates over ten years. The engine logs each
 * tick's duration at debug level; reported: the median of the ticks with no occurrence due (the
 * candidate queries alone), and the tick of an occurrence due for ~1/365 of the contacts (cursor
 * rewound to just before it): every such contact read, checked, evaluated and fired. Plus the
 * query plans of the candidate and bound queries, which must use the subscription_date index.
 */
import { randomUUID } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { restClient } from '../scripts/lib/rest.js';
import { startScratchInstance, type ScratchInstance } from '../scripts/lib/scratch-instance.js';
import { dateSchedule, valueRangesFor } from '../extensions/workflow-rules/src/core/timing/date-occurrences.js';
import { candidateQuery, fieldBounds, type DateColumn } from '../extensions/workflow-rules/src/server/triggers/date-candidates.js';

const DAY = 86_400_000;
const YEARS = 10;
const TICK = /date tick: 1 rule\(s\), (\d+) candidate record\(s\), (\d+) firing\(s\) in ([\d.]+) ms/g;
const COLUMN: DateColumn = { table: 'contacts', primaryKey: 'id', field: 'subscription_date', dateOnly: true };

export interface DateTickResult {
	dbClient: string;
	contacts: number;
	idleTicks: number;
	idleMedianMs: number;
	due: { ms: number; candidates: number; firings: number } | null;
	plans: { query: string; plan: string[] }[];
}

interface Tick {
	candidates: number;
	firings: number;
	ms: number;
}

function ticksIn(output: string): Tick[] {
	return [...output.matchAll(TICK)].map((match) => ({ candidates: Number(match[1]), firings: Number(match[2]), ms: Number(match[3]) }));
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function waitFor<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Contacts with subscription dates spread over YEARS years, stored as the API stored `probe`'s value. */
async function insertContacts(db: Knex, count: number, stored: unknown): Promise<void> {
	const start = Date.UTC(2016, 0, 1);
	const asStored = (ymd: string): unknown => {
		if (typeof stored === 'number') return new Date(`${ymd}T00:00:00`).getTime();
		if (typeof stored === 'string' && /^\d+$/.test(stored)) return String(new Date(`${ymd}T00:00:00`).getTime());
		return ymd;
	};
	const batch = 500;
	for (let offset = 0; offset < count; offset += batch) {
		if (offset % 10_000 === 0 && offset > 0) process.stdout.write('.');
		const rows = Array.from({ length: Math.min(batch, count - offset) }, (_, index) => {
			const n = offset + index;
			const ymd = new Date(start + ((n * 7919) % (YEARS * 365)) * DAY).toISOString().slice(0, 10);
			return { id: randomUUID(), first_name: 'Bench', last_name: `Contact ${n}`, subscription_date: asStored(ymd) };
		});
		await db('contacts').insert(rows);
	}
	await db.raw(db.client.config.client === 'pg' ? 'ANALYZE contacts' : 'ANALYZE');
}

async function plansOf(db: Knex, queries: string[]): Promise<{ query: string; plan: string[] }[]> {
	const pg = db.client.config.client === 'pg';
	const plans: { query: string; plan: string[] }[] = [];
	for (const query of queries) {
		const result = await db.raw(`${pg ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${query}`);
		const rows = (pg ? result.rows : result) as Record<string, unknown>[];
		plans.push({ query: query.length > 300 ? `${query.slice(0, 300)}…` : query, plan: rows.map((row) => String(pg ? row['QUERY PLAN'] : row['detail'])) });
	}
	return plans;
}

export async function benchDateTick(pgUrl: string | undefined, contacts = 100_000): Promise<DateTickResult> {
	const instance: ScratchInstance = await startScratchInstance({ pgUrl, seed: false, env: { LOG_LEVEL: 'debug', WORKFLOW_POLL_INTERVAL_MS: '250' } });
	// Directus polls the same SQLite file meanwhile: wait for its locks rather than fail.
	const sqliteBusy = { afterCreate: (connection: { run: (sql: string, done: (error: Error | null) => void) => void }, done: (error: Error | null) => void) => connection.run('PRAGMA busy_timeout = 10000', done) };
	const db = knexFactory({ client: instance.dbConnection.client, connection: instance.dbConnection.connection, useNullAsDefault: true, ...(instance.dbClient === 'sqlite3' ? { pool: sqliteBusy } : {}) });
	try {
		const request = restClient(instance.url, instance.token);
		const probe = await request<{ id: string }>('POST', '/items/contacts', { last_name: 'Probe', subscription_date: '2016-01-01' });
		const stored = (await db('contacts').where('id', probe.id).first('subscription_date'))?.subscription_date;
		await insertContacts(db, contacts, stored);

		// Reminders at the last whole minute (UTC, the CRM time zone of an instance without settings).
		const occurrence = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
		const time = occurrence.toISOString().slice(11, 16);
		const rule = (await request<{ id: string }>('POST', '/items/workflow_rules', {
			name: 'Renewal reminder (bench)',
			status: 'active',
			collection: 'contacts',
			execution: 'every_time',
			trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time, recurrence: 'yearly' },
			conditions: null,
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['renewal'] } }],
		})).id;
		const cursorKey = `cursor:date:${rule}`;
		await waitFor(() => db('workflow_rule_state').where({ key: cursorKey }).first('id'), Boolean, 30_000, 'the rule’s cursor');

		const idle = (await waitFor(() => ticksIn(instance.directus.output()), (ticks) => ticks.length >= 40, 60_000, '40 ticks')).filter((tick) => tick.candidates === 0);

		// The cursor rewound to just before the occurrence: the next tick finds it due.
		const seen = ticksIn(instance.directus.output()).length;
		await db('workflow_rule_state').where({ key: cursorKey }).update({ fired_at: new Date(occurrence.getTime() - 1_000) });
		const due = (await waitFor(() => ticksIn(instance.directus.output()).slice(seen), (ticks) => ticks.some((tick) => tick.candidates > 0), 60_000, 'the due tick')).find((tick) => tick.candidates > 0) ?? null;

		const schedule = dateSchedule({ offset: '-P2D', time, recurrence: 'yearly' }, 'UTC', true)!;
		const bounds = (await fieldBounds(db, COLUMN))!;
		const ranges = valueRangesFor(schedule, new Date(occurrence.getTime() - 1_000), occurrence, bounds);
		const plans = await plansOf(db, [candidateQuery(db, COLUMN, ranges).toString(), db('contacts').min({ value: 'subscription_date' }).toString()]);

		return { dbClient: instance.dbClient, contacts, idleTicks: idle.length, idleMedianMs: median(idle.map((tick) => tick.ms)), due, plans };
	} finally {
		await db.destroy();
		await instance.stop();
	}
}

export function printDateTick(result: DateTickResult): void {
	const due = result.due ? `${result.due.ms} ms for ${result.due.candidates} contacts due (${result.due.firings} fired)` : 'not seen';
	console.log(`\n(c) date-trigger tick, yearly rule over ${result.contacts.toLocaleString('en-US')} contacts on ${result.dbClient} (goal ≤ 200 ms)`);
	console.log(`    tick with nothing due: median ${result.idleMedianMs} ms of ${result.idleTicks};  tick with an occurrence due: ${due}`);
	for (const { query, plan } of result.plans) console.log(`    plan of ${query}\n${plan.map((line) => `      ${line}`).join('\n')}`);
}

// `tsx bench/date-tick.ts`: this phase alone (SQLite, and PostgreSQL with BENCH_PG_URL).
if (import.meta.url === `file://${process.argv[1]}`) {
	const { buildExtension } = await import('../scripts/lib/build-extension.js');
	await buildExtension({ quiet: true });
	printDateTick(await benchDateTick(undefined));
	if (process.env['BENCH_PG_URL']) printDateTick(await benchDateTick(process.env['BENCH_PG_URL']));
}
