/**
 * The `options` of each action type (SPEC §5), one strict zod schema per type: an unknown option is
 * rejected (it is usually a typo that would otherwise be silently ignored). Liquid templates are
 * accepted wherever a value may depend on the record; they are checked for shape only here.
 */
import { z } from 'zod';
import { parseAddress } from '../actions/email-addresses.js';
import { durationProblem } from '../timing/iso-duration.js';
import { envReferenceName, isEnvReference } from './env-reference.js';
import type { ActionType } from './rule-types.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
/** Recipient keywords resolved at send time: the record's owner, or the members of the record. */
export const RECIPIENT_KEYWORDS = ['owner', 'members'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** RFC 9110 `token`: what a header name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_SECRET = 16;

export function hasLiquid(text: string): boolean {
	return text.includes('{{') || text.includes('{%');
}

export function isUuid(text: string): boolean {
	return UUID.test(text);
}

// No `abort` on these refinements: an aborted branch makes a union report no detail. Each check
// passes what another check reports, so that a value gets one message.
export const nonBlank = z.string().refine((text) => text.trim() !== '', 'must not be empty');
const singleLine = nonBlank.refine((text) => !/[\r\n]/.test(text), 'must not contain line breaks');
const uuid = z.string().refine(isUuid, 'must be a UUID');
export const isoDuration = z.string().superRefine((text, ctx) => {
	const problem = durationProblem(text);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An address (`a@b.c` or `Name <a@b.c>`), `owner`, `members`, or a Liquid template. */
function isRecipient(text: string): boolean {
	const entry = text.trim();
	if (entry === '' || /[\r\n]/.test(entry)) return true;
	return hasLiquid(entry) || (RECIPIENT_KEYWORDS as readonly string[]).includes(entry) || parseAddress(entry) !== null;
}

const recipient = singleLine.refine(isRecipient, 'must be an email address, "owner", "members" or a Liquid template such as {{ record.contact.email }}');
const recipients = z.union([recipient, z.array(recipient).min(1)], {
	error: (issue) => (issue.input === undefined ? undefined : 'must be a recipient or a non-empty list of recipients'),
});

export const emailOptions = z.strictObject({
	to: recipients,
	cc: recipients.nullish(),
	bcc: recipients.nullish(),
	subject: singleLine,
	body: z.string(),
});

function isWebhookUrl(text: string): boolean {
	const trimmed = text.trim();
	if (/[\r\n]/.test(text)) return false;
	if (hasLiquid(trimmed)) return /^(\{\{|\{%)/.test(trimmed) || /^https?:\/\/[^/\s]/i.test(trimmed);
	try {
		const url = new URL(trimmed);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

const headers = z.record(z.string(), z.string()).superRefine((value, ctx) => {
	for (const [name, text] of Object.entries(value)) {
		if (!TOKEN.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `header name "${name}" is not a valid HTTP token` });
		else if (/[\r\n]/.test(text)) ctx.addIssue({ code: 'custom', path: [name], message: 'must not contain line breaks' });
	}
});

/** Plain secrets of at least 16 characters, or Standard Webhooks' `whsec_` + base64 (16+ bytes). */
export function secretProblem(secret: string): string | null {
	if (secret.startsWith('whsec_')) {
		const encoded = secret.slice('whsec_'.length);
		const bytes = BASE64.test(encoded) ? Math.floor((encoded.replace(/=+$/, '').length * 3) / 4) : 0;
		return bytes >= MIN_SECRET ? null : `must be "whsec_" followed by the base64 of at least ${MIN_SECRET} bytes`;
	}
	return secret.length >= MIN_SECRET ? null : `must be at least ${MIN_SECRET} characters`;
}

export const webhookOptions = z.strictObject({
	url: z.string().refine(isWebhookUrl, 'must be an absolute http(s) URL'),
	method: z.enum(HTTP_METHODS).default('POST'),
	headers: headers.nullish(),
	body: z.string().nullish(),
	secret: z
		.string()
		.superRefine((secret, ctx) => {
			// `$env.NAME` is checked when it is read: the value is not the rule author's to see.
			const problem = isEnvReference(secret) ? (envReferenceName(secret) ? null : 'must be "$env." followed by an environment variable name (letters, digits and _)') : secretProblem(secret);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		})
		.nullish(),
});

export const updateFieldsOptions = z.strictObject({
	values: z
		.record(z.string(), z.unknown())
		.refine((values) => Object.keys(values).length > 0, 'must set at least one field'),
});

const tagList = z.array(nonBlank).nullish();

export const tagOptions = z
	.strictObject({ add: tagList, remove: tagList })
	.refine((options) => (options.add?.length ?? 0) + (options.remove?.length ?? 0) > 0, 'must add or remove at least one tag');

export const createTaskOptions = z.strictObject({
	subject: nonBlank,
	owner: z
		.string()
		.refine((owner) => owner === 'record_owner' || isUuid(owner), 'must be "record_owner" or a user id (UUID)')
		.nullish(),
	due_in: isoDuration.nullish(),
	priority: z.enum(TASK_PRIORITIES).nullish(),
	description: z.string().nullish(),
});

export const runFlowOptions = z.strictObject({ flow: uuid });

export const ACTION_OPTIONS = {
	email: emailOptions,
	webhook: webhookOptions,
	update_fields: updateFieldsOptions,
	tag: tagOptions,
	create_task: createTaskOptions,
	run_flow: runFlowOptions,
} as const satisfies Record<ActionType, z.ZodType>;

export type EmailOptions = z.output<typeof emailOptions>;
export type WebhookOptions = z.output<typeof webhookOptions>;
export type UpdateFieldsOptions = z.output<typeof updateFieldsOptions>;
export type TagOptions = z.output<typeof tagOptions>;
export type CreateTaskOptions = z.output<typeof createTaskOptions>;
export type RunFlowOptions = z.output<typeof runFlowOptions>;
