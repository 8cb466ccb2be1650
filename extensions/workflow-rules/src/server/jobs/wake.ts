import type { Knex } from 'knex';
import { dialectOf } from '../db/dialect.js';

/** Tells the other instances that jobs are due now, and hears them say so. */
export interface Wake {
	/** How instances reach each other here: Directus' bus over Redis, PostgreSQL notifications, or none (the poll finds the jobs). */
	readonly via: 'redis' | 'postgres' | 'poll';
	/** Wakes the other instances (at most one message per `THROTTLE_MS`, the last one trailing). */
	announce(): void;
	close(): Promise<void>;
}

export interface WakeDeps {
	knex: Knex;
	env: Record<string, unknown>;
	/** This instance: its own announcements do not wake it. */
	instance: string;
	/** Another instance queued jobs due now. */
	onWake: () => void;
	onError: (error: unknown, where: string) => void;
}

const CHANNEL = 'workflow_rules_jobs';
const THROTTLE_MS = 25;
const RECONNECT_MS = 5_000;

/** The part of Directus' message bus (`useBus()` of @directus/api) the wake uses. */
interface Bus {
	publish(channel: string, payload: unknown): Promise<void>;
	subscribe(channel: string, callback: (payload: unknown) => void): Promise<void>;
	unsubscribe(channel: string, callback: (payload: unknown) => void): Promise<void>;
}

/** A raw `pg` client, as knex's PostgreSQL client hands it out. */
interface PgConnection {
	query(sql: string): Promise<unknown>;
	on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
	on(event: 'error' | 'end', listener: (error?: unknown) => void): void;
	removeAllListeners(): void;
}

/**
 * Starts the wake this deployment supports. With `REDIS` (or `REDIS_HOST`) set, Directus' own bus,
 * which then publishes through Redis to every instance; otherwise on PostgreSQL, `LISTEN/NOTIFY` on
 * one connection of its own; otherwise nothing, and other instances find the jobs at their next
 * poll. A wake is only a hint to poll now: the claim decides who runs what.
 */
export function startWake(deps: WakeDeps): Wake {
	if (deps.env['REDIS'] || deps.env['REDIS_HOST']) return busWake(deps);
	if (dialectOf(deps.knex) === 'postgres') return postgresWake(deps);
	return { via: 'poll', announce: () => undefined, close: async () => undefined };
}

function throttled(send: () => Promise<void>, onError: (error: unknown) => void): () => void {
	let last = 0;
	let trailing: NodeJS.Timeout | null = null;
	const fire = () => {
		last = Date.now();
		trailing = null;
		send().catch(onError);
	};
	return () => {
		if (trailing) return;
		const wait = last + THROTTLE_MS - Date.now();
		if (wait <= 0) fire();
		else trailing = setTimeout(fire, wait);
	};
}

function busWake(deps: WakeDeps): Wake {
	// Directus' own bus, from the installation the extension runs in (never bundled: a bundled copy would be a second bus).
	const specifier = '@directus/api/bus/index';
	const bus = import(/* @vite-ignore */ specifier).then((module: { useBus: () => Bus }) => module.useBus());
	const listener = (payload: unknown) => {
		if ((payload as { from?: unknown } | null)?.from !== deps.instance) deps.onWake();
	};
	bus.then((it) => it.subscribe(CHANNEL, listener)).catch((error) => deps.onError(error, 'subscribing to Directus’ bus'));
	return {
		via: 'redis',
		announce: throttled(async () => (await bus).publish(CHANNEL, { from: deps.instance }), (error) => deps.onError(error, 'publishing on Directus’ bus')),
		close: async () => {
			await (await bus).unsubscribe(CHANNEL, listener).catch(() => undefined);
		},
	};
}

function postgresWake(deps: WakeDeps): Wake {
	const client = deps.knex.client as unknown as { acquireRawConnection(): Promise<PgConnection>; destroyRawConnection(connection: PgConnection): Promise<void> };
	let connection: PgConnection | null = null;
	let closed = false;
	let retry: NodeJS.Timeout | null = null;

	const drop = (current: PgConnection) => {
		current.removeAllListeners();
		// A dropped connection errors on later use: listeners ignore it.
		(current as unknown as { on(event: 'error', listener: () => void): void }).on('error', () => undefined);
		if (connection === current) connection = null;
		void client.destroyRawConnection(current).catch(() => undefined);
	};
	const listen = async () => {
		retry = null;
		try {
			const current = await client.acquireRawConnection();
			if (closed) return drop(current);
			current.on('notification', (message) => {
				if (message.channel === CHANNEL && message.payload !== deps.instance) deps.onWake();
			});
			const lost = (error?: unknown) => {
				drop(current);
				if (closed) return;
				if (error) deps.onError(error, 'listening for PostgreSQL notifications (retrying; the poll runs meanwhile)');
				retry ??= setTimeout(() => void listen(), RECONNECT_MS);
			};
			current.on('error', lost);
			current.on('end', () => lost());
			await current.query(`LISTEN ${CHANNEL}`);
			connection = current;
		} catch (error) {
			if (closed) return;
			deps.onError(error, 'listening for PostgreSQL notifications (retrying; the poll runs meanwhile)');
			retry ??= setTimeout(() => void listen(), RECONNECT_MS);
		}
	};
	void listen();

	return {
		via: 'postgres',
		announce: throttled(async () => {
			if (!closed) await deps.knex.raw('select pg_notify(?, ?)', [CHANNEL, deps.instance]);
		}, (error) => deps.onError(error, 'notifying the other instances')),
		close: async () => {
			closed = true;
			if (retry) clearTimeout(retry);
			if (connection) drop(connection);
		},
	};
}
