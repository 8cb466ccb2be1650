import { eventsFor } from './catalog.js';
import { changedFields } from './changed-fields.js';
import { eventFires } from './define-events.js';
import type { EventCondition, EventDefinition, RecordChange } from './event-types.js';

export interface DetectOptions {
	/** the reference instant for time-relative events (`marked_unavailable`); default: the clock */
	now?: Date;
}

/**
 * The events a write fires on a collection, in catalogue order. An update whose before state is
 * unknown (it could not be read) fires only the events that do not compare with it: without a
 * before state every status would look like a transition.
 */
export function detectEvents(collection: string, change: RecordChange, options: DetectOptions = {}): string[] {
	const context = { now: options.now ?? new Date(), changed: changedFields(change) };
	const beforeUnknown = isBeforeUnknown(change);
	return eventsFor(collection)
		.filter((definition) => !beforeUnknown || !comparesWithBefore(definition))
		.filter((definition) => eventFires(definition, change, context))
		.map((definition) => definition.name);
}

/** An update that reached the engine without its before state. */
export function isBeforeUnknown(change: RecordChange): boolean {
	return change.kind === 'update' && change.before === null;
}

function comparesWithBefore(definition: EventDefinition): boolean {
	const compares = (condition: EventCondition) => condition.before !== undefined || condition.becomes !== undefined || condition.changed !== undefined;
	return compares(definition) || (definition.anyOf ?? []).some(compares);
}

/** Events a trigger's `fields` narrows; every other event ignores `fields`. */
export const FIELD_NARROWED_EVENTS: readonly string[] = ['modified', 'updated'];

/**
 * Whether an event trigger listens to an event detected for this change. `fields` (when non-empty)
 * narrows `modified`/`updated` to writes that actually changed one of those fields.
 */
export function listensTo(trigger: { events: string[]; fields?: string[] | null }, event: string, change: RecordChange): boolean {
	if (!trigger.events.includes(event)) return false;
	const fields = trigger.fields ?? [];
	if (fields.length === 0 || !FIELD_NARROWED_EVENTS.includes(event)) return true;
	const changed = changedFields(change);
	return fields.some((field) => changed.includes(field));
}
