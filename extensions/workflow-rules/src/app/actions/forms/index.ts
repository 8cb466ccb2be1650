import type { Component } from 'vue';
import type { ActionType } from '../../../core/rule/rule-types';
import EmailForm from './EmailForm.vue';
import TagForm from './TagForm.vue';
import PendingForm from './PendingForm.vue';

/** The form of each action type. */
export const ACTION_FORMS: Record<ActionType, Component> = {
	email: EmailForm,
	webhook: PendingForm,
	update_fields: PendingForm,
	tag: TagForm,
	create_task: PendingForm,
	run_flow: PendingForm,
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
