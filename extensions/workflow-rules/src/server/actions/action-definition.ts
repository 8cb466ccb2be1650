import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { ACTION_OPTIONS } from '../../core/rule/action-options.js';
import type { ActionType } from '../../core/rule/rule-types.js';
import type { HoldEvents } from '../automation/held-events.js';
import type { RenderOptions } from '../templates/liquid.js';
import type { Item, ItemsServiceLike } from '../engine/record-reader.js';
import type { Runtime } from '../runtime.js';
import type { WrittenField } from './written-fields.js';

export type ActionOptionsOf<T extends ActionType> = z.output<(typeof ACTION_OPTIONS)[T]>;

/** The rule an action runs for; null when a Directus Flow operation runs it. */
export interface ActionRule {
	id: string;
	name: string;
	collection: string;
}

/**
 * One run of an action, from a job of a rule or from a Flow operation: the record it is about and
 * how to write. Built by the caller (run-job.ts, the Flow operations) and handed to `run`.
 */
export interface ActionRun {
	runtime: Runtime;
	schema: SchemaOverview;
	rule: ActionRule | null;
	/** The record's collection and key; null when a Flow runs the action about no record. */
	collection: string | null;
	item: string | null;
	/** The record now (or as it was deleted), with the relations `fields` named. */
	record: Item | null;
	/** The record before the triggering write. */
	previous: Item | null;
	event: string | null;
	now: Date;
	/**
	 * Unique per job, the same on every retry of it: what an action outside the database sends
	 * along so the other side can drop a repeat (a webhook's `webhook-id`).
	 */
	idempotencyKey: string;
	/** The automation user's accountability: what Directus checks the action's writes against. */
	accountability: Accountability;
	/**
	 * ItemsService as the automation user, inside the transaction that marks the job succeeded:
	 * a crash leaves the job done with its writes or to do without them. Pass `hold` as the options
	 * of every mutation, so its action events fire once that transaction has committed.
	 */
	items: (collection: string) => ItemsServiceLike;
	hold: HoldEvents;
	/**
	 * Renders an option's text as the caller templates: a rule's options are Liquid over
	 * `templateScope`; a Flow operation's options arrive already rendered by Directus' own `{{ }}`
	 * (it replaces every `{{ … }}` before the handler runs), so their text is final and is never
	 * parsed again, which would run record values as templates. A text without `{{`/`{%` comes back
	 * as it is. `path` names the option in errors.
	 */
	render: (text: string, path: string, options?: RenderOptions) => Promise<string>;
	/**
	 * The transaction the action runs in, for what it reads or hands to a Directus service itself
	 * (settings, users as the system, MailService, a Flow's database). Never `runtime.knex` inside
	 * `run`: on SQLite's single connection a query through the pool waits for this transaction,
	 * which waits for the query. For an action that is not `transactional`, `items`, `hold` and
	 * `knex` are the pool's and its write events fire at once.
	 */
	knex: Knex;
}

/**
 * One action type, used alike by the job runner and the Directus Flow operations: its options
 * schema (from the core rule model), the record fields its templates and recipients read, the
 * fields of the record it writes (checked when a rule is saved), and `run`.
 */
export interface ActionDefinition<T extends ActionType = ActionType> {
	type: T;
	options: (typeof ACTION_OPTIONS)[T];
	/** Relational paths of the record it reads (`contact.email`), loaded before it runs. */
	fields(options: ActionOptionsOf<T>): string[];
	/** Fields of the triggering record it writes, with the rule path that asks for each. */
	writes(options: ActionOptionsOf<T>, path: string): WrittenField[];
	/** Does the work; throws Retryable/PermanentActionError (core/actions/action-errors.ts). Returns what the job keeps as its result. */
	run(options: ActionOptionsOf<T>, run: ActionRun): Promise<unknown>;
	/**
	 * `false` for work that must not run inside a database transaction (a Flow, which writes
	 * through the pool): it runs first and the job is marked succeeded after it, so a crash in
	 * between runs it again. Default: in the transaction that marks the job succeeded.
	 */
	transactional?: false;
}

export function defineAction<T extends ActionType>(definition: ActionDefinition<T>): ActionDefinition<T> {
	return definition;
}

/** The variables every template of an action sees (SPEC §5); the template preview builds the same. */
export function templateScope(run: Pick<ActionRun, 'record' | 'previous' | 'event' | 'collection' | 'item' | 'rule' | 'now'>): Record<string, unknown> {
	return {
		record: run.record ?? {},
		previous: run.previous ?? {},
		event: { name: run.event, collection: run.collection, key: run.item },
		rule: run.rule ? { id: run.rule.id, name: run.rule.name, collection: run.rule.collection } : null,
		now: run.now.toISOString(),
	};
}
