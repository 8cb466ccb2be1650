/**
 * The environment `npm start` runs Directus with: the user's variables (process env and `.env`)
 * over the project's defaults. Standard Directus variables pass through untouched, so
 * DB_CLIENT=pg with DB_CONNECTION_STRING, EMAIL_*, REDIS and the rest work as documented.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSIONS_PATH, PROJECT_ROOT, type Env } from './directus-process.js';
import { readOrCreateSecretFile } from './secret-file.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/**
 * Where `npm start` keeps its database, uploads, secrets and logs: ./data, or WORKFLOW_DATA_DIR
 * (tests point it at a temporary folder so they never touch the project's own data).
 */
export function dataDir(source: Env = process.env): string {
	return path.resolve(PROJECT_ROOT, source['WORKFLOW_DATA_DIR'] || 'data');
}

/** Where the admin password generated on first start is kept (mode 0600, next to the SECRET). */
export function adminPasswordFile(source: Env = process.env): string {
	return path.join(dataDir(source), '.admin-password');
}

/**
 * Where the studio password comes from: the user's ADMIN_PASSWORD, the file a previous start
 * wrote, or generated just now (then `generated` is true and the file was just written).
 */
export interface AdminPassword {
	password: string;
	source: 'environment' | 'file';
	generated: boolean;
}

export function projectEnv(source: Env = process.env): Env {
	const data = dataDir(source);
	mkdirSync(data, { recursive: true });
	const port = source['PORT'] ?? '8055';
	const client = source['DB_CLIENT'] ?? 'sqlite3';

	const defaults: Env = {
		DB_CLIENT: client,
		...(client === 'sqlite3' ? { DB_FILENAME: path.join(data, 'database.sqlite') } : {}),
		PORT: port,
		PUBLIC_URL: `http://localhost:${port}`,
		ADMIN_EMAIL: DEFAULT_ADMIN_EMAIL,
		EXTENSIONS_PATH,
		EXTENSIONS_AUTO_RELOAD: 'false',
		STORAGE_LOCATIONS: 'local',
		STORAGE_LOCAL_ROOT: path.join(data, 'uploads'),
		TELEMETRY: 'false',
		LOG_LEVEL: 'info',
		LOG_STYLE: 'pretty',
	};

	const env: Env = { ...defaults };
	for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== '') env[key] = value;
	// A SECRET that survives restarts, so sessions and tokens stay valid.
	env['SECRET'] ??= readOrCreateSecretFile(path.join(data, '.secret')).value;
	// The password a previous start generated, so `npm run seed` logs in as `npm start` does.
	const storedPassword = adminPasswordFile(source);
	if (!env['ADMIN_PASSWORD'] && existsSync(storedPassword)) env['ADMIN_PASSWORD'] = readFileSync(storedPassword, 'utf8').trim();
	mkdirSync(env['STORAGE_LOCAL_ROOT'] ?? path.join(data, 'uploads'), { recursive: true });
	return env;
}

/**
 * The admin password `env` runs with, set into it: ADMIN_PASSWORD, or the one a previous start
 * kept in `adminPasswordFile`, or, on the first start without either, a random one generated and
 * kept there, so later starts can log in to seed and nobody runs on a published default.
 */
export function ensureAdminPassword(env: Env, source: Env = process.env): AdminPassword {
	const fromEnvironment = source['ADMIN_PASSWORD'];
	if (fromEnvironment) {
		env['ADMIN_PASSWORD'] = fromEnvironment;
		return { password: fromEnvironment, source: 'environment', generated: false };
	}
	const { value, created } = readOrCreateSecretFile(adminPasswordFile(source), 18);
	env['ADMIN_PASSWORD'] = value;
	return { password: value, source: 'file', generated: created };
}
