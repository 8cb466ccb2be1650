/** Names both halves of the bundle agree on. */
export const ENDPOINT_ID = 'workflows';
export const WIZARD_PANEL_ID = 'workflow-rule-wizard';
export const MODULE_ID = 'workflow-rules';
