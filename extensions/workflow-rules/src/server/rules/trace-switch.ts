import type { Knex } from 'knex';
import { RULES_TABLE } from './rule-cache.js';

/** How long "log every evaluation" stays on once turned on. */
export const TRACE_WINDOW_MS = 24 * 3_600_000;

/**
 * Turning "log every evaluation" on starts its 24-hour window; turning it off ends it. The window
 * is what the engine reads, so logging stops on time even before the switch is turned back off.
 */
export function applyTraceSwitch(payload: Record<string, unknown>, now = new Date()): void {
	if (!('trace_evaluations' in payload)) return;
	payload['trace_until'] = payload['trace_evaluations'] === true ? new Date(now.getTime() + TRACE_WINDOW_MS).toISOString() : null;
}

/** Turns the switch back off on rules whose window has passed, so the studio shows it off. */
export async function expireTraceSwitches(knex: Knex, now = new Date()): Promise<number> {
	return knex(RULES_TABLE).where('trace_evaluations', true).andWhere('trace_until', '<', now).update({ trace_evaluations: false });
}
