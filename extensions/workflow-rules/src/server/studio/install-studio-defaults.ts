import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { AUTOMATION_DASHBOARD, AUTOMATION_PANELS } from './automation-dashboard.js';
import { brandingToApply } from './branding.js';
import { BOOKMARK_DEFAULTS, LIST_DEFAULTS, type PresetDefault } from './list-presets.js';

type ServiceClass = new (options: { schema: SchemaOverview; knex: Knex; accountability: null }) => {
	createOne(data: Record<string, unknown>): Promise<unknown>;
};
type SettingsServiceClass = new (options: { schema: SchemaOverview; knex: Knex; accountability: null }) => {
	readSingleton(query: Record<string, unknown>): Promise<Record<string, unknown>>;
	upsertSingleton(data: Record<string, unknown>): Promise<unknown>;
};

export interface StudioDefaultsDeps {
	services: Record<string, unknown>;
	getSchema: () => Promise<SchemaOverview>;
	knex: Knex;
	logger: { info(message: string): void };
}

export interface StudioDefaultsReport {
	presets: number;
	dashboard: boolean;
	panels: number;
	branding: string[];
}

/**
 * What a new install of the CRM studio opens on: list layouts and bookmarks, the Automation
 * dashboard and the product's branding. Written as the system through Directus' services, each
 * row only when it is missing (fixed ids), so a restart, a second instance starting at the same
 * moment, or an admin's later change never meets a duplicate or an overwrite.
 */
export async function installStudioDefaults({ services, getSchema, knex, logger }: StudioDefaultsDeps): Promise<StudioDefaultsReport> {
	const schema = await getSchema();
	const options = { schema, knex, accountability: null };
	const service = (name: string) => new (services[name] as ServiceClass)(options);
	const exists = (collection: string) => collection in schema.collections;
	const report: StudioDefaultsReport = { presets: 0, dashboard: false, panels: 0, branding: [] };

	for (const preset of [...LIST_DEFAULTS, ...BOOKMARK_DEFAULTS]) {
		if (!exists(preset.collection) || (await presetTaken(knex, preset))) continue;
		if (await createIfAbsent(knex, 'directus_presets', preset.id, () => service('PresetsService').createOne(presetRow(preset)))) report.presets++;
	}

	report.dashboard = await createIfAbsent(knex, 'directus_dashboards', AUTOMATION_DASHBOARD.id, () => service('DashboardsService').createOne({ ...AUTOMATION_DASHBOARD }));
	// Panels join the dashboard they were shipped with; an admin who deleted it deleted them too.
	if (await rowExists(knex, 'directus_dashboards', AUTOMATION_DASHBOARD.id)) {
		for (const { reads, ...panel } of AUTOMATION_PANELS) {
			if (!reads.every(exists)) continue;
			if (await createIfAbsent(knex, 'directus_panels', panel.id, () => service('PanelsService').createOne({ ...panel, dashboard: AUTOMATION_DASHBOARD.id, show_header: true }))) report.panels++;
		}
	}

	const settings = new (services['SettingsService'] as SettingsServiceClass)(options);
	const branding = brandingToApply(await settings.readSingleton({ fields: ['project_name', 'project_descriptor', 'project_color'] }));
	if (Object.keys(branding).length > 0) await settings.upsertSingleton(branding);
	report.branding = Object.keys(branding);

	const added = report.presets + report.panels + (report.dashboard ? 1 : 0) + report.branding.length;
	if (added > 0) logger.info(`[workflow-rules] studio defaults: ${report.presets} list presets and bookmarks, ${report.dashboard ? 'the Automation dashboard, ' : ''}${report.panels} dashboard panels, branding ${report.branding.join(', ') || 'kept'}`);
	return report;
}

function presetRow(preset: PresetDefault): Record<string, unknown> {
	return { ...preset, user: null, role: null, icon: preset.icon ?? 'bookmark', color: preset.color ?? null };
}

/**
 * A global default the project already has (its own, made before the extension came) or a global
 * bookmark of the same name takes the place of ours: two would compete for the same list.
 */
async function presetTaken(knex: Knex, preset: PresetDefault): Promise<boolean> {
	const query = knex('directus_presets').where({ collection: preset.collection }).whereNull('user').whereNull('role');
	const row = await (preset.bookmark === null ? query.whereNull('bookmark') : query.where('bookmark', preset.bookmark)).first('id');
	return row !== undefined;
}

async function rowExists(knex: Knex, table: string, id: string | number): Promise<boolean> {
	return (await knex(table).where('id', id).first('id')) !== undefined;
}

/** Another instance starting at the same moment may create it first: that is as good as creating it. */
async function createIfAbsent(knex: Knex, table: string, id: string | number, create: () => Promise<unknown>): Promise<boolean> {
	if (await rowExists(knex, table, id)) return false;
	try {
		await create();
		return true;
	} catch (error) {
		if (await rowExists(knex, table, id)) return false;
		throw error;
	}
}
