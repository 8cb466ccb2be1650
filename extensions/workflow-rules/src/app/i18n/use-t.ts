import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { MESSAGES } from './messages/index';
import { eventLabel } from './event-label';
import { languageOf, translate, type Params } from './translate';

/**
 * The extension's labels in the user's studio language. The studio shares its vue-i18n instance
 * with extensions, so its `locale` is the language set on the user (or the project default).
 */
export function useT() {
	const { locale } = useI18n();
	const language = computed(() => languageOf(locale.value));
	const t = (key: string, params?: Params) => translate(MESSAGES, language.value, key, params);
	/** A record event's label in the user's language (see event-label.ts). */
	const eventName = (collection: string | null | undefined, name: string) => eventLabel(language.value, collection, name);
	return { t, language, eventName };
}
