import type { Knex } from 'knex';
import type { JobWorker } from './worker.js';

/** The signals Directus stops on (api/src/server.ts hands them to @godaddy/terminus). */
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
const SLOT = Symbol.for('workflow-rules.graceful-shutdown');

interface Shutdown {
	workers: Set<JobWorker>;
}

type Slot = { [SLOT]?: Shutdown };

export interface ShutdownDeps {
	/** Directus' own knex: the one its shutdown destroys. */
	knex: Knex;
	graceMs: number;
	logger: { info(message: string): void; warn(message: string): void; error(error: unknown, message: string): void };
}

/**
 * Stops the workers gracefully when Directus stops. Directus' shutdown (terminus, on SIGTERM,
 * SIGINT and SIGHUP) closes the HTTP server, then destroys the database pool, and only then emits
 * `server.stop`: too late for a job to record how it ended. So the signal is heard here too: the
 * workers stop claiming at once, and the pool's destruction waits until their running jobs have
 * finished or, after the grace period, been handed back to the queue. One listener per process,
 * for every worker registered (a reloaded extension's old worker may still be finishing jobs);
 * it removes itself on the first signal, so that terminus' own re-sent signal ends the process.
 */
export function stopWorkersOnSignal(worker: JobWorker, deps: ShutdownDeps): void {
	const slot = globalThis as Slot;
	if (slot[SLOT]) {
		slot[SLOT].workers.add(worker);
		return;
	}
	const state: Shutdown = { workers: new Set([worker]) };
	slot[SLOT] = state;

	const onSignal = (signal: NodeJS.Signals) => {
		for (const name of SIGNALS) process.removeListener(name, onSignal);
		const running = [...state.workers].reduce((count, each) => count + each.runningJobs, 0);
		deps.logger.info(`[workflow-rules] ${signal}: no new jobs; ${running} running job(s) get ${deps.graceMs} ms to finish`);
		const done = Promise.all([...state.workers].map((each) => each.shutdown(deps.graceMs)))
			.then((released) => {
				const total = released.reduce((sum, count) => sum + count, 0);
				if (total > 0) deps.logger.warn(`[workflow-rules] ${total} job(s) still running after ${deps.graceMs} ms were handed back to the queue; another instance or the restart runs them`);
			})
			.catch((error: unknown) => deps.logger.error(error, '[workflow-rules] handing running jobs back to the queue failed; they run again once their lease runs out'));
		try {
			// knex defines `destroy` as a non-writable (but configurable) property: redefined, not assigned.
			const destroy = deps.knex.destroy.bind(deps.knex);
			Object.defineProperty(deps.knex, 'destroy', { value: () => done.then(() => destroy()), configurable: true, writable: true });
		} catch (error) {
			deps.logger.error(error, '[workflow-rules] could not hold the database open for the running jobs: they run again once their lease runs out');
		}
	};
	for (const name of SIGNALS) process.on(name, onSignal);
}
