import type { Knex } from 'knex';
import { renewLeases } from './job-store.js';

export interface HeartbeatDeps {
	knex: Knex;
	owner: string;
	leaseMs: number;
	/** A job this instance was running was taken by another instance: its lease ran out before a renewal reached the database. */
	onLost: (id: number) => void;
	onError: (error: unknown) => void;
}

/**
 * Keeps the leases of the jobs this instance is running: every third of the lease, one statement
 * extends all of them, so a job slower than its lease (a slow webhook receiver) is never taken
 * and run a second time by another instance while this one still works on it. A lease runs out
 * only when the process stops renewing it: it died, or hung longer than the lease.
 */
export class LeaseHeartbeat {
	private readonly held = new Set<number>();
	private timer: NodeJS.Timeout | null = null;
	private beating = false;

	constructor(private readonly deps: HeartbeatDeps) {}

	add(id: number): void {
		this.held.add(id);
		if (!this.timer) {
			this.timer = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.deps.leaseMs / 3)));
			this.timer.unref();
		}
	}

	remove(id: number): void {
		this.held.delete(id);
		if (this.held.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
	}

	/** The jobs held now. */
	ids(): number[] {
		return [...this.held];
	}

	private async beat(): Promise<void> {
		// A renewal still waiting for the database (SQLite's one writer busy) is not stacked on.
		if (this.beating || this.held.size === 0) return;
		this.beating = true;
		try {
			const lost = await renewLeases(this.deps.knex, this.ids(), this.deps.owner, this.deps.leaseMs);
			for (const id of lost) {
				// Finished while the renewal ran: not lost.
				if (!this.held.has(id)) continue;
				this.held.delete(id);
				this.deps.onLost(id);
			}
		} catch (error) {
			this.deps.onError(error);
		} finally {
			this.beating = false;
		}
	}
}
