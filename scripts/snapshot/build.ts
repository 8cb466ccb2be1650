/**
 * Rebuilds the schema snapshots: creates the CRM schema (crm-schema.ts) through the REST API on a
 * scratch instance of each supported database and writes Directus' own snapshot of it. A snapshot
 * records vendor column types (SQLite has no uuid type, for one), so each vendor gets its own
 * file and `schema apply` stays a no-op on an up-to-date database. Run with `npm run snapshot`
 * after changing the schema definition (PostgreSQL at PG_URL, default the local server), and
 * commit the result.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap, runCli, snapshotFile, startDirectus, type Env } from '../lib/directus-process.js';
import { freePort } from '../lib/free-port.js';
import { createScratchDatabase, dropDatabase } from '../lib/pg-database.js';
import { restClient } from '../lib/rest.js';
import { schemaPlan } from './schema.js';

const PG_URL = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const token = 'snapshot-builder-token';

async function build(databaseEnv: Env, dir: string): Promise<void> {
	const env: Env = {
		...process.env,
		...databaseEnv,
		SECRET: 'snapshot-builder-secret-of-32-bytes!',
		ADMIN_EMAIL: 'admin@example.com',
		ADMIN_PASSWORD: 'snapshot-builder',
		ADMIN_TOKEN: token,
		PORT: String(await freePort()),
		HOST: '127.0.0.1',
		EXTENSIONS_PATH: path.join(dir, 'extensions'),
		STORAGE_LOCAL_ROOT: path.join(dir, 'uploads'),
		LOG_LEVEL: 'warn',
		TELEMETRY: 'false',
	};

	await bootstrap(env);
	const directus = await startDirectus(env);

	try {
		const request = restClient(directus.url, token);
		const plan = schemaPlan();
		for (const collection of plan.collections) await request('POST', '/collections', collection);
		for (const relation of plan.relations) await request('POST', '/relations', relation);
	} finally {
		await directus.stop();
	}

	const file = snapshotFile(env['DB_CLIENT']);
	await runCli(['schema', 'snapshot', '--yes', '--format', 'yaml', file], env);
	console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}

const dir = await mkdtemp(path.join(tmpdir(), 'wr-snapshot-'));
try {
	await build({ DB_CLIENT: 'sqlite3', DB_FILENAME: path.join(dir, 'database.sqlite') }, dir);

	const database = await createScratchDatabase(PG_URL, 'wr_snapshot');
	try {
		await build({ DB_CLIENT: 'pg', DB_CONNECTION_STRING: database.url }, dir);
	} finally {
		await dropDatabase(PG_URL, database.name);
	}
} finally {
	await rm(dir, { recursive: true, force: true });
}
