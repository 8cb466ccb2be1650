/** Names both halves of the bundle agree on. */
export const ENDPOINT_ID = 'workflows';
export const TAG_OPERATION_ID = 'workflow-tag';
export const WIZARD_PANEL_ID = 'workflow-rule-wizard';
