export type {
	EventCondition,
	EventContext,
	EventDefinition,
	Item,
	Primitive,
	RecordChange,
	StateTest,
	ValueTest,
	WriteKind,
} from './event-types.js';
export { defineEvents, eventFires, stateMatches } from './define-events.js';
export { changedFields } from './changed-fields.js';
export { sameValue, toInstant } from './values.js';
export { APPOINTMENT_EVENTS } from './appointments.js';
export { CALL_EVENTS } from './calls.js';
export { SERVICE_EVENTS } from './services.js';
export { eventNames, eventsFor, eventWriteKind, GENERIC_EVENTS, isSemanticCollection, SEMANTIC_COLLECTIONS } from './catalog.js';
export type { SemanticCollection } from './catalog.js';
export { detectEvents, FIELD_NARROWED_EVENTS, isBeforeUnknown, listensTo } from './detect-events.js';
export type { DetectOptions } from './detect-events.js';
