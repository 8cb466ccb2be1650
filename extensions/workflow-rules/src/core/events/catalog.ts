import { APPOINTMENT_EVENTS } from './appointments.js';
import { CALL_EVENTS } from './calls.js';
import { defineEvents } from './define-events.js';
import type { EventDefinition } from './event-types.js';
import { SERVICE_EVENTS } from './services.js';

/** Events every collection has, CRM or not. `updated` is the raw write: it fires on any update. */
export const GENERIC_EVENTS = defineEvents([
	{ name: 'created', label: 'Created', description: 'An item was created.', on: 'create' },
	{ name: 'updated', label: 'Updated', description: 'An item was updated (even with unchanged values).', on: 'update' },
	{ name: 'deleted', label: 'Deleted', description: 'An item was deleted.', on: 'delete' },
]);

const SEMANTIC_EVENTS = {
	appointments: APPOINTMENT_EVENTS,
	calls: CALL_EVENTS,
	services: SERVICE_EVENTS,
} as const satisfies Record<string, readonly EventDefinition[]>;

export type SemanticCollection = keyof typeof SEMANTIC_EVENTS;

/** The collections with their own event table. */
export const SEMANTIC_COLLECTIONS = Object.freeze(Object.keys(SEMANTIC_EVENTS)) as readonly SemanticCollection[];

export function isSemanticCollection(collection: string): collection is SemanticCollection {
	return Object.hasOwn(SEMANTIC_EVENTS, collection);
}

/**
 * The catalogue of a collection, in its stable order: the generic events first, then the
 * collection's table. A table entry named like a generic event (`deleted`) takes that event's place
 * instead of being listed twice.
 */
export function eventsFor(collection: string): EventDefinition[] {
	const table: readonly EventDefinition[] = isSemanticCollection(collection) ? SEMANTIC_EVENTS[collection] : [];
	const byName = new Map(table.map((definition) => [definition.name, definition]));
	const generic = GENERIC_EVENTS.map((definition) => byName.get(definition.name) ?? definition);
	const genericNames = new Set(GENERIC_EVENTS.map((definition) => definition.name));
	return [...generic, ...table.filter((definition) => !genericNames.has(definition.name))];
}

/**
 * The write an event is tried as (the dry run, the record test): one that fires on creation only
 * (`created`, an appointment's `scheduled`, a call's `logged`) is a create, on deletion only a
 * delete, any other an update, whose values before the change matter.
 */
export function eventWriteKind(collection: string, event: string): 'create' | 'update' | 'delete' {
	const on = eventsFor(collection).find((definition) => definition.name === event)?.on;
	const kinds = on === undefined ? [] : typeof on === 'string' ? [on] : [...on];
	return kinds.length === 1 && (kinds[0] === 'create' || kinds[0] === 'delete') ? kinds[0] : 'update';
}

export function eventNames(collection: string): string[] {
	return eventsFor(collection).map((definition) => definition.name);
}
