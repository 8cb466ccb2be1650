/**
 * Starts one real Directus for the whole run (see scripts/lib/scratch-instance.ts): SQLite, or
 * PostgreSQL when TEST_PG_URL is set. Tests reach it through `inject()`.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../scripts/lib/build-extension.js';
import { startScratchInstance, type DbConnection } from '../../scripts/lib/scratch-instance.js';

declare module 'vitest' {
	export interface ProvidedContext {
		directusUrl: string;
		adminToken: string;
		adminEmail: string;
		adminPassword: string;
		dbClient: 'sqlite3' | 'pg';
		/** knex connection settings of the instance's database, for tests that act as another instance would. */
		dbConnection: DbConnection;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	await buildExtension({ quiet: true });
	const instance = await startScratchInstance({ pgUrl: process.env['TEST_PG_URL'] || undefined, env: { WORKFLOW_POLL_INTERVAL_MS: '200', WORKFLOW_INTENT_LEASE_MS: '5000' } });

	project.provide('directusUrl', instance.url);
	project.provide('adminToken', instance.token);
	project.provide('adminEmail', instance.admin.email);
	project.provide('adminPassword', instance.admin.password);
	project.provide('dbClient', instance.dbClient);
	project.provide('dbConnection', instance.dbConnection);

	// The server side of the run, kept for whoever investigates a failure.
	return () => instance.stop(path.join('test-results', `directus-${instance.dbClient}.log`));
}
