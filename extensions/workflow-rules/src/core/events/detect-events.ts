import { eventsFor } from './catalog.js';
import { changedFields } from './changed-fields.js';
import { eventFires } from './define-events.js';
import type { RecordChange } from './event-types.js';

export interface DetectOptions {
	/** the reference instant for time-relative events (`marked_unavailable`); default: the clock */
	now?: Date;
}

/** The events a write fires on a collection, in catalogue order. */
export function detectEvents(collection: string, change: RecordChange, options: DetectOptions = {}): string[] {
	const context = { now: options.now ?? new Date(), changed: changedFields(change) };
	return eventsFor(collection)
		.filter((definition) => eventFires(definition, change, context))
		.map((definition) => definition.name);
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
