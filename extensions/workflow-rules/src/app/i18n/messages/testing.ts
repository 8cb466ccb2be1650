import type { AreaMessages } from '../translate';

/** Labels of the testing area (record test, trace tree). Keys are prefixed `testing.`; every English key has its French twin. */
export const testingMessages: AreaMessages = {
	en: {
		'testing.record_search': 'Search records…',
		'testing.record_selected': 'Selected: {label}',
		'testing.record_results': 'Matching records',
		'testing.record_none': 'No record matches.',
	},
	fr: {
		'testing.record_search': 'Rechercher des enregistrements…',
		'testing.record_selected': 'Sélectionné : {label}',
		'testing.record_results': 'Enregistrements correspondants',
		'testing.record_none': 'Aucun enregistrement ne correspond.',
	},
};
