import type { AreaMessages } from '../translate';

/** Labels shared by every screen. Keys are prefixed `common.`; every English key has its French twin. */
export const commonMessages: AreaMessages = {
	en: {
		'common.save': 'Save',
		'common.cancel': 'Cancel',
		'common.back': 'Back',
		'common.next': 'Next',
		'common.loading': 'Loading…',
		'common.retry': 'Retry',
		'common.no_access': 'You do not have access to workflow rules. Ask an administrator for read access to workflow_rules.',
	},
	fr: {
		'common.save': 'Enregistrer',
		'common.cancel': 'Annuler',
		'common.back': 'Précédent',
		'common.next': 'Suivant',
		'common.loading': 'Chargement…',
		'common.retry': 'Réessayer',
		'common.no_access': 'Vous n’avez pas accès aux règles de workflow. Demandez à un administrateur l’accès en lecture à workflow_rules.',
	},
};
