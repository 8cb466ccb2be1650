import { defineHook } from '@directus/extensions-sdk';
import type { Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import { ensureAutomationUser } from '../server/automation/automation-user.js';
import { directusEmitter } from '../server/automation/held-events.js';
import { readConfig } from '../server/config.js';
import { getEngine, setEngine } from '../server/engine/engine-registry.js';
import { stopWorkersOnSignal } from '../server/jobs/graceful-shutdown.js';
import { isEngineCollection, WorkflowEngine, type Writer } from '../server/engine/workflow-engine.js';
import type { DirectusServices, Runtime } from '../server/runtime.js';
import { assertSavedActionsUnused, assertValidSavedActionWrite } from '../server/actions/saved-action-write.js';
import { SAVED_ACTIONS_TABLE } from '../server/actions/saved-actions.js';
import { RULES_TABLE } from '../server/rules/rule-cache.js';
import { applyTraceSwitch } from '../server/rules/trace-switch.js';
import { assertValidRuleWrite, refuseDeepRulePayloads } from '../server/rules/validate-rule-write.js';
import { keepRuleSecrets, keepSavedActionSecrets, maskRevisionRow, maskRowWithRule, maskRows, maskRuleRow, maskSavedActionRow } from '../server/rules/secret-masking.js';
import { markHookRegistered, recordWrite } from '../server/runtime-status.js';
import { AUDIT_TABLES, refuseAuditWrite } from '../server/runs/read-only-audit.js';
import { ensureModuleInBar } from '../server/module-bar/module-bar.js';
import { installCustomTranslations } from '../server/studio/custom-translations.js';
import { linkExistingServices, linkService, SERVICES_TABLE, withoutServiceLink } from '../server/studio/service-availability-link.js';
import { installStudioDefaults } from '../server/studio/install-studio-defaults.js';

type Keys = (string | number)[];
interface HookContext {
	database?: unknown;
	schema?: unknown;
	accountability?: Accountability | null;
}

const writer = (context: HookContext): Writer | null => (context.accountability ? { user: context.accountability.user ?? null, role: context.accountability.role ?? null, admin: context.accountability.admin === true } : null);

export default defineHook(({ filter, action, init }, { database, getSchema, services, logger, env }) => {
	const emitter = directusEmitter((error) => logger.error(error, '[workflow-rules] Directus’ event emitter could not be loaded: writes made by rules will fire no hooks'));
	const runtime: Runtime = { knex: database, getSchema, services: services as unknown as DirectusServices, env, logger, emitter, config: readConfig(env) };
	const engine = new WorkflowEngine(runtime);
	const replacesRunningEngine = setEngine(engine);

	const guard = (where: string, work: () => Promise<void>) =>
		work().catch((error) => logger.error(error, `[workflow-rules] ${where} failed; the write itself is unaffected`));

	// Rules are validated before they are stored: a 400 naming each problem's path.
	init('routes.before', ({ app }) => app.use([`/items/${RULES_TABLE}`, `/items/${SAVED_ACTIONS_TABLE}`], refuseDeepRulePayloads));
	for (const event of ['create', 'update'] as const) {
		filter(`${RULES_TABLE}.items.${event}`, async (input, meta, context: HookContext) => {
			const keys = event === 'update' ? (meta['keys'] as Keys) : null;
			const payload = await keepRuleSecrets(input as Record<string, unknown>, keys, context.database as Knex);
			applyTraceSwitch(payload);
			await assertValidRuleWrite(payload, keys, context.database as Knex, context.schema as SchemaOverview, context.accountability ?? null);
			return payload;
		});
	}

	// Webhook secrets leave through no read: masked in rules, saved actions, a run's or job's rule and their revisions.
	filter(`${RULES_TABLE}.items.read`, maskRows(maskRuleRow));
	filter(`${SAVED_ACTIONS_TABLE}.items.read`, maskRows(maskSavedActionRow));
	for (const table of AUDIT_TABLES) filter(`${table}.items.read`, maskRows(maskRowWithRule));
	filter('revisions.read', maskRows(maskRevisionRow));
	for (const event of ['create', 'update', 'delete']) action(`${RULES_TABLE}.items.${event}`, () => engine.rules.invalidate());

	// Runs and jobs are audit records: the engine writes them, users only read them (and replay a job through the endpoint).
	for (const table of AUDIT_TABLES) {
		for (const event of ['create', 'update', 'delete']) {
			filter(`${table}.items.${event}`, (payload, _meta, context: HookContext) => {
				refuseAuditWrite(context.accountability, table);
				return payload;
			});
		}
	}

	// Scheduled actions are planned on the CRM time zone's wall clock.
	for (const event of ['create', 'update']) action(`crm_settings.items.${event}`, () => guard('reading the CRM time zone', () => engine.refreshTimeZone()));

	// Saved actions: checked as a rule's action is, kept while rules use them, and a change reaches every rule that uses them.
	for (const event of ['create', 'update'] as const) {
		filter(`${SAVED_ACTIONS_TABLE}.items.${event}`, async (input, meta, context: HookContext) => {
			const keys = event === 'update' ? (meta['keys'] as Keys) : null;
			const payload = await keepSavedActionSecrets(input as Record<string, unknown>, keys, context.database as Knex);
			await assertValidSavedActionWrite(payload, keys, context.database as Knex, context.schema as SchemaOverview, context.accountability ?? null);
			return payload;
		});
	}
	filter(`${SAVED_ACTIONS_TABLE}.items.delete`, async (keys, _meta, context: HookContext) => {
		await assertSavedActionsUnused(keys as Keys, context.database as Knex);
		return keys;
	});
	for (const event of ['create', 'update', 'delete']) action(`${SAVED_ACTIONS_TABLE}.items.${event}`, () => engine.rules.invalidate());

	// Before the write: the before state, and an intent row that makes the evaluation owed until it is stored.
	filter('items.create', async (payload, meta, context: HookContext) => {
		const collection = String(meta['collection']);
		if (!isEngineCollection(collection)) await guard('recording a create', () => engine.captureCreate(collection, payload, context.database as Knex, context.schema as SchemaOverview, writer(context)));
		return payload;
	});
	filter('items.update', async (payload, meta, context: HookContext) => {
		const collection = String(meta['collection']);
		if (!isEngineCollection(collection)) await guard('reading the before state', () => engine.captureBefore('update', collection, meta['keys'], meta['keys'] as Keys, payload, context.database as Knex, context.schema as SchemaOverview, writer(context)));
		return payload;
	});
	filter('items.delete', async (keys, meta, context: HookContext) => {
		const collection = String(meta['collection']);
		if (!isEngineCollection(collection)) await guard('reading the deleted records', () => engine.captureBefore('delete', collection, keys, keys as Keys, null, context.database as Knex, context.schema as SchemaOverview, writer(context)));
		return keys;
	});

	// Evaluation: after the write commits, never failing it.
	action('items.create', (meta, context) => observe('create', meta, context, [meta['key'] as string | number], null));
	action('items.update', (meta, context) => observe('update', meta, context, meta['keys'] as Keys, meta['keys']));
	action('items.delete', (meta, context) => observe('delete', meta, context, meta['keys'] as Keys, meta['keys']));

	function observe(kind: 'create' | 'update' | 'delete', meta: Record<string, unknown>, context: HookContext, keys: Keys, handle: unknown) {
		const collection = String(meta['collection']);
		if (isEngineCollection(collection)) return;
		recordWrite(`items.${kind}`, collection);
		return guard(`evaluating rules on ${collection}`, () => engine.afterWrite(kind, collection, keys, handle, meta['payload'], (context.schema as SchemaOverview | undefined) ?? null, writer(context)));
	}

	// Before the server listens, so that the first rule saved or run finds the user rules write as.
	// The Workflow rules module in the module bar of every install (once: an admin may hide it afterwards).
	init('app.before', () => ensureModuleInBar(runtime).catch((error) => logger.error(error, '[workflow-rules] could not add the Workflow rules module to the module bar')));
	// The French (and English) texts of the schema's notes and choices, as Directus custom translations.
	init('app.before', () => installCustomTranslations(database).then(() => undefined, (error) => logger.error(error, '[workflow-rules] could not install the custom translations; the studio shows their keys')));
	// A service's availability column reads the service through services.availability (itself).
	init('app.before', () => linkExistingServices(database).then(() => undefined, (error) => logger.error(error, '[workflow-rules] could not link services to their availability')));
	filter(`${SERVICES_TABLE}.items.create`, (input) => withoutServiceLink(input as Record<string, unknown>));
	filter(`${SERVICES_TABLE}.items.update`, (input) => withoutServiceLink(input as Record<string, unknown>));
	action(`${SERVICES_TABLE}.items.create`, ({ key }) => linkService(database, key as string | number).catch((error) => logger.error(error, `[workflow-rules] could not link service ${String(key)} to its availability`)));
	// List layouts, bookmarks, the Automation dashboard and the branding, where they are missing.
	init('app.before', () => installStudioDefaults({ services: runtime.services, getSchema, knex: database, logger }).catch((error) => logger.error(error, '[workflow-rules] could not install the studio defaults (list layouts, bookmarks, dashboard)')));
	init('app.before', () => ensureAutomationUser({ services, getSchema, knex: database, logger }).catch((error) => logger.error(error, '[workflow-rules] could not create the automation user; rule actions will fail until it exists')));

	const startWorker = () => {
		void guard('reading the CRM time zone', () => engine.refreshTimeZone());
		engine.worker.start();
		// Only once the server runs: its shutdown (terminus) is what ends the process after the signal.
		stopWorkersOnSignal(engine.worker, { knex: database, graceMs: runtime.config.shutdownGraceMs, logger });
		logger.info(`[workflow-rules] worker started as ${engine.instance}, running up to ${runtime.config.concurrency} jobs at a time`);
	};
	// A reload replaces a running engine: its worker stops and this one's starts at once.
	if (replacesRunningEngine) startWorker();
	action('server.start', () => {
		if (getEngine() === engine) startWorker();
	});
	// After a signal the worker has already stopped (see stopWorkersOnSignal); this covers other stops.
	action('server.stop', () => engine.worker.stop());

	markHookRegistered(['items.create', 'items.update', 'items.delete']);
	logger.info('[workflow-rules] hook registered on item events');
});
