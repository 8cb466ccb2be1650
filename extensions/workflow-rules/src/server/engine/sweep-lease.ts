import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/rows.js';
import { STATE_TABLE } from './execution-gate.js';

/**
 * A lease on a periodic sweep shared by every instance on the database: whoever wins the
 * conditional update runs the sweep for this period, the others skip it. Keeps the overdue
 * sweep (and its `overdue` events) to one instance at a time.
 */
export async function acquireSweepLease(knex: Knex, name: string, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
	const key = `lease:${name}`;
	const expired = new Date(now.getTime() - leaseMs);
	const won = await knex(STATE_TABLE)
		.where({ key })
		.andWhere((where) => where.whereNull('fired_at').orWhere('fired_at', '<', expired).orWhere('item', owner))
		.update({ fired_at: now, item: owner, date_updated: now });
	if (won === 1) return true;

	try {
		await knex(STATE_TABLE).insert({ key, rule: name, collection: 'lease', item: owner, matched: true, fired_at: now, date_created: now, date_updated: now });
		return true;
	} catch (error) {
		if (isUniqueViolation(error)) return false;
		throw error;
	}
}

/** Gives a lease back (its holder could not do what it took it for), so that the next caller may take it at once. */
export async function releaseSweepLease(knex: Knex, name: string, owner: string): Promise<void> {
	await knex(STATE_TABLE).where({ key: `lease:${name}`, item: owner }).update({ fired_at: null });
}
