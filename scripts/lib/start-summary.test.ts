import { describe, expect, it } from 'vitest';
import { summariseBootstrap, summariseSchemaApply } from './start-summary.js';

// Lines as Directus 12.4's CLI prints them with LOG_STYLE=pretty.
const FRESH = `[06:10:48.175] INFO: Initializing bootstrap...
[06:10:48.184] INFO: Installing Directus system tables...
[06:10:48.292] INFO: Running migrations...
[06:10:48.307] INFO: Applying Remove Collection Foreign Keys...
[06:10:48.457] INFO: Applying Remove System Relations...
[06:10:51.107] INFO: Setting up first admin role...
[06:10:51.183] INFO: Adding first admin user...
[06:10:51.720] INFO: Done`;

const EXISTING = `[06:20:00.000] INFO: Initializing bootstrap...
[06:20:00.010] INFO: Database already initialized, skipping install
[06:20:00.020] INFO: Running migrations...
[06:20:00.100] INFO: Done`;

describe('start summaries', () => {
	it('says a new database was created, with its migrations', () => {
		expect(summariseBootstrap(FRESH)).toEqual({ installed: true, migrations: 2, line: 'Database created: Directus system tables, 2 migrations and the admin user.' });
	});

	it('says an existing database is up to date, or how many migrations it took', () => {
		expect(summariseBootstrap(EXISTING)).toEqual({ installed: false, migrations: 0, line: 'Database found, up to date.' });
		const upgraded = EXISTING.replace('Running migrations...', 'Running migrations...\n[06:20:00.050] INFO: Applying Add Flows Module...');
		expect(summariseBootstrap(upgraded).line).toBe('Database found, 1 migration applied.');
	});

	it('tells a snapshot that changed nothing from one that was applied', () => {
		expect(summariseSchemaApply('[06:11:03.513] INFO: No changes to apply.')).toBe('Schema already matches the snapshot.');
		expect(summariseSchemaApply('[06:11:03.513] INFO: Snapshot applied successfully')).toBe('Schema snapshot applied.');
	});
});
