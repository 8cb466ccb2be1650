import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { MODULE_ID } from '../../shared/identity.js';
import { fromJson } from '../db/rows.js';

export interface ModuleBarPart {
	type: 'module' | 'link';
	id: string;
	enabled: boolean;
	[key: string]: unknown;
}

/** Directus 12's module bar when the project never changed it (app/src/constants.ts MODULE_BAR_DEFAULT). */
export const DEFAULT_MODULE_BAR: ModuleBarPart[] = [
	{ type: 'module', id: 'content', enabled: true },
	{ type: 'module', id: 'visual', enabled: false },
	{ type: 'module', id: 'users', enabled: true },
	{ type: 'module', id: 'files', enabled: true },
	{ type: 'module', id: 'insights', enabled: true },
	{ type: 'module', id: 'flows', enabled: true },
	{ type: 'module', id: 'deployments', enabled: false },
	{ type: 'link', id: 'docs', enabled: true, name: '$t:documentation', icon: 'help', url: 'https://directus.com/docs' },
	{ type: 'module', id: 'settings', enabled: true, locked: true },
];

/**
 * The module bar with the Workflow rules module, enabled, before Settings; null when it is already
 * listed (enabled or not: an admin who turned it off keeps it off).
 */
export function withWorkflowModule(bar: ModuleBarPart[] | null): ModuleBarPart[] | null {
	const parts = bar && bar.length > 0 ? bar : DEFAULT_MODULE_BAR;
	if (parts.some((part) => part.type === 'module' && part.id === MODULE_ID)) return null;
	const entry: ModuleBarPart = { type: 'module', id: MODULE_ID, enabled: true };
	const settings = parts.findIndex((part) => part.id === 'settings');
	return settings === -1 ? [...parts, entry] : [...parts.slice(0, settings), entry, ...parts.slice(settings)];
}

interface SettingsServiceClass {
	new (options: { schema: SchemaOverview; knex?: Knex }): { readSingleton(query: Record<string, unknown>): Promise<Record<string, unknown>>; upsertSingleton(data: Record<string, unknown>): Promise<unknown> };
}

/** Puts the module in the project's module bar once, on every install (through Directus' settings service, so caches follow). */
export async function ensureModuleInBar(deps: { knex: Knex; getSchema: () => Promise<SchemaOverview>; services: Record<string, unknown> }): Promise<boolean> {
	const SettingsService = deps.services['SettingsService'] as SettingsServiceClass;
	const service = new SettingsService({ schema: await deps.getSchema(), knex: deps.knex });
	const settings = await service.readSingleton({ fields: ['module_bar'] });
	const next = withWorkflowModule(fromJson<ModuleBarPart[] | null>(settings['module_bar'], null));
	if (!next) return false;
	await service.upsertSingleton({ module_bar: next });
	return true;
}
