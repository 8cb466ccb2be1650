/**
 * The environment `npm start` runs Directus with: the user's variables (process env and `.env`)
 * over the project's defaults. Standard Directus variables pass through untouched, so
 * DB_CLIENT=pg with DB_CONNECTION_STRING, EMAIL_*, REDIS and the rest work as documented.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSIONS_PATH, PROJECT_ROOT, type Env } from './directus-process.js';

export const DATA_DIR = path.join(PROJECT_ROOT, 'data');
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';
export const DEFAULT_ADMIN_PASSWORD = 'workflow-rules';

/** A SECRET that survives restarts, so sessions and tokens stay valid; kept under ./data. */
function persistentSecret(): string {
	const file = path.join(DATA_DIR, '.secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}

export function projectEnv(source: Env = process.env): Env {
	mkdirSync(DATA_DIR, { recursive: true });
	const port = source['PORT'] ?? '8055';
	const client = source['DB_CLIENT'] ?? 'sqlite3';

	const defaults: Env = {
		DB_CLIENT: client,
		...(client === 'sqlite3' ? { DB_FILENAME: path.join(DATA_DIR, 'database.sqlite') } : {}),
		PORT: port,
		PUBLIC_URL: `http://localhost:${port}`,
		ADMIN_EMAIL: DEFAULT_ADMIN_EMAIL,
		ADMIN_PASSWORD: DEFAULT_ADMIN_PASSWORD,
		EXTENSIONS_PATH,
		EXTENSIONS_AUTO_RELOAD: 'false',
		STORAGE_LOCATIONS: 'local',
		STORAGE_LOCAL_ROOT: path.join(DATA_DIR, 'uploads'),
		TELEMETRY: 'false',
		LOG_LEVEL: 'info',
		LOG_STYLE: 'pretty',
	};

	const env: Env = { ...defaults };
	for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== '') env[key] = value;
	env['SECRET'] ??= persistentSecret();
	mkdirSync(env['STORAGE_LOCAL_ROOT'] ?? path.join(DATA_DIR, 'uploads'), { recursive: true });
	return env;
}
