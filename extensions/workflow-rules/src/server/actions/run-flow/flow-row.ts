import type { Knex } from 'knex';
import { PermanentActionError } from '../../../core/actions/action-errors.js';

export interface FlowRow {
	id: string;
	name: string;
}

/**
 * The Flow a rule names, from directus_flows: a missing, inactive or differently triggered Flow
 * fails the job at once, since no retry brings it back; an admin mends the Flow or the rule and
 * replays the job.
 */
export async function operationFlow(database: Knex, id: string): Promise<FlowRow> {
	const row = (await database('directus_flows').where('id', id).first('id', 'name', 'status', 'trigger')) as Record<string, unknown> | undefined;
	if (!row) throw new PermanentActionError(`Flow ${id} does not exist`, { kind: 'flow_missing' });
	const name = String(row['name']);
	if (row['status'] !== 'active') throw new PermanentActionError(`Flow "${name}" (${id}) is ${String(row['status'])}`, { kind: 'flow_inactive' });
	if (row['trigger'] !== 'operation') throw new PermanentActionError(`Flow "${name}" (${id}) has a "${String(row['trigger'])}" trigger; rules run Flows with an "Another Flow" trigger`, { kind: 'flow_trigger' });
	return { id: String(row['id']), name };
}
