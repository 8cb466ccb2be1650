import type { Knex } from 'knex';

/** One action event as Directus' ItemsService hands it to `bypassEmitAction`. */
export interface ActionEvent {
	event: string | string[];
	meta: Record<string, unknown>;
	context: Record<string, unknown> | null;
}

/** The part of Directus' core event emitter (see `directusEmitter`) that fires action hooks. */
export interface ActionEmitter {
	emitAction(event: string | string[], meta: Record<string, unknown>, context?: Record<string, unknown> | null): void;
}

/** ItemsService mutation options that keep the write's action events for later instead of firing them. */
export interface HoldEvents {
	bypassEmitAction: (event: ActionEvent) => void;
}

/**
 * Runs `work` in one transaction whose ItemsService writes hold their action events back (pass
 * `hold` as the mutation options), and fires those events once the transaction has committed:
 * fired earlier, other hooks would read the database before the write is visible to them (or, on
 * SQLite's single connection, wait for the transaction that waits for them). Nothing fires when
 * the transaction rolls back.
 */
export async function transactionThenEmit<T>(knex: Knex, emitter: ActionEmitter, work: (trx: Knex.Transaction, hold: HoldEvents) => Promise<T>): Promise<T> {
	const held: ActionEvent[] = [];
	const result = await knex.transaction((trx) => work(trx, { bypassEmitAction: (event) => held.push(event) }));
	for (const { event, meta, context } of held) emitter.emitAction(event, meta, context);
	return result;
}

/** The mutation options of writes made outside such a transaction: their events fire as they happen. */
export function emitAtOnce(emitter: ActionEmitter): HoldEvents {
	return { bypassEmitAction: ({ event, meta, context }) => emitter.emitAction(event, meta, context) };
}

/**
 * Directus' core emitter, the one `action()` hooks, Flows and other extensions listen on. The
 * `emitter` in an extension's context is a separate emitter for events between extensions, so
 * events emitted there never reach them; the core one is only reachable from the API package,
 * imported at run time from the Directus installation the extension runs in (never bundled,
 * which would make a second, unheard emitter).
 */
export function directusEmitter(onError: (error: unknown) => void): ActionEmitter {
	const specifier = '@directus/api/emitter';
	const core = import(/* @vite-ignore */ specifier).then((module: { default: ActionEmitter }) => module.default);
	core.catch(onError);
	return {
		emitAction(event, meta, context) {
			core.then((emitter) => emitter.emitAction(event, meta, context)).catch(() => undefined);
		},
	};
}
