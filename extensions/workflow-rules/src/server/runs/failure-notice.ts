import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { acquireSweepLease, releaseSweepLease } from '../engine/sweep-lease.js';
import { RULES_TABLE } from '../rules/rule-cache.js';
import type { Runtime } from '../runtime.js';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { MODULE_ID } from '../../shared/identity.js';
import { activeAdmins, noticeRecipients } from './notice-recipients.js';

interface NotificationsServiceClass {
	new (options: { schema: SchemaOverview; knex?: Knex }): { createOne(data: Record<string, unknown>): Promise<unknown> };
}

/** One notification per rule and recipient in this window; later failures in it are not announced. */
export const NOTICE_WINDOW_MS = 15 * 60_000;

/** Markdown the studio renders: a rule's name or an error is text, never links or markup. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`);
}

/**
 * Text shown verbatim in a fenced code block: its backticks become look-alike grave accents (ˋ),
 * so no line of it can close the fence and turn the rest into markup.
 */
export function fencedCode(text: string): string {
	return ['```', text.replace(/`/g, '\u02CB'), '```'].join('\n');
}

/**
 * Where a notification's link points: absolute under PUBLIC_URL when Directus has one (a mailed
 * notification is read outside the studio), relative to the studio otherwise (Directus' default '/').
 */
export function studioBase(env: Record<string, unknown>): string {
	const publicUrl = typeof env['PUBLIC_URL'] === 'string' ? env['PUBLIC_URL'] : '';
	return publicUrl.replace(/\/+$/, '');
}

export interface FailedJobRow {
	id: number;
	run: number | null;
	action_type: string;
	collection: string;
	item: string;
	last_error: string | null;
	rule: string;
	rule_name: string;
	owner: string | null;
}

/**
 * The notification of one failed job to one recipient: what failed, on which record, why (the
 * error verbatim), where to retry it, and that further failures of the rule in the window are
 * not announced one by one.
 */
export function failureNotification(job: FailedJobRow, recipient: string, base = ''): Record<string, unknown> {
	const error = (job.last_error ?? 'no error recorded').slice(0, 500);
	const where = job.run ? `${base}/admin/${MODULE_ID}/runs/${job.run}` : `${base}/admin/content/${JOBS_TABLE}/${job.id}`;
	return {
		recipient,
		sender: null,
		subject: `Workflow rule “${job.rule_name}”: ${job.action_type} action failed`.slice(0, 255),
		message: [
			`The **${escapeMarkdown(job.action_type)}** action of the rule **${escapeMarkdown(job.rule_name)}** failed on ${escapeMarkdown(job.collection)} ${escapeMarkdown(job.item)}.`,
			'',
			fencedCode(error),
			'',
			`[Open the run to retry it](${where})`,
			'',
			`Other failures of this rule in the next ${NOTICE_WINDOW_MS / 60_000} minutes are not announced: its runs list them.`,
		].join('\n'),
		collection: JOBS_TABLE,
		item: String(job.id),
	};
}

/**
 * Announces jobs that ended `failed`: a studio notification (Directus' NotificationsService, which
 * also mails users who asked for notification mails) to the rule's creator, or to the active
 * admins when the creator is gone. At most one per rule and recipient per NOTICE_WINDOW_MS, on
 * every instance together: the first failure takes a lease in the database, the others in the
 * window find it taken and are skipped (a burst of failures is one notification). Jobs of a Flow
 * operation (no rule) notify nobody.
 */
export async function announceFailedJobs(runtime: Pick<Runtime, 'knex' | 'getSchema' | 'services' | 'env'>, ids: readonly number[], now = new Date()): Promise<number> {
	if (ids.length === 0) return 0;
	const { knex } = runtime;
	const rows = (await knex(`${JOBS_TABLE} as j`)
		.join(`${RULES_TABLE} as r`, 'r.id', 'j.rule')
		.whereIn('j.id', ids)
		.andWhere('j.status', 'failed')
		.orderBy('j.id')
		.select('j.id', 'j.run', 'j.action_type', 'j.collection', 'j.item', 'j.last_error', 'r.id as rule', 'r.name as rule_name', 'r.user_created as owner')) as FailedJobRow[];
	const NotificationsService = runtime.services['NotificationsService'] as NotificationsServiceClass | undefined;
	if (rows.length === 0 || !NotificationsService) return 0;
	const schema = await runtime.getSchema();
	const base = studioBase(runtime.env);
	let admins: Promise<string[]> | undefined;
	// One notification per rule at most: a burst of failures of one rule is announced by its first job.
	const firstPerRule = new Map<string, FailedJobRow>();
	for (const row of rows) if (!firstPerRule.has(String(row.rule))) firstPerRule.set(String(row.rule), row);
	let sent = 0;
	for (const row of firstPerRule.values()) {
		for (const recipient of await noticeRecipients(knex, row.owner, () => (admins ??= activeAdmins(knex)))) {
			// A fresh lease holder each time, so that nobody (this instance included) renews it within the window.
			const lease = `failure-notice:${row.rule}:${recipient}`;
			const holder = randomUUID();
			if (!(await acquireSweepLease(knex, lease, holder, NOTICE_WINDOW_MS, now))) continue;
			const job = { ...row, id: Number(row.id), run: row.run === null ? null : Number(row.run), rule: String(row.rule) };
			try {
				await new NotificationsService({ schema, knex }).createOne(failureNotification(job, recipient, base));
			} catch (error) {
				// Not announced: the next failure may try again rather than the rule staying silent for the window.
				await releaseSweepLease(knex, lease, holder);
				throw error;
			}
			sent++;
		}
	}
	return sent;
}
