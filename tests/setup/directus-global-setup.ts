/**
 * Starts one real Directus for the whole run: a fresh temporary SQLite file (or a fresh PostgreSQL
 * database when TEST_PG_URL is set, dropped afterwards), a free port, the freshly built bundle,
 * the schema snapshot and the demo seeds. Tests reach it through `inject()`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applySnapshot, bootstrap, EXTENSIONS_PATH, startDirectus, type Env } from '../../scripts/lib/directus-process.js';
import { buildExtension } from '../../scripts/lib/build-extension.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { createScratchDatabase, dropDatabase } from '../../scripts/lib/pg-database.js';
import { seedDemo } from '../../seeds/seed.js';

declare module 'vitest' {
	export interface ProvidedContext {
		directusUrl: string;
		adminToken: string;
		adminEmail: string;
		adminPassword: string;
		dbClient: 'sqlite3' | 'pg';
		/** knex connection settings of the instance's database, for tests that act as another instance would. */
		dbConnection: { client: 'sqlite3'; connection: { filename: string } } | { client: 'pg'; connection: string };
	}
}

/** The caller's own Directus settings (DB_*, PORT, ...) must not leak into the instance under test. */
function baseEnv(): Env {
	const env: Env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(DB_|PORT$|HOST$|PUBLIC_URL$|SECRET$|ADMIN_|EXTENSIONS_|STORAGE_|CACHE_|REDIS|EMAIL_|WORKFLOW_)/.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	await buildExtension({ quiet: true });

	const dir = await mkdtemp(path.join(tmpdir(), 'wr-test-'));
	const pgUrl = process.env['TEST_PG_URL'];
	const database = pgUrl ? await createScratchDatabase(pgUrl, 'wr_test') : null;
	const token = randomBytes(24).toString('hex');
	const port = await freePort();
	const admin = { email: 'admin@example.com', password: randomBytes(12).toString('hex') };

	const env: Env = {
		...baseEnv(),
		...(database ? { DB_CLIENT: 'pg', DB_CONNECTION_STRING: database.url } : { DB_CLIENT: 'sqlite3', DB_FILENAME: path.join(dir, 'database.sqlite') }),
		SECRET: randomBytes(32).toString('hex'),
		ADMIN_EMAIL: admin.email,
		ADMIN_PASSWORD: admin.password,
		ADMIN_TOKEN: token,
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_URL: `http://127.0.0.1:${port}`,
		EXTENSIONS_PATH,
		EXTENSIONS_AUTO_RELOAD: 'false',
		STORAGE_LOCATIONS: 'local',
		STORAGE_LOCAL_ROOT: path.join(dir, 'uploads'),
		LOG_LEVEL: 'warn',
		TELEMETRY: 'false',
		RATE_LIMITER_ENABLED: 'false',
		CACHE_ENABLED: 'false',
		WORKFLOW_POLL_INTERVAL_MS: '200',
	};

	let directus: Awaited<ReturnType<typeof startDirectus>> | null = null;

	const teardown = async () => {
		if (directus) {
			// Kept for whoever investigates a failure: the server side of the run.
			await mkdir('test-results', { recursive: true });
			await writeFile(path.join('test-results', `directus-${database ? 'pg' : 'sqlite'}.log`), directus.output()).catch(() => undefined);
			await directus.stop();
		}
		if (database && pgUrl) await dropDatabase(pgUrl, database.name);
		await rm(dir, { recursive: true, force: true });
	};

	try {
		await bootstrap(env);
		await applySnapshot(env);
		directus = await startDirectus(env);
		await seedDemo(directus.url, token);
	} catch (error) {
		await teardown();
		throw error;
	}

	project.provide('directusUrl', directus.url);
	project.provide('adminToken', token);
	project.provide('adminEmail', admin.email);
	project.provide('adminPassword', admin.password);
	project.provide('dbClient', database ? 'pg' : 'sqlite3');
	project.provide('dbConnection', database ? { client: 'pg', connection: database.url } : { client: 'sqlite3', connection: { filename: env['DB_FILENAME']! } });

	return teardown;
}
