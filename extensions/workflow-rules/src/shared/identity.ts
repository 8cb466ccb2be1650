/** Names both halves of the bundle agree on. */
export const ENDPOINT_ID = 'workflows';
export const TAG_OPERATION_ID = 'workflow-tag';
export const WIZARD_PANEL_ID = 'workflow-rule-wizard';

/** The collections whose writes the hook watches are all of them; these are never watched. */
export const IGNORED_COLLECTION_PREFIXES = ['directus_'] as const;
