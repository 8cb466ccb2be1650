/**
 * The studio defaults (list layouts, bookmarks, the Automation dashboard, branding) come with the
 * extension's start: once, whatever the number of restarts or instances, and never over what an
 * admin changed. A scratch instance of its own, restarted and doubled by the test.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchInstance, type ScratchInstance } from '../../scripts/lib/scratch-instance.js';
import { instanceApi } from '../support/instance-api.js';

let instance: ScratchInstance;
const call = instanceApi(() => instance);

interface Preset {
	id: number;
	collection: string;
	bookmark: string | null;
	layout: string;
	layout_query: Record<string, any> | null;
	layout_options: Record<string, any> | null;
	filter: Record<string, unknown> | null;
}

const globalPresets = () => call<Preset[]>('GET', '/presets?limit=-1&filter[user][_null]=true&filter[role][_null]=true&fields=id,collection,bookmark,layout,layout_query,layout_options,filter&sort=id');
const dashboards = () => call<{ id: string; name: string }[]>('GET', '/dashboards?limit=-1&fields=id,name&filter[name][_eq]=Automation');
const panels = () => call<{ id: string; type: string; dashboard: string }[]>('GET', '/panels?limit=-1&fields=id,type,dashboard');
const settings = () => call<{ project_name: string; project_descriptor: string | null; project_color: string }>('GET', '/settings?fields=project_name,project_descriptor,project_color');

beforeAll(async () => {
	instance = await startScratchInstance({ pgUrl: process.env['TEST_PG_URL'] || undefined, seed: false });
}, 180_000);

afterAll(async () => {
	await instance?.stop(path.join('test-results', `directus-studio-defaults-${instance.dbClient}.log`));
}, 60_000);

describe('studio defaults', () => {
	it('a new install opens its lists on chosen columns sorted by date, with bookmarks, the Automation dashboard and the product name', async () => {
		const presets = await globalPresets();
		const byKey = new Map(presets.map((preset) => [`${preset.collection}:${preset.bookmark ?? ''}`, preset]));

		expect(byKey.get('appointments:')?.layout_query?.['tabular']).toMatchObject({ fields: ['start_at', 'service', 'contact', 'owner', 'status'], sort: ['-start_at'] });
		expect(byKey.get('calls:')?.layout_query?.['tabular']).toMatchObject({ fields: expect.arrayContaining(['start_at', 'contact', 'direction', 'status']), sort: ['-start_at'] });
		expect(byKey.get('services:')?.layout_query?.['tabular']?.fields).toEqual(expect.arrayContaining(['name', 'availability', 'price', 'duration_min', 'duration_max', 'available_days', 'available_from', 'available_to']));
		expect(byKey.get('tasks:')?.layout_query?.['tabular']?.sort).toEqual(['due_date']);

		expect(byKey.get("appointments:Today's appointments")?.layout).toBe('calendar');
		expect(byKey.get('appointments:Overdue')?.layout).toBe('tabular');
		expect(byKey.get('calls:Missed calls this week')?.filter).toBeTruthy();
		expect(byKey.get('appointments:Appointments calendar')?.layout_options?.['calendar']).toMatchObject({ startDateField: 'start_at', endDateField: 'end_at' });
		expect(byKey.get('calls:Calls calendar')?.layout_options?.['calendar']).toMatchObject({ startDateField: 'start_at' });

		const [dashboard] = await dashboards();
		expect(dashboard).toBeDefined();
		const types = (await panels()).filter((panel) => panel.dashboard === dashboard!.id).map((panel) => panel.type);
		expect(types).toEqual(expect.arrayContaining(['workflow-rule-wizard', 'metric', 'time-series', 'list']));

		expect(await settings()).toEqual({ project_name: 'Workflow Rules', project_descriptor: 'CRM automation', project_color: '#2F80ED' });
	});

	it('a restart adds nothing twice and keeps what an admin changed', async () => {
		const before = await globalPresets();
		const overdue = before.find((preset) => preset.bookmark === 'Overdue')!;
		const appointmentsList = before.find((preset) => preset.collection === 'appointments' && preset.bookmark === null)!;
		await call('PATCH', `/presets/${overdue.id}`, { bookmark: 'Late visits', filter: { status: { _eq: 'overdue' } } });
		await call('PATCH', `/presets/${appointmentsList.id}`, { layout_query: { tabular: { fields: ['title', 'status'], sort: ['title'] } } });
		await call('PATCH', '/settings', { project_name: 'Acme field service' });
		const [dashboard] = await dashboards();
		await call('PATCH', `/dashboards/${dashboard!.id}`, { name: 'Automation', note: 'Ours now' });
		const panelCount = (await panels()).length;

		await instance.restart();

		const after = await globalPresets();
		expect(after.map((preset) => preset.id)).toEqual(before.map((preset) => preset.id));
		expect(after.find((preset) => preset.id === overdue.id)).toMatchObject({ bookmark: 'Late visits', filter: { status: { _eq: 'overdue' } } });
		expect(after.find((preset) => preset.id === appointmentsList.id)?.layout_query).toEqual({ tabular: { fields: ['title', 'status'], sort: ['title'] } });
		expect(after.filter((preset) => preset.bookmark === 'Overdue')).toEqual([]);
		expect((await settings()).project_name).toBe('Acme field service');
		expect(await dashboards()).toHaveLength(1);
		expect(await call('GET', `/dashboards/${dashboard!.id}?fields=note`)).toEqual({ note: 'Ours now' });
		expect((await panels()).length).toBe(panelCount);
	});

	it('two instances starting together install each missing default once', async () => {
		const ours = (await globalPresets()).filter((preset) => ['Late visits', 'Missed calls this week', 'Calls calendar'].includes(preset.bookmark ?? ''));
		for (const preset of ours) await call('DELETE', `/presets/${preset.id}`);
		const [dashboard] = await dashboards();
		await call('DELETE', `/dashboards/${dashboard!.id}`);

		// A restart and a second instance, both starting now on the same database.
		await Promise.all([instance.restart(), instance.startPeer()]);

		const presets = await globalPresets();
		const names = presets.map((preset) => preset.bookmark).filter((name): name is string => name !== null);
		expect(names.filter((name) => name === 'Overdue')).toHaveLength(1);
		expect(names.filter((name) => name === 'Missed calls this week')).toHaveLength(1);
		expect(names.filter((name) => name === 'Calls calendar')).toHaveLength(1);
		expect(new Set(presets.map((preset) => `${preset.collection}:${preset.bookmark ?? ''}`)).size).toBe(presets.length);
		expect(await dashboards()).toHaveLength(1);
		const [again] = await dashboards();
		expect((await panels()).filter((panel) => panel.dashboard === again!.id)).toHaveLength(7);
	});
});
