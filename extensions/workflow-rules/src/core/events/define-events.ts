import { changedFields } from './changed-fields.js';
import type { EventCondition, EventContext, EventDefinition, Item, RecordChange, StateTest, ValueTest } from './event-types.js';
import { sameValue, toInstant } from './values.js';

/**
 * A tiny declarative language for record events. A definition reads like data:
 *
 *   { name: 'rescheduled', on: 'update', changed: ['start_at', 'end_at'], after: { status: { not: 'cancelled' } } }
 *   { name: 'cancelled', becomes: { status: 'cancelled' } }
 *   { name: 'scheduled', on: 'create', after: { status: 'scheduled' } }
 *
 * Every property present must hold (see `EventCondition`); `anyOf` adds alternatives.
 * `becomes` fires on create too: a call created with status `missed` fires `missed` as well as
 * `logged`, because from the rule author's point of view the call did become missed.
 */
export function defineEvents(definitions: readonly EventDefinition[]): readonly EventDefinition[] {
	const seen = new Set<string>();
	for (const definition of definitions) {
		if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) throw new Error(`Invalid event name "${definition.name}"`);
		if (seen.has(definition.name)) throw new Error(`Event "${definition.name}" is defined twice`);
		seen.add(definition.name);
	}
	return Object.freeze([...definitions]);
}

/** Whether the definition fires for this write. */
export function eventFires(definition: EventDefinition, change: RecordChange, context: Partial<EventContext> = {}): boolean {
	const full: EventContext = { now: context.now ?? new Date(), changed: context.changed ?? changedFields(change) };
	if (!conditionHolds(definition, change, full)) return false;
	return !definition.anyOf || definition.anyOf.some((alternative) => conditionHolds(alternative, change, full));
}

function conditionHolds(condition: EventCondition, change: RecordChange, context: EventContext): boolean {
	const { on, changed, before, after, becomes } = condition;
	if (on !== undefined && !(typeof on === 'string' ? [on] : on).includes(change.kind)) return false;
	if (changed !== undefined && !changedAny(changed, context.changed)) return false;
	if (before && !stateMatches(change.before, before, context.now)) return false;
	if (after && !stateMatches(change.after, after, context.now)) return false;
	if (becomes) {
		if (!stateMatches(change.after, becomes, context.now)) return false;
		if (stateMatches(change.before, becomes, context.now)) return false;
	}
	return true;
}

function changedAny(wanted: readonly string[] | '*', changed: readonly string[]): boolean {
	return wanted === '*' ? changed.length > 0 : wanted.some((field) => changed.includes(field));
}

/** An absent state (no before on create, no after on delete) matches nothing. */
export function stateMatches(state: Item | null, test: StateTest, now: Date): boolean {
	if (state === null) return false;
	return Object.entries(test).every(([field, valueTest]) => valueMatches(state[field], valueTest, now));
}

function valueMatches(value: unknown, test: ValueTest, now: Date): boolean {
	if (test === null || typeof test !== 'object') return sameValue(value, test);
	if ('not' in test) return !sameValue(value, test.not);
	const instant = toInstant(value);
	const future = instant !== null && instant > now.getTime();
	return future === test.future;
}
