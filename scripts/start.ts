/**
 * `npm start`: bootstraps the database when it is new, applies the schema snapshot, builds the
 * extension, starts Directus with it, loads the demo data and prints where to log in.
 */
import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { applySnapshot, bootstrap, PROJECT_ROOT, startDirectus } from './lib/directus-process.js';
import { buildExtension } from './lib/build-extension.js';
import { projectEnv } from './lib/project-env.js';
import { login } from './lib/login.js';
import { seedDemo } from '../seeds/seed.js';

loadDotenv({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
const env = projectEnv();
const step = (message: string) => console.log(`\n▸ ${message}`);

step(`Database: ${env['DB_CLIENT'] === 'sqlite3' ? env['DB_FILENAME'] : env['DB_CLIENT']}`);
await bootstrap(env, { inherit: true });

step('Applying the schema snapshot');
await applySnapshot(env, { inherit: true });

step('Building the workflow-rules extension');
await buildExtension();

step('Starting Directus');
const directus = await startDirectus(env, { inherit: true, timeoutMs: 180_000 });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => void directus.stop().then(() => process.exit(0)));
}
directus.process.on('exit', (code) => process.exit(code ?? 1));

const email = env['ADMIN_EMAIL']!;
try {
	step('Loading the demo data');
	const token = await login(directus.url, email, env['ADMIN_PASSWORD']!);
	const { created } = await seedDemo(directus.url, token);
	const total = Object.values(created).reduce((sum, count) => sum + count, 0);
	console.log(total === 0 ? 'Demo data already present.' : `Created ${Object.entries(created).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${c}`).join(', ')}.`);
} catch (error) {
	console.warn(`Demo data not loaded: ${error instanceof Error ? error.message : String(error)}`);
}

const studio = env['PUBLIC_URL'] ?? directus.url;
console.log(`
  Workflow Rules for Directus is running.

  Studio:   ${studio}/admin
  Login:    ${email}
  Password: ${env['ADMIN_PASSWORD'] === process.env['ADMIN_PASSWORD'] ? '(ADMIN_PASSWORD from your environment)' : env['ADMIN_PASSWORD']}

  Press Ctrl+C to stop.
`);
