/** Creates and drops throw-away PostgreSQL databases next to the one a connection URL names. */
import pg from 'pg';

function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

async function onMaintenanceDb<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Creates a new empty database with a unique name and returns its connection URL. */
export async function createScratchDatabase(url: string, prefix: string): Promise<{ name: string; url: string }> {
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	await onMaintenanceDb(url, (client) => client.query(`CREATE DATABASE "${name}"`));
	return { name, url: withDatabase(url, name) };
}

export async function dropDatabase(url: string, name: string): Promise<void> {
	await onMaintenanceDb(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
