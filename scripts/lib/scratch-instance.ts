/**
 * A throw-away Directus for tests and benchmarks: a fresh temporary SQLite file (or a fresh
 * PostgreSQL database next to `pgUrl`, dropped afterwards), a free port, the built bundle, the
 * schema snapshot and, unless told otherwise, the demo seeds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applySnapshot, bootstrap, EXTENSIONS_PATH, startDirectus, type Env, type RunningDirectus } from './directus-process.js';
import { freePort } from './free-port.js';
import { createScratchDatabase, dropDatabase } from './pg-database.js';
import { seedDemo } from '../../seeds/seed.js';

export type DbConnection = { client: 'sqlite3'; connection: { filename: string } } | { client: 'pg'; connection: string };

export interface ScratchInstance {
	url: string;
	token: string;
	admin: { email: string; password: string };
	dbClient: 'sqlite3' | 'pg';
	dbConnection: DbConnection;
	/** The running Directus: after `restart`, the new process. */
	readonly directus: RunningDirectus;
	/**
	 * Starts Directus again on the same database, port and settings, as a restart after a crash
	 * would (no bootstrap, no seeds); stops the current process first if it still runs. `env`
	 * changes settings from this restart on, as an operator editing the configuration would.
	 */
	restart: (env?: Env) => Promise<RunningDirectus>;
	/**
	 * Starts one more Directus process on the same database and settings (its own port), as a
	 * second instance behind a load balancer would run; `stop` stops it too.
	 */
	startPeer: (env?: Env) => Promise<RunningDirectus>;
	/** Stops Directus (and its peers), keeps its output in `logFile` when given, and removes the database. */
	stop: (logFile?: string) => Promise<void>;
}

/** The caller's own Directus settings (DB_*, PORT, ...) must not leak into the scratch instance. */
export function baseEnv(): Env {
	const env: Env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(DB_|PORT$|HOST$|PUBLIC_URL$|SECRET$|ADMIN_|EXTENSIONS_|STORAGE_|CACHE_|REDIS|EMAIL_|WORKFLOW_)/.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export async function startScratchInstance(options: { pgUrl?: string | undefined; env?: Env; seed?: boolean } = {}): Promise<ScratchInstance> {
	const dir = await mkdtemp(path.join(tmpdir(), 'wr-scratch-'));
	const database = options.pgUrl ? await createScratchDatabase(options.pgUrl, 'wr_test') : null;
	const token = randomBytes(24).toString('hex');
	const port = await freePort();
	const admin = { email: 'admin@example.com', password: randomBytes(12).toString('hex') };
	const dbConnection: DbConnection = database ? { client: 'pg', connection: database.url } : { client: 'sqlite3', connection: { filename: path.join(dir, 'database.sqlite') } };

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
		// Directus writes the studio's extension bundle under TEMP_PATH (by default node_modules/.directus, one
		// file for every instance sharing node_modules): each instance keeps its own, or it may serve another's build.
		TEMP_PATH: path.join(dir, 'tmp'),
		LOG_LEVEL: 'warn',
		TELEMETRY: 'false',
		RATE_LIMITER_ENABLED: 'false',
		// Crash, restart and reload tests load a busy machine in bursts; Directus' pressure limiter then
		// answers 503 to every request for a while, which is not what they test.
		PRESSURE_LIMITER_ENABLED: 'false',
		CACHE_ENABLED: 'false',
		...options.env,
	};

	let directus: RunningDirectus | null = null;
	const peers: RunningDirectus[] = [];
	const stop = async (logFile?: string) => {
		for (const [index, peer] of peers.entries()) {
			if (logFile) await mkdir(path.dirname(logFile), { recursive: true }).then(() => writeFile(logFile.replace(/(\.\w+)?$/, `.peer${index + 1}$1`), peer.output())).catch(() => undefined);
			await peer.stop();
		}
		if (directus) {
			if (logFile) {
				await mkdir(path.dirname(logFile), { recursive: true });
				await writeFile(logFile, directus.output()).catch(() => undefined);
			}
			await directus.stop();
		}
		if (database && options.pgUrl) await dropDatabase(options.pgUrl, database.name);
		await rm(dir, { recursive: true, force: true });
	};

	try {
		await bootstrap(env);
		await applySnapshot(env);
		directus = await startDirectus(env);
		if (options.seed !== false) await seedDemo(directus.url, token);
	} catch (error) {
		await stop();
		throw error;
	}

	const restart = async (changed: Env = {}) => {
		Object.assign(env, changed);
		await directus?.stop();
		directus = await startDirectus(env);
		return directus;
	};
	const startPeer = async (changed: Env = {}) => {
		const port = await freePort();
		const peer = await startDirectus({ ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...changed });
		peers.push(peer);
		return peer;
	};
	const running = directus;

	return {
		url: running.url,
		token,
		admin,
		dbClient: database ? 'pg' : 'sqlite3',
		dbConnection,
		get directus() {
			return directus ?? running;
		},
		restart,
		startPeer,
		stop,
	};
}
