/**
 * The vocabulary of record events: a write seen as its before/after states, and the declarative
 * shape of an event definition (plain data, so the catalogue can also be sent to the wizard).
 */

export type Item = Record<string, unknown>;
export type WriteKind = 'create' | 'update' | 'delete';

export interface RecordChange {
	kind: WriteKind;
	before: Item | null;
	after: Item | null;
	/** the fields the write sent (payload keys); for create/delete may be empty */
	written: string[];
}

export type Primitive = string | number | boolean | null;

/**
 * A test on one field's value:
 * - a literal: equal to it (after value normalisation: `"120.00"` equals `120`, a relation object
 *   equals its key, timestamps compare as instants);
 * - `{ not: literal }`: anything but it (a missing value included);
 * - `{ future: true }`: a timestamp later than `now`; `{ future: false }`: null, unparsable or not
 *   later than `now`.
 */
export type ValueTest = Primitive | { not: Primitive } | { future: boolean };

/** Field name → test; a state matches when every test holds. An absent state (null) never matches. */
export type StateTest = Readonly<Record<string, ValueTest>>;

/** Every property present must hold. */
export interface EventCondition {
	/** the write kinds this applies to; default all */
	on?: WriteKind | readonly WriteKind[];
	/** at least one of these fields actually changed (see `changedFields`); `'*'` = any field */
	changed?: readonly string[] | '*';
	/** the record before the write matches (never on create: there is no before state) */
	before?: StateTest;
	/** the record after the write matches (never on delete) */
	after?: StateTest;
	/** `after` matches and the before state did not: true on create, and on update only on the transition */
	becomes?: StateTest;
}

export interface EventDefinition extends EventCondition {
	name: string;
	label: string;
	description: string;
	/** alternatives: besides its own condition, at least one of these must hold */
	anyOf?: readonly EventCondition[];
}

/** What a definition is evaluated with besides the change itself. */
export interface EventContext {
	/** the reference instant for `future` tests */
	now: Date;
	/** `changedFields(change)`, computed once per write */
	changed: readonly string[];
}
