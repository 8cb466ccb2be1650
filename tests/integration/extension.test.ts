/** The bundle's entries are loaded in the running Directus and do their job. */
import { describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';

interface ExtensionInfo {
	id: string;
	schema: { name: string; type: string; entries?: { type: string; name: string }[] } | null;
	meta: { enabled: boolean };
	bundle: string | null;
}

describe('workflow-rules bundle', () => {
	it('is installed and enabled with its hooks, endpoint, operations, interface, display, module and panel', async () => {
		const extensions = await data<ExtensionInfo[]>('GET', '/extensions');
		const bundle = extensions.find((extension) => extension.schema?.type === 'bundle' && extension.schema.name === 'directus-extension-workflow-rules');
		const operations = ['create-task', 'email', 'run-flow', 'tag', 'update-fields', 'webhook'].map((name) => `operation:workflow-${name}-operation`);
		const expected = ['display:service-availability-display', 'endpoint:workflows-endpoint', 'hook:service-catalogue-hook', 'hook:workflow-hook', 'interface:service-actions-interface', 'module:workflow-rules-module', ...operations, 'panel:rule-wizard-panel'];

		expect(bundle?.meta.enabled).toBe(true);
		expect(bundle!.schema!.entries!.map((entry) => `${entry.type}:${entry.name}`).sort()).toEqual(expected);

		const entries = extensions.filter((extension) => extension.bundle === bundle!.id);
		expect(entries.filter((entry) => entry.meta.enabled).map((entry) => `${entry.schema!.type}:${entry.schema!.name}`).sort()).toEqual(expected);
	});

	it('answers GET /workflows/health for a signed-in user and refuses anonymous callers', async () => {
		const health = await api('GET', '/workflows/health');
		expect(health.status).toBe(200);
		expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String), hook: { registered: true } });

		expect((await api('GET', '/workflows/health', undefined, null)).status).toBe(403);
	});

	it('hook observes item writes in any user collection', async () => {
		const before = (await api('GET', '/workflows/health')).body.hook.writesSeen as number;
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Hook probe' });
		await data('PATCH', `/items/leads/${lead.id}`, { score: 5 });

		const after = (await api('GET', '/workflows/health')).body.hook;
		expect(after.writesSeen).toBe(before + 2);
		expect(after.lastWrite).toMatchObject({ event: 'items.update', collection: 'leads' });
		await data('DELETE', `/items/leads/${lead.id}`);
	});

	it('tag operation runs inside an ordinary Flow, waiting for the result', async () => {
		const lead = await data<{ id: string }>('POST', '/items/leads', { name: 'Flow probe', tags: ['cold'] });
		const flow = await data<{ id: string }>('POST', '/flows', {
			name: 'Tag probe',
			status: 'active',
			trigger: 'webhook',
			accountability: 'all',
			options: { method: 'GET', async: false },
		});

		try {
			const operation = await data<{ id: string }>('POST', '/operations', {
				flow: flow.id,
				name: 'Tag',
				key: 'tag',
				type: 'workflow-tag',
				position_x: 19,
				position_y: 1,
				options: { collection: 'leads', key: lead.id, add: ['warm', 'vip'], remove: ['cold'], wait: true },
			});
			await data('PATCH', `/flows/${flow.id}`, { operation: operation.id });

			const run = await api('GET', `/flows/trigger/${flow.id}`);
			expect(run.status).toBe(200);

			const tagged = await data<{ tags: string[] }>('GET', `/items/leads/${lead.id}?fields=tags`);
			expect(tagged.tags).toEqual(['warm', 'vip']);
		} finally {
			await data('DELETE', `/flows/${flow.id}`);
			await data('DELETE', `/items/leads/${lead.id}`);
		}
	});
});
