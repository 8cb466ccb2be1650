import type { Knex } from 'knex';
import type { SchemaOverview } from '@directus/types';
import type { ActionEmitter } from './automation/held-events.js';
import type { EngineConfig } from './config.js';
import type { ItemsServiceClass } from './engine/record-reader.js';

export interface Logger {
	info(obj: unknown, msg?: string): void;
	warn(obj: unknown, msg?: string): void;
	error(obj: unknown, msg?: string): void;
	debug(obj: unknown, msg?: string): void;
}

/** Directus' services, as an extension's context hands them over; the ones used are typed. */
export interface DirectusServices {
	ItemsService: ItemsServiceClass;
	[name: string]: unknown;
}

/**
 * What the server runtime needs of Directus, built once by the hook from its extension context
 * and passed down to the engine, the job worker and every action: the database, the schema,
 * Directus' services, `env`, the logger, the core emitter and the engine settings.
 */
export interface Runtime {
	knex: Knex;
	getSchema: () => Promise<SchemaOverview>;
	services: DirectusServices;
	env: Record<string, unknown>;
	logger: Logger;
	emitter: ActionEmitter;
	config: EngineConfig;
}
