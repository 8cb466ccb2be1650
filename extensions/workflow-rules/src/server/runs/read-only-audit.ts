import { createError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import { JOBS_TABLE } from '../jobs/job-store.js';
import { RUNS_TABLE } from './run-log.js';

/** Runs and jobs are the engine's audit records: it writes them itself (with knex), nobody through the items API. */
export const AUDIT_TABLES = [RUNS_TABLE, JOBS_TABLE] as const;

export const AuditRecordError = createError<{ collection: string }>(
	'FORBIDDEN',
	({ collection }) => `${collection} are audit records written by the workflow engine: they cannot be created, changed or deleted through the API; replay a failed job with POST /workflows/jobs/:id/retry`,
	403,
);

/**
 * Checked on create, update and delete of runs and jobs: a write through Directus' services that
 * carries an accountability is refused with a 403. Every API request carries one, a request
 * without a token too (user and role null, the public policy's permissions), so studio, REST and
 * anonymous writes are all refused, admins' included; only system code (no accountability) passes.
 * The engine writes with knex, and the retry endpoint checks the caller's update permission with
 * events off, so this never refuses either.
 */
export function refuseAuditWrite(accountability: Accountability | null | undefined, collection: string): void {
	if (accountability) throw new AuditRecordError({ collection });
}
