/**
 * `npm start`: builds the extension (unless the build is current), bootstraps the database when it
 * is new, applies the schema snapshot, starts Directus with the extension, loads the demo data and
 * prints where to log in. Each step prints one line; what the tools print goes to the start log.
 */
import { config as loadDotenv } from 'dotenv';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { applySnapshot, bootstrap, PROJECT_ROOT, startDirectus, type RunningDirectus } from './lib/directus-process.js';
import { buildExtension, extensionBuildIsCurrent } from './lib/build-extension.js';
import { adminPasswordFile, dataDir, ensureAdminPassword, projectEnv } from './lib/project-env.js';
import { login } from './lib/login.js';
import { portIsFree } from './lib/free-port.js';
import { displayPath, openStartLog } from './lib/start-log.js';
import { summariseBootstrap, summariseSchemaApply } from './lib/start-summary.js';
import { seedDemo } from '../seeds/seed.js';

loadDotenv({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
const env = projectEnv();
const admin = ensureAdminPassword(env);
const log = openStartLog(dataDir());
const logPath = displayPath(log.file, process.cwd());
const say = (message: string) => console.log(`▸ ${message}`);

/** The generated password this start created the admin with, for a failure to still show it once. */
let createdWithPassword: string | null = null;

/** A failed step ends the start with its message and the log to read, not with a stack trace. */
function fail(step: string, error: unknown): never {
	log.section(`${step} failed`);
	log.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
	console.error(`\n✖ ${step} failed: ${message}\n  Details: ${logPath}`);
	if (createdWithPassword) console.error(`  The admin was created: admin password ${createdWithPassword} (shown this once; kept in ${displayPath(adminPasswordFile(), process.cwd())})`);
	process.exit(1);
}

async function runStep<T>(title: string, work: () => Promise<T>): Promise<T> {
	log.section(title);
	try {
		return await work();
	} catch (error) {
		return fail(title, error);
	}
}

console.log(`Workflow Rules for Directus: starting (details in ${logPath})`);

// Checked first: with the port taken, another server would answer Directus' readiness check.
const port = Number(env['PORT']);
if (!(await portIsFree(port, env['HOST']))) fail('Start', new Error(`port ${port} is in use by another program (set PORT to start on another one)`));

// Built before any Directus command runs: the CLI loads extensions too, and warns when one has no dist.
if (extensionBuildIsCurrent()) say('Extension: build is current.');
else {
	await runStep('Building the workflow-rules extension', () => buildExtension({ onOutput: log.write }));
	say('Extension built.');
}

const database = env['DB_CLIENT'] === 'sqlite3' ? displayPath(env['DB_FILENAME']!, process.cwd()) : env['DB_CLIENT'];
// The CLI steps log at info whatever the user's LOG_LEVEL: their output goes to the log file, and the
// summary reads it (at warn, a new database would pass for an old one and its password be dropped).
const cliEnv = { ...env, LOG_LEVEL: 'info' };
const bootstrapped = summariseBootstrap(await runStep(`Bootstrapping ${database}`, () => bootstrap(cliEnv, { onOutput: log.write })));
say(`${bootstrapped.line.replace(/^Database/, `Database (${database})`)}`);

// A password generated now only counts when this start created the admin with it; a database made
// earlier (with another password) keeps its own, so the file would only mislead.
if (admin.generated && !bootstrapped.installed) {
	rmSync(adminPasswordFile(), { force: true });
	delete env['ADMIN_PASSWORD'];
}
// Shown once: by the start that created the admin with it (a start that failed earlier may have
// generated it), never again.
const showPassword = admin.source === 'file' && bootstrapped.installed;
createdWithPassword = showPassword ? admin.password : null;

say(summariseSchemaApply(await runStep('Applying the schema snapshot', () => applySnapshot(cliEnv, { onOutput: log.write }))));

// Directus' start-up and the demo data's requests go to the log; once it is ready, its own runtime
// log shows here too (see the `ready` switch below).
let ready = false;
const directus: RunningDirectus = await runStep('Starting Directus', () =>
	startDirectus(env, {
		timeoutMs: 180_000,
		onOutput: (chunk) => {
			log.write(chunk);
			if (ready) process.stdout.write(chunk);
		},
	}),
);
say('Directus started.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => void directus.stop().then(() => process.exit(0)));
}
directus.process.on('exit', (code) => {
	if (code !== 0 && code !== null) console.error(`\n✖ Directus stopped (exit code ${code}). Details: ${logPath}`);
	process.exit(code ?? 1);
});

const email = env['ADMIN_EMAIL']!;
log.section('Loading the demo data');
if (!env['ADMIN_PASSWORD']) {
	say('Demo data not loaded: this database was created before, with a password this start does not know (set ADMIN_PASSWORD).');
} else {
	try {
		const token = await login(directus.url, email, env['ADMIN_PASSWORD']);
		const { created } = await seedDemo(directus.url, token);
		const added = Object.entries(created).filter(([, count]) => count > 0);
		say(added.length === 0 ? 'Demo data already present.' : `Demo data loaded: ${added.map(([collection, count]) => `${count} ${collection}`).join(', ')}.`);
	} catch (error) {
		log.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		say(`Demo data not loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (details in ${logPath}).`);
	}
}

const FIRST_LOGIN_NOTE = `
  At the first login Directus 12 asks two things: your license ("I'm using Core plan" is free)
  with what you use Directus for, then the project owner's email (see README, "First login").
`;
const passwordFile = displayPath(adminPasswordFile(), process.cwd());
const password =
	admin.source === 'environment'
		? 'ADMIN_PASSWORD from your environment'
		: showPassword
			? `${admin.password}\n            (generated for this install, shown this once; kept in ${passwordFile})`
			: env['ADMIN_PASSWORD']
				? `in ${passwordFile} (generated on the first start)`
				: 'the one this database was created with';

console.log(`
  Workflow Rules for Directus is running.

  Studio:   ${env['PUBLIC_URL'] ?? directus.url}/admin
  Login:    ${email}
  Password: ${password}
${bootstrapped.installed ? FIRST_LOGIN_NOTE : ''}
  Log: ${logPath}. Press Ctrl+C to stop.
`);
await untilSeedRequestsLogged(directus);
ready = true;

/**
 * Directus logs a request once it has answered, a moment after the seed's last call returned: a
 * marked ping, logged after all of them, shows when the runtime log can join the terminal.
 */
async function untilSeedRequestsLogged(running: RunningDirectus): Promise<void> {
	const marker = `/server/ping?start=${Date.now()}`;
	await fetch(`${running.url}${marker}`).catch(() => undefined);
	const deadline = Date.now() + 5000;
	while (!running.output().includes(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
