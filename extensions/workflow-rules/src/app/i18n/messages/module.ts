import type { AreaMessages } from '../translate';

/** Labels of the module area. Keys are prefixed `module.`; every English key has its French twin. */
export const moduleMessages: AreaMessages = {
	en: {},
	fr: {},
};
