import { defineEndpoint } from '@directus/extensions-sdk';
import type { Knex } from 'knex';
import { ENDPOINT_ID } from '../shared/identity.js';
import { EXTENSION_VERSION } from '../shared/version.js';
import { redactRuleSecrets } from '../core/rule/redact-secrets.js';
import { asyncRoute } from '../server/http/async-route.js';
import { requireUser, requireWorkflowAccess } from '../server/http/require-user.js';
import { runtimeStatus } from '../server/runtime-status.js';
import type { ItemsServiceClass } from '../server/engine/record-reader.js';
import { getEngine } from '../server/engine/engine-registry.js';
import { assertValidRule } from '../server/rules/validate-rule-write.js';
import { assertMayReadSavedActions } from '../server/actions/saved-action-access.js';
import { dryRun } from '../server/rules/dry-run.js';
import { usageReport } from '../server/runs/usage.js';
import { usageScope } from '../server/runs/usage-scope.js';
import { previewTemplates } from '../server/templates/preview.js';
import { replayJob, JOBS_TABLE } from '../server/jobs/job-store.js';
import { BadRequestError, NotFoundError } from '../server/errors.js';
import { serviceSlots } from '../server/catalogue/service-slots-route.js';
import { cloneService, markAvailable, markUnavailable, markUnused, type QuickActionDeps } from '../server/catalogue/quick-actions.js';

export default defineEndpoint({
	id: ENDPOINT_ID,
	handler: (router, { database, getSchema, services }) => {
		const knex = database as Knex;
		const ItemsService = services.ItemsService as unknown as ItemsServiceClass;
		const access = async (req: Parameters<typeof requireUser>[0]) => requireWorkflowAccess(req, ItemsService, await getSchema());

		router.get('/health', asyncRoute(async (req, res) => {
			const health = { status: 'ok', version: EXTENSION_VERSION };
			// Host name, process id and traffic are for those who run the instance, not every user.
			res.json(requireUser(req).admin ? { ...health, instance: getEngine()?.instance ?? null, ...runtimeStatus() } : health);
		}));

		router.post('/rules/validate', asyncRoute(async (req, res) => {
			const accountability = await access(req);
			const body = (req.body ?? {}) as Record<string, unknown>;
			await assertMayReadSavedActions(body['actions'], ItemsService, await getSchema(), accountability);
			const rule = await assertValidRule(body, await getSchema(), knex);
			res.json({ data: { valid: true, rule: redactRuleSecrets(rule) } });
		}));

		router.post('/rules/test', asyncRoute(async (req, res) => {
			const accountability = await access(req);
			res.json({ data: await dryRun(req.body ?? {}, { knex, schema: await getSchema(), ItemsService, accountability }) });
		}));

		router.post('/templates/preview', asyncRoute(async (req, res) => {
			res.json({ data: await previewTemplates(req.body ?? {}, { schema: await getSchema(), ItemsService, accountability: await access(req) }) });
		}));

		router.get('/usage', asyncRoute(async (req, res) => {
			const accountability = await access(req);
			const to = parseDay(req.query['to'], 'to', new Date(Date.now() + 86_400_000));
			const from = parseDay(req.query['from'], 'from', new Date(to.getTime() - 31 * 86_400_000));
			const rule = typeof req.query['rule'] === 'string' ? req.query['rule'] : undefined;
			// Only the rules the caller may read, by their own permissions: names and counts of others stay out.
			const scope = await usageScope(ItemsService, await getSchema(), accountability);
			res.json({ data: await usageReport(knex, from, to, rule, scope) });
		}));

		// Service catalogue quick actions, with the caller's own permissions on services.
		const quick = async (req: Parameters<typeof requireUser>[0]): Promise<QuickActionDeps> => ({ knex, schema: await getSchema(), ItemsService, accountability: requireUser(req) });
		router.post('/services/:id/unavailable', asyncRoute(async (req, res) => {
			res.json({ data: await markUnavailable(await quick(req), String(req.params['id']), req.body ?? {}) });
		}));
		router.post('/services/:id/unused', asyncRoute(async (req, res) => {
			res.json({ data: await markUnused(await quick(req), String(req.params['id'])) });
		}));
		router.post('/services/:id/available', asyncRoute(async (req, res) => {
			res.json({ data: await markAvailable(await quick(req), String(req.params['id'])) });
		}));
		router.get('/services/:id/slots', asyncRoute(async (req, res) => {
			const deps = { knex, schema: await getSchema(), ItemsService, accountability: requireUser(req) };
			res.json(await serviceSlots(deps, String(req.params['id']), req.query as Record<string, unknown>));
		}));
		router.post('/services/:id/clone', asyncRoute(async (req, res) => {
			res.json({ data: await cloneService(await quick(req), String(req.params['id'])) });
		}));

		router.post('/jobs/:id/retry', asyncRoute(async (req, res) => {
			const accountability = await access(req);
			const id = Number(req.params['id']);
			if (!Number.isInteger(id)) throw new BadRequestError({ field: 'id', problem: 'must be a job id' });
			const job = await knex(JOBS_TABLE).where('id', id).first();
			if (!job) throw new NotFoundError({ what: `job ${id}` });
			const schema = await getSchema();
			await knex.transaction(async (trx) => {
				// A replay changes the job, so Directus decides with the caller's own update of it (its
				// status, unchanged): refused, with a 403, unless their policies let them update jobs.
				if (!accountability.admin) await new ItemsService(JOBS_TABLE, { schema, accountability, knex: trx }).updateOne(id, { status: job.status }, { emitEvents: false, skipTracking: true });
				if (!(await replayJob(trx, id))) throw new BadRequestError({ field: 'id', problem: `job ${id} is ${job.status}; only failed, skipped or cancelled jobs can be replayed` });
			});
			getEngine()?.worker.nudge();
			// The context holds the record's previous values: not the caller's to read through a replay.
			const { context: _context, ...replayed } = (await knex(JOBS_TABLE).where('id', id).first()) as Record<string, unknown>;
			res.json({ data: replayed });
		}));
	},
});

function parseDay(value: unknown, field: string, fallback: Date): Date {
	if (value === undefined || value === '') return fallback;
	const date = new Date(String(value));
	if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new BadRequestError({ field, problem: 'must be a date such as 2026-11-01' });
	return date;
}
