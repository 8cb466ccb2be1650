import type { WorkflowEngine } from './workflow-engine.js';

/**
 * The process-wide slot of the running engine: the hook registers it, the endpoint finds it.
 * A reloaded extension is a new module with a new engine while the old one's worker still polls:
 * Directus removes the old hooks but has no unload callback for a timer. Whoever registers takes
 * the slot, stops the worker of the engine it replaces and, when that worker was running (the
 * server is already up, so `server.start` will not come again), starts its own: one worker per
 * process, always the newest engine's.
 */
const SLOT = Symbol.for('workflow-rules.engine');
type Slot = { [SLOT]?: WorkflowEngine };

/** Takes the slot; true when the replaced engine's worker was running and this one must start now. */
export function setEngine(engine: WorkflowEngine): boolean {
	const slot = globalThis as Slot;
	const previous = slot[SLOT];
	slot[SLOT] = engine;
	if (!previous || previous === engine) return false;
	const wasRunning = previous.worker.running;
	previous.worker.stop();
	return wasRunning;
}

export function getEngine(): WorkflowEngine | null {
	return (globalThis as Slot)[SLOT] ?? null;
}
