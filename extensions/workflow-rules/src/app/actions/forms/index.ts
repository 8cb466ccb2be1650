import type { Component } from 'vue';
import type { ActionType } from '../../../core/rule/rule-types';
import EmailForm from './EmailForm.vue';
import TagForm from './TagForm.vue';
import WebhookForm from './WebhookForm.vue';
import UpdateFieldsForm from './UpdateFieldsForm.vue';
import CreateTaskForm from './CreateTaskForm.vue';
import RunFlowForm from './RunFlowForm.vue';

/** The form of each action type. */
export const ACTION_FORMS: Record<ActionType, Component> = {
	email: EmailForm,
	webhook: WebhookForm,
	update_fields: UpdateFieldsForm,
	tag: TagForm,
	create_task: CreateTaskForm,
	run_flow: RunFlowForm,
};

/** The option paths each form shows errors at ('' = the options object itself); others show on the card. */
export const CLAIMED_OPTIONS: Record<ActionType, string[]> = {
	email: ['to', 'cc', 'bcc', 'subject', 'body'],
	webhook: ['url', 'method', 'headers', 'body', 'secret'],
	update_fields: ['values'],
	tag: ['', 'add', 'remove'],
	create_task: ['subject', 'owner', 'due_in', 'priority', 'description'],
	run_flow: ['flow'],
};
