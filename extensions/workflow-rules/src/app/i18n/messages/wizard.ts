import type { AreaMessages } from '../translate';

/** Labels of the wizard area. Keys are prefixed `wizard.`; every English key has its French twin. */
export const wizardMessages: AreaMessages = {
	en: {},
	fr: {},
};
