import type { AreaMessages } from '../translate';

/** Labels of the actions area. Keys are prefixed `actions.`; every English key has its French twin. */
export const actionsMessages: AreaMessages = {
	en: {},
	fr: {},
};
