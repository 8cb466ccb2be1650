import type { WorkflowEngine } from './workflow-engine.js';

/** The hook creates the engine; the endpoint, bundled in the same module, finds it here. */
let current: WorkflowEngine | null = null;

export function setEngine(engine: WorkflowEngine): void {
	current = engine;
}

export function getEngine(): WorkflowEngine | null {
	return current;
}
