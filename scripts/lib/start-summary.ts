/**
 * One line each for what `npm start` runs before Directus serves: the CLI prints a line per
 * migration and per step, which belongs in the log file, not on a new user's screen.
 */

export interface BootstrapSummary {
	/** The database was empty: Directus installed its system tables and created the admin. */
	installed: boolean;
	migrations: number;
	line: string;
}

/** Reads `directus bootstrap`'s log ("Installing Directus system tables...", "Applying <name>..."). */
export function summariseBootstrap(output: string): BootstrapSummary {
	const installed = output.includes('Installing Directus system tables');
	const migrations = output.match(/\bApplying .+\.\.\./g)?.length ?? 0;
	const applied = `${migrations} migration${migrations === 1 ? '' : 's'}`;
	const line = installed
		? `Database created: Directus system tables, ${applied} and the admin user.`
		: migrations > 0
			? `Database found, ${applied} applied.`
			: 'Database found, up to date.';
	return { installed, migrations, line };
}

/** Reads `directus schema apply`'s log ("No changes to apply." or "Snapshot applied successfully"). */
export function summariseSchemaApply(output: string): string {
	if (output.includes('No changes to apply')) return 'Schema already matches the snapshot.';
	return 'Schema snapshot applied.';
}
