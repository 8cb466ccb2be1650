/**
 * The Flow operations that run the rule actions, one per action type: their ids, names and the
 * options forms of the Flows editor. Shared by the app and api halves of each operation entry.
 */
import type { AppField, DeepPartial } from '@directus/types';

export const OPERATION_TYPES = ['email', 'webhook', 'tag', 'update_fields', 'create_task', 'run_flow'] as const;
export type OperationActionType = (typeof OPERATION_TYPES)[number];

export function operationId(type: OperationActionType): string {
	return `workflow-${type.replace('_', '-')}`;
}

type FormField = DeepPartial<AppField>;

const input = (field: string, name: string, width: 'half' | 'full', note?: string, placeholder?: string): FormField => ({
	field,
	name,
	type: 'string',
	meta: { width, interface: 'input', ...(note ? { note } : {}), options: placeholder ? { placeholder } : {} },
});
const multiline = (field: string, name: string, note?: string): FormField => ({ field, name, type: 'text', meta: { width: 'full', interface: 'input-multiline', ...(note ? { note } : {}) } });
const list = (field: string, name: string, note: string): FormField => ({ field, name, type: 'json', meta: { width: 'full', interface: 'tags', options: { allowCustom: true }, note } });
const json = (field: string, name: string, note: string): FormField => ({ field, name, type: 'json', meta: { width: 'full', interface: 'input-code', options: { language: 'json' }, note } });
const select = (field: string, name: string, choices: string[], width: 'half' | 'full' = 'half'): FormField => ({
	field,
	name,
	type: 'string',
	meta: { width, interface: 'select-dropdown', options: { choices: choices.map((value) => ({ text: value, value })) } },
});

const RECIPIENTS = 'Addresses, "owner", "members", or {{ $trigger.… }}';

const ACTION_FIELDS: Record<OperationActionType, FormField[]> = {
	email: [
		list('to', 'To', RECIPIENTS),
		list('cc', 'Cc', RECIPIENTS),
		list('bcc', 'Bcc', RECIPIENTS),
		input('subject', 'Subject', 'full'),
		multiline('body', 'Body (HTML)'),
	],
	webhook: [
		input('url', 'URL', 'full', undefined, 'https://example.com/hooks/crm'),
		select('method', 'Method', ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']),
		input('secret', 'Signing secret', 'half', 'Standard Webhooks signature; $env.NAME reads it from the environment'),
		json('headers', 'Headers', 'Header name → value'),
		multiline('body', 'Body', 'Default: the event JSON'),
	],
	tag: [list('add', 'Tags to add', 'Tags added to the record’s tags field'), list('remove', 'Tags to remove', 'Removal wins over addition')],
	update_fields: [json('values', 'Values', 'Field → value; $NOW and $NOW(+2 days) are dates')],
	create_task: [
		input('subject', 'Subject', 'full'),
		input('owner', 'Owner', 'half', '"record_owner" or a user id', 'record_owner'),
		input('due_in', 'Due in', 'half', 'ISO 8601 duration, in the CRM time zone', 'P2D'),
		select('priority', 'Priority', ['low', 'normal', 'high']),
		multiline('description', 'Description'),
	],
	run_flow: [input('flow', 'Flow', 'full', 'Id of a Flow with an “Another Flow” trigger; it receives { rule, event, record, previous }')],
};

const COMMON_FIELDS: FormField[] = [
	{ field: 'collection', name: '$t:collection', type: 'string', meta: { width: 'half', interface: 'system-collection', options: { includeSystem: false }, note: 'The record the action is about' } },
	input('key', 'Item key', 'half', undefined, '{{ $trigger.key }}'),
	{ field: 'wait', name: 'Wait for the result', type: 'boolean', meta: { width: 'half', interface: 'boolean', note: 'Off: the action goes to the durable job table (retries, survives restarts) and the operation answers its job id' }, schema: { default_value: false } },
	input('delay', 'Delay', 'half', 'Run it later: ISO 8601 duration (durable jobs only)', 'PT10M'),
];

export function operationFields(type: OperationActionType): FormField[] {
	return [...COMMON_FIELDS, ...ACTION_FIELDS[type]];
}

export const OPERATION_NAMES: Record<OperationActionType, { name: string; icon: string; description: string }> = {
	email: { name: 'Send email (workflow)', icon: 'mail', description: 'Send an email through the workflow job table: retried, durable, delayed' },
	webhook: { name: 'Call webhook (workflow)', icon: 'webhook', description: 'Signed, SSRF-guarded webhook through the workflow job table' },
	tag: { name: 'Tag record', icon: 'sell', description: 'Add or remove tags on a record’s tags field' },
	update_fields: { name: 'Update fields (workflow)', icon: 'edit_note', description: 'Set fields of a record as the automation user' },
	create_task: { name: 'Create task (workflow)', icon: 'task_alt', description: 'Create a CRM task linked to a record' },
	run_flow: { name: 'Run Flow (workflow)', icon: 'account_tree', description: 'Start a Flow with an “Another Flow” trigger, durably' },
};
