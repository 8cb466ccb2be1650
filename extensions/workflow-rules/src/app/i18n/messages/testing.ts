import type { AreaMessages } from '../translate';

/** Labels of the testing area. Keys are prefixed `testing.`; every English key has its French twin. */
export const testingMessages: AreaMessages = {
	en: {},
	fr: {},
};
