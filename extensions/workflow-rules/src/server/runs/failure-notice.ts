import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import { RULES_TABLE } from '../rules/rule-cache.js';
import type { Runtime } from '../runtime.js';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { MODULE_ID } from '../../shared/identity.js';

interface NotificationsServiceClass {
	new (options: { schema: SchemaOverview; knex?: Knex }): { createOne(data: Record<string, unknown>): Promise<unknown> };
}

/** Markdown the studio renders: a rule's name or an error is text, never links or markup. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`);
}

export interface FailedJobRow {
	id: number;
	run: number | null;
	action_type: string;
	collection: string;
	item: string;
	last_error: string | null;
	rule_name: string;
	owner: string | null;
}

/** The notification of one failed job, to the rule's owner: what failed, on which record, why, and where to retry it. */
export function failureNotification(job: FailedJobRow): Record<string, unknown> {
	const error = (job.last_error ?? 'no error recorded').slice(0, 500);
	const where = job.run ? `/admin/${MODULE_ID}/runs/${job.run}` : `/admin/content/${JOBS_TABLE}/${job.id}`;
	return {
		recipient: job.owner,
		sender: null,
		subject: `Workflow rule “${job.rule_name}”: ${job.action_type} action failed`.slice(0, 255),
		message: [
			`The **${escapeMarkdown(job.action_type)}** action of the rule **${escapeMarkdown(job.rule_name)}** failed on ${escapeMarkdown(job.collection)} ${escapeMarkdown(job.item)}.`,
			'',
			`Error: ${escapeMarkdown(error)}`,
			'',
			`[Open the run to retry it](${where})`,
		].join('\n'),
		collection: JOBS_TABLE,
		item: String(job.id),
	};
}

/**
 * Announces jobs that ended `failed`: a studio notification (Directus' NotificationsService, which
 * also mails users who asked for notification mails) to the owner of each job's rule, the user who
 * created it. Jobs of a Flow operation or of a rule without an owner notify nobody.
 */
export async function announceFailedJobs(runtime: Pick<Runtime, 'knex' | 'getSchema' | 'services'>, ids: readonly number[]): Promise<number> {
	if (ids.length === 0) return 0;
	const rows = (await runtime.knex(`${JOBS_TABLE} as j`)
		.join(`${RULES_TABLE} as r`, 'r.id', 'j.rule')
		.whereIn('j.id', ids)
		.andWhere('j.status', 'failed')
		.select('j.id', 'j.run', 'j.action_type', 'j.collection', 'j.item', 'j.last_error', 'r.name as rule_name', 'r.user_created as owner')) as FailedJobRow[];
	const NotificationsService = runtime.services['NotificationsService'] as NotificationsServiceClass | undefined;
	if (!NotificationsService) return 0;
	const schema = await runtime.getSchema();
	let sent = 0;
	for (const row of rows) {
		if (!row.owner) continue;
		await new NotificationsService({ schema, knex: runtime.knex }).createOne(failureNotification({ ...row, id: Number(row.id), run: row.run === null ? null : Number(row.run) }));
		sent++;
	}
	return sent;
}
