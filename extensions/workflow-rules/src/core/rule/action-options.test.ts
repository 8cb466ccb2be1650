import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ACTION_OPTIONS, createTaskOptions, emailOptions, runFlowOptions, tagOptions, updateFieldsOptions, webhookOptions } from './action-options.js';
import { issueMessage, toRuleIssues } from './rule-schema.js';

/** `path: message` lines for the options, or [] when they are valid. */
function problems(schema: z.ZodType, options: unknown): string[] {
	const result = schema.safeParse(options, { error: issueMessage });
	return result.success ? [] : toRuleIssues(result.error.issues, ['options']).map((issue) => `${issue.path}: ${issue.message}`);
}

const UUID = '6f1c1a43-4a55-4c39-8a51-0d5d2b0cfa7e';

describe('email options', () => {
	const base = { to: 'someone@example.com', subject: 'Hello', body: '<p>Hi</p>' };

	it('accepts addresses, keywords and Liquid, alone or in lists', () => {
		expect(problems(emailOptions, base)).toEqual([]);
		expect(problems(emailOptions, { ...base, to: ['owner', 'members', '{{ record.contact.email }}', 'Ann <ann@example.com>'], cc: 'owner', bcc: null })).toEqual([]);
	});

	it('rejects bad recipients, empty lists, line breaks and missing fields', () => {
		expect(problems(emailOptions, { ...base, to: ['ok@example.com', 'not-an-address'] })).toEqual([
			'options.to[1]: must be an email address, "owner", "members" or a Liquid template such as {{ record.contact.email }}',
		]);
		expect(problems(emailOptions, { ...base, cc: [] })).toEqual(['options.cc: must not be empty']);
		expect(problems(emailOptions, { ...base, to: 42 })).toEqual(['options.to: must be a recipient or a non-empty list of recipients']);
		expect(problems(emailOptions, { ...base, subject: 'Hi\r\nBcc: victim@example.com' })).toEqual(['options.subject: must not contain line breaks']);
		expect(problems(emailOptions, { ...base, bcc: 'a@example.com\nb@example.com' })).toEqual(['options.bcc: must not contain line breaks']);
		expect(problems(emailOptions, { to: 'owner' })).toEqual(['options.subject: is required', 'options.body: is required']);
	});

	it('rejects unknown options by name', () => {
		expect(problems(emailOptions, { ...base, subjet: 'typo' })).toEqual(['options.subjet: unknown option "subjet"; expected one of to, cc, bcc, subject, body']);
	});
});

describe('webhook options', () => {
	it('defaults the method to POST and accepts Liquid URLs', () => {
		expect(webhookOptions.parse({ url: 'https://contractor.example/hooks' })).toEqual({ url: 'https://contractor.example/hooks', method: 'POST' });
		expect(problems(webhookOptions, { url: '{{ record.service.webhook_url }}' })).toEqual([]);
		expect(problems(webhookOptions, { url: 'https://api.example/items/{{ record.id }}', method: 'PATCH' })).toEqual([]);
	});

	it('requires an absolute http(s) URL', () => {
		for (const url of ['/relative', 'ftp://example.com/x', 'example.com/{{ record.id }}', 'not a url', 'https://a.example/\nx']) {
			expect(problems(webhookOptions, { url }), url).toEqual(['options.url: must be an absolute http(s) URL']);
		}
	});

	it('checks method, header names and values, and secrets', () => {
		expect(problems(webhookOptions, { url: 'https://a.example', method: 'post' })).toEqual(['options.method: must be one of GET, POST, PUT, PATCH, DELETE']);
		expect(problems(webhookOptions, { url: 'https://a.example', headers: { 'X-Ok': 'yes', 'Bad Name': 'x', 'X-Inject': 'a\r\nb' } })).toEqual([
			'options.headers.Bad Name: header name "Bad Name" is not a valid HTTP token',
			'options.headers.X-Inject: must not contain line breaks',
		]);
		expect(problems(webhookOptions, { url: 'https://a.example', secret: 'short' })).toEqual(['options.secret: must be at least 16 characters']);
		expect(problems(webhookOptions, { url: 'https://a.example', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })).toEqual([]);
		expect(problems(webhookOptions, { url: 'https://a.example', secret: 'whsec_abc' })).toEqual([
			'options.secret: must be "whsec_" followed by the base64 of at least 16 bytes',
		]);
		expect(problems(webhookOptions, { url: 'https://a.example', secret: '$env.HOOK_KEY' })).toEqual([]);
		expect(problems(webhookOptions, { url: 'https://a.example', secret: '$env.not a name' })).toEqual([
			'options.secret: must be "$env." followed by an environment variable name (letters, digits and _)',
		]);
	});
});

describe('update_fields, tag, create_task and run_flow options', () => {
	it('needs at least one field to update', () => {
		expect(problems(updateFieldsOptions, { values: { status: 'completed' } })).toEqual([]);
		expect(problems(updateFieldsOptions, { values: {} })).toEqual(['options.values: must set at least one field']);
		expect(problems(updateFieldsOptions, {})).toEqual(['options.values: is required']);
	});

	it('needs a tag to add or remove', () => {
		expect(problems(tagOptions, { add: ['vip'] })).toEqual([]);
		expect(problems(tagOptions, { add: [], remove: null })).toEqual(['options: must add or remove at least one tag']);
		expect(problems(tagOptions, { add: [' '] })).toEqual(['options.add[0]: must not be empty']);
	});

	it('checks task owner, due_in and priority', () => {
		expect(problems(createTaskOptions, { subject: 'Call back', owner: 'record_owner', due_in: 'P2D', priority: 'high' })).toEqual([]);
		expect(problems(createTaskOptions, { subject: 'Call back', owner: UUID })).toEqual([]);
		expect(problems(createTaskOptions, { subject: 'Call back', owner: 'bob', due_in: '2 days', priority: 'urgent' })).toEqual([
			'options.owner: must be "record_owner" or a user id (UUID)',
			'options.due_in: must be an ISO 8601 duration such as P1D or -PT30M',
			'options.priority: must be one of low, normal, high',
		]);
	});

	it('needs a flow id', () => {
		expect(problems(runFlowOptions, { flow: UUID })).toEqual([]);
		expect(problems(runFlowOptions, { flow: 'my-flow' })).toEqual(['options.flow: must be a UUID']);
	});

	it('has a schema for every action type', () => {
		expect(Object.keys(ACTION_OPTIONS)).toEqual(['email', 'webhook', 'update_fields', 'tag', 'create_task', 'run_flow']);
	});
});
