/** The four parts of a rule, in the order the reference pages walk through them. */
export const WIZARD_STEPS = [
	{ id: 'details', title: 'Basic details', hint: 'Collection, name and description' },
	{ id: 'when', title: 'When', hint: 'A record event, or a date field with offset and recurrence' },
	{ id: 'which', title: 'Which records', hint: 'All records, or those matching a condition' },
	{ id: 'actions', title: 'Actions', hint: 'Instant and scheduled actions' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];
