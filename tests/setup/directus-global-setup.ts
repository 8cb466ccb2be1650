/**
 * Starts one real Directus for the whole run (see scripts/lib/scratch-instance.ts): SQLite, or
 * PostgreSQL when TEST_PG_URL is set. Tests reach it through `inject()`.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../scripts/lib/build-extension.js';
import { freePort } from '../../scripts/lib/free-port.js';
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
		/** The port Directus sends mail to (EMAIL_SMTP_PORT): a test listens there with `smtp-server` (tests/support/mailbox.ts). */
		smtpPort: number;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	await buildExtension({ quiet: true });
	const smtpPort = await freePort();
	const instance = await startScratchInstance({
		pgUrl: process.env['TEST_PG_URL'] || undefined,
		env: {
			WORKFLOW_POLL_INTERVAL_MS: '200',
			WORKFLOW_INTENT_LEASE_MS: '5000',
			// Mail goes to whichever test listens on smtpPort; webhooks may reach the tests' own servers on 127.0.0.1.
			EMAIL_TRANSPORT: 'smtp',
			EMAIL_FROM: 'workflow-rules@example.com',
			EMAIL_SMTP_HOST: '127.0.0.1',
			EMAIL_SMTP_PORT: String(smtpPort),
			EMAIL_SMTP_SECURE: 'false',
			EMAIL_SMTP_IGNORE_TLS: 'true',
			EMAIL_VERIFY_SETUP: 'false',
			WORKFLOW_WEBHOOK_ALLOW: '127.0.0.1',
		},
	});

	project.provide('directusUrl', instance.url);
	project.provide('adminToken', instance.token);
	project.provide('adminEmail', instance.admin.email);
	project.provide('adminPassword', instance.admin.password);
	project.provide('dbClient', instance.dbClient);
	project.provide('dbConnection', instance.dbConnection);
	project.provide('smtpPort', smtpPort);

	// The server side of the run, kept for whoever investigates a failure.
	return () => instance.stop(path.join('test-results', `directus-${instance.dbClient}.log`));
}
