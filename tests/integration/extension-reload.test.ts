/**
 * An extension reload (Directus watches the extensions folder with EXTENSIONS_AUTO_RELOAD)
 * replaces the engine: the old worker must stop and the new one run the jobs, as if the
 * process had started with the new code.
 */
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXTENSION_DIR } from '../../scripts/lib/build-extension.js';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually } from '../support/rules.js';

let instance: ScratchInstance;

const call = instanceApi(() => instance);
const engineInstance = async () => (await call<{ instance: string }>('GET', '/workflows/health')).instance;


beforeAll(async () => {
	instance = await startScratchInstance({ pgUrl: process.env['TEST_PG_URL'] || undefined, seed: false, env: { EXTENSIONS_AUTO_RELOAD: 'true', WORKFLOW_POLL_INTERVAL_MS: '200' } });
}, 180_000);

afterAll(async () => {
	await instance?.stop(path.join('test-results', `directus-reload-${instance.dbClient}.log`));
}, 60_000);

it('after a reload, the new engine’s worker runs the jobs and the old one’s has stopped', async () => {
	const before = await engineInstance();
	const now = new Date();
	await utimes(path.join(EXTENSION_DIR, 'dist', 'api.js'), now, now);
	const after = await eventually(() => engineInstance().catch(() => before), (current) => current !== before, 30_000, 'the extension to reload');

	await call('POST', '/items/workflow_rules', { name: 'Tag new leads', status: 'active', collection: 'leads', execution: 'every_time', trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['reloaded'] } }] });
	const leads = await call<{ id: string }[]>('POST', '/items/leads', Array.from({ length: 20 }, (_, index) => ({ name: `Reload ${index}` })));

	const jobs = await eventually(
		() => call<{ status: string; locked_by: string }[]>('GET', '/items/workflow_jobs?limit=-1&fields=status,locked_by'),
		(jobs) => jobs.length === leads.length && jobs.every((job) => job.status === 'succeeded'),
		30_000,
		'the jobs to run',
	);
	expect(new Set(jobs.map((job) => job.locked_by))).toEqual(new Set([after]));
}, 120_000);
