/** `npm run seed`: loads the demo data into the running instance (PUBLIC_URL, or localhost:PORT). */
import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { PROJECT_ROOT } from './lib/directus-process.js';
import { projectEnv } from './lib/project-env.js';
import { login } from './lib/login.js';
import { seedDemo } from '../seeds/seed.js';

loadDotenv({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
const env = projectEnv();
const url = env['PUBLIC_URL']!.replace(/\/$/, '');
const token = await login(url, env['ADMIN_EMAIL']!, env['ADMIN_PASSWORD']!);
const { created } = await seedDemo(url, token);
console.log(JSON.stringify(created));
