import type { AreaMessages } from '../translate';

/** Labels shared by every screen. Keys are prefixed `common.` (and `panel.` for the Insights panel); every English key has its French twin. */
export const commonMessages: AreaMessages = {
	en: {
		'common.save': 'Save',
		'common.cancel': 'Cancel',
		'common.back': 'Back',
		'common.next': 'Next',
		'common.loading': 'Loading…',
		'common.retry': 'Retry',
		'common.no_access': 'You do not have access to workflow rules. Ask an administrator for read access to workflow_rules.',
		'panel.engine_unreachable': 'Workflow engine unreachable: {error}',
		'panel.engine_running': 'Workflow engine {version} running',
		'panel.engine_running_on': 'Workflow engine {version} running · new rules start on {collection}',
		'panel.open_saved': 'Open the rule, its runs and jobs',
	},
	fr: {
		'common.save': 'Enregistrer',
		'common.cancel': 'Annuler',
		'common.back': 'Précédent',
		'common.next': 'Suivant',
		'common.loading': 'Chargement…',
		'common.retry': 'Réessayer',
		'common.no_access': 'Vous n’avez pas accès aux règles de workflow. Demandez à un administrateur l’accès en lecture à workflow_rules.',
		'panel.engine_unreachable': 'Moteur de workflow injoignable : {error}',
		'panel.engine_running': 'Moteur de workflow {version} en marche',
		'panel.engine_running_on': 'Moteur de workflow {version} en marche · les nouvelles règles portent sur {collection}',
		'panel.open_saved': 'Ouvrir la règle, ses exécutions et ses tâches',
	},
};
