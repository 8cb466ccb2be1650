import { eventsFor } from '../../core/events/catalog';
import { MESSAGES } from './messages/index';
import type { Language } from './translate';

/**
 * An event's name as a person reads it, in their language: our own label (`wizard.event.<name>`),
 * else the catalogue's English label for that collection, else the name itself (an event the
 * catalogue no longer has, seen in an old run).
 */
export function eventLabel(language: Language, collection: string | null | undefined, name: string): string {
	const key = `wizard.event.${name}`;
	const own = MESSAGES[language][key] ?? MESSAGES.en[key];
	if (own) return own;
	return (collection ? eventsFor(collection).find((definition) => definition.name === name)?.label : undefined) ?? name;
}
