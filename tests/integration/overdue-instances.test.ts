/**
 * SPEC §4 `overdue` with two Directus instances on one PostgreSQL database: appointments whose end
 * passed while scheduled become overdue with one event each, whichever instance sweeps, and a
 * completion written while the sweeps run is never overwritten.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { slot } from '../support/booking.js';
import { instanceApi } from '../support/instance-api.js';
import { eventually } from '../support/rules.js';

const pgUrl = process.env['TEST_PG_URL'] || undefined;
const APPOINTMENTS = 24;
let instance: ScratchInstance;
let peerUrl: string;

const call = instanceApi(() => instance);
const callPeer = instanceApi(() => ({ ...instance, url: peerUrl }));

beforeAll(async () => {
	if (!pgUrl) return;
	instance = await startScratchInstance({ pgUrl, env: { WORKFLOW_POLL_INTERVAL_MS: '200' } });
	peerUrl = (await instance.startPeer()).url;
}, 240_000);

afterAll(async () => {
	await instance?.stop(path.join('test-results', 'directus-overdue-instances.log'));
}, 60_000);

it.skipIf(!pgUrl)('fires overdue once per appointment across two instances and never overwrites a completion made meanwhile', async () => {
	const recorder = (
		await call<{ id: string }>('POST', '/items/workflow_rules', {
			name: 'Overdue recorder',
			status: 'active',
			collection: 'appointments',
			trigger: { type: 'event', events: ['overdue'] },
			conditions: { id: { _null: true } },
			execution: 'every_time',
			actions: [],
			trace_evaluations: true,
		})
	).id;

	// Past slots (the scratch instance is seeded as the shared one is): due for the sweep at once.
	// Every other one is completed right after it is booked, through the other instance, while
	// both instances sweep.
	const booked = await Promise.all(
		Array.from({ length: APPOINTMENTS }, async (_, index) => {
			const when = await slot('Haircut in salon', { nth: -(index + 1) });
			const { id } = await call<{ id: string }>('POST', '/items/appointments', { title: `Late ${index}`, ...when, status: 'scheduled' });
			if (index % 2 === 1) await callPeer('PATCH', `/items/appointments/${id}`, { status: 'completed' });
			return { id: String(id), completed: index % 2 === 1 };
		}),
	);

	const statuses = async () => new Map((await call<{ id: string; status: string }[]>('GET', `/items/appointments?limit=-1&fields=id,status&filter[title][_starts_with]=Late`)).map((row) => [String(row.id), row.status]));
	const final = await eventually(statuses, (now) => booked.every(({ id, completed }) => now.get(id) === (completed ? 'completed' : 'overdue')), 30_000, 'every appointment overdue or completed');
	expect(booked.filter(({ id, completed }) => completed && final.get(id) !== 'completed')).toEqual([]);

	const runs = await call<{ item: string }[]>('GET', `/items/workflow_runs?limit=-1&fields=item&filter[rule][_eq]=${recorder}`);
	const perItem = new Map<string, number>();
	for (const { item } of runs) perItem.set(item, (perItem.get(item) ?? 0) + 1);
	for (const { id, completed } of booked) {
		if (completed) expect(perItem.get(id) ?? 0).toBeLessThanOrEqual(1);
		else expect(perItem.get(id)).toBe(1);
	}
});
