import { eventsFor } from '../../core/events/catalog';

/** A run's result in words (a message key and its values), as a person reads it. */
export function outcomeKey(run: { outcome: string; message?: string | null; depth?: number | null }): { key: string; params: Record<string, string | number> } {
	const known = ['matched', 'not_matched', 'skipped', 'depth_limit', 'error'];
	const outcome = known.includes(run.outcome) ? run.outcome : 'error';
	return { key: `module.outcome.${outcome}`, params: { message: run.message ?? '—', depth: run.depth ?? 0 } };
}

/** The events of a run with the catalogue's labels (names the catalogue does not know stay as they are). */
export function eventLabels(collection: string, events: readonly string[]): string[] {
	const catalogue = new Map(eventsFor(collection).map((definition) => [definition.name, definition.label]));
	return events.map((name) => catalogue.get(name) ?? name);
}
