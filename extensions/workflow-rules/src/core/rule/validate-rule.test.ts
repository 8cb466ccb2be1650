import { describe, expect, it } from 'vitest';
import { literalSchema } from './schema-info.js';
import { formatIssues, validateRule } from './validate-rule.js';

const schema = literalSchema({
	appointments: {
		id: 'uuid',
		title: 'string',
		status: 'string',
		service: { type: 'uuid', related: 'services' },
		contact: { type: 'uuid', related: 'contacts' },
		owner: { type: 'uuid', related: 'directus_users' },
		start_at: 'timestamp',
		end_at: 'timestamp',
		tags: 'json',
	},
	services: { id: 'uuid', name: 'string', status: 'string' },
	contacts: { id: 'uuid', first_name: 'string', email: 'string', city: 'string', subscription_date: 'date' },
});

/** The SPEC §3 example. */
const example = {
	name: 'Lawn care: tell the contractor',
	description: 'Webhook to the contractor when a lawn-care appointment is booked',
	status: 'active',
	collection: 'appointments',
	trigger: { type: 'event', events: ['scheduled'] },
	conditions: { service: { name: { _eq: 'Lawn care' } } },
	execution: 'every_time',
	actions: [
		{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://contractor.example/hooks', method: 'POST' } },
		{
			type: 'email',
			timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' },
			options: { to: ['{{ record.contact.email }}'], subject: 'See you tomorrow', body: 'Hello {{ record.contact.first_name }}, …' },
		},
	],
};

type Json = Record<string, unknown>;
const action = (index: number, patch: Json): Json[] => example.actions.map((entry, i) => (i === index ? { ...entry, ...patch } : entry));

function issues(input: unknown): string[] {
	const result = validateRule(input, schema);
	if (result.issues.length > 0) expect(result.rule).toBeNull();
	return result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('validateRule', () => {
	it('bounds names, descriptions, actions, filters and durations', () => {
		expect(issues({ ...example, name: 'n'.repeat(256), description: 'd'.repeat(10_001) })).toEqual(['name: must be at most 255 characters', 'description: must be at most 10000 characters']);
		expect(issues({ ...example, actions: Array.from({ length: 51 }, () => example.actions[0]) })).toEqual(['actions: must be at most 50 items']);
		expect(issues({ ...example, actions: action(1, { timing: { type: 'relative_to_field', field: 'start_at', offset: 'P300000Y' } }) })).toEqual(['actions[1].timing.offset: must span at most 100 years']);
		let deep: Json = { status: { _eq: 'x' } };
		for (let level = 0; level < 5_000; level++) deep = { _and: [deep] };
		expect(issues({ ...example, conditions: deep })).toEqual([expect.stringMatching(/^conditions\._and\[0\].*: is nested too deeply/)]);
	});

	it('knows no collection or field by the name of an Object.prototype member', () => {
		expect(issues({ ...example, collection: 'constructor', conditions: null })).toEqual(['collection: unknown collection "constructor"']);
		expect(issues({ ...example, conditions: { service: { toString: { _eq: 1 } } } })).toEqual(['conditions.service.toString: unknown field "toString" in collection "services"']);
	});

	it('accepts the SPEC example and applies defaults', () => {
		const { rule, issues: found } = validateRule({ ...example, status: undefined, execution: undefined }, schema);
		expect(found).toEqual([]);
		expect(rule).toEqual({ ...example, status: 'active', execution: 'every_time' });
		const minimal = validateRule({ name: 'n', collection: 'contacts', trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time: '09:00' } }, schema);
		expect(minimal.rule).toMatchObject({ conditions: null, actions: [], trigger: { recurrence: 'none' } });
	});

	it('reports structural issues at their paths and stops there', () => {
		expect(issues({ ...example, collection: 'nowhere', actions: action(0, { options: { url: 'contractor.example' } }) })).toEqual([
			'actions[0].options.url: must be an absolute http(s) URL',
		]);
	});

	it('rejects an unknown collection', () => {
		expect(issues({ ...example, collection: 'apointments' })).toContain('collection: unknown collection "apointments"');
	});

	it('rejects a collection whose writes never reach rules', () => {
		const withSystem = { ...schema, hasCollection: (name: string) => name === 'directus_users' || name === 'workflow_jobs' || schema.hasCollection(name) };
		for (const collection of ['directus_users', 'workflow_jobs']) {
			const { issues: found } = validateRule({ ...example, collection, trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [] }, withSystem);
			expect(found.map((issue) => `${issue.path}: ${issue.message}`)).toContain(`collection: "${collection}" is a system or workflow collection: its writes never trigger rules`);
		}
	});

	it('rejects events the collection does not define', () => {
		const [issue] = issues({ ...example, trigger: { type: 'event', events: ['scheduled', 'missed'] } });
		expect(issue).toMatch(/^trigger\.events\[1\]: event "missed" is not defined for collection "appointments"; expected one of created, updated, deleted, scheduled, /);
	});

	it('rejects unknown trigger fields', () => {
		expect(issues({ ...example, trigger: { type: 'event', events: ['modified'], fields: ['start_at', 'stat'] } })).toEqual([
			'trigger.fields[1]: unknown field "stat" in collection "appointments"',
		]);
	});

	it('rejects date triggers on unknown or non-date fields', () => {
		const date = { type: 'date', field: 'title' };
		expect(issues({ ...example, trigger: date, actions: [] })).toEqual([
			'trigger.field: field "title" is of type string; a date trigger needs a date, dateTime or timestamp field',
		]);
		expect(issues({ ...example, trigger: { ...date, field: 'start' }, actions: [] })).toEqual(['trigger.field: unknown field "start" in collection "appointments"']);
	});

	it('rejects bad durations wherever they appear', () => {
		const message = 'must be an ISO 8601 duration such as P1D or -PT30M';
		expect(issues({ ...example, trigger: { type: 'date', field: 'start_at', offset: '1D' }, actions: [] })).toEqual([`trigger.offset: ${message}`]);
		expect(issues({ ...example, actions: action(1, { timing: { type: 'relative_to_field', field: 'start_at', offset: '-1 day' } }) })).toEqual([
			`actions[1].timing.offset: ${message}`,
		]);
		const task = { type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Follow up', due_in: 'P' } };
		expect(issues({ ...example, actions: [task] })).toEqual([`actions[0].options.due_in: ${message}`]);
	});

	it('rejects invalid cron expressions', () => {
		expect(issues({ ...example, trigger: { type: 'schedule', cron: '0 25 * * *' }, actions: [] })).toEqual([
			'trigger.cron: must be a valid cron expression such as "0 9 * * 1" (Invalid value for hour: 25)',
		]);
	});

	it('rejects scheduled tag actions', () => {
		const tag = { type: 'tag', timing: { type: 'after_trigger', offset: 'P1D' }, options: { add: ['vip'] } };
		expect(issues({ ...example, actions: [...example.actions, tag] })).toEqual(['actions[2].timing: tag actions run instantly only']);
	});

	it('rejects scheduled actions on date- and schedule-triggered rules', () => {
		const late = [{ ...example.actions[0], timing: { type: 'after_trigger', offset: 'PT1H' } }];
		expect(issues({ ...example, trigger: { type: 'date', field: 'start_at' }, actions: late })).toEqual([
			'actions[0].timing: date-triggered rules take instant actions only',
		]);
		expect(issues({ ...example, trigger: { type: 'schedule', cron: '0 9 * * 1' }, actions: late })).toEqual([
			'actions[0].timing: schedule-triggered rules take instant actions only',
		]);
	});

	it('rejects negative after_trigger offsets', () => {
		expect(issues({ ...example, actions: action(0, { timing: { type: 'after_trigger', offset: '-P1D' } }) })).toEqual([
			'actions[0].timing.offset: must not be negative: after_trigger actions run after the trigger',
		]);
	});

	it('rejects field-relative timings on unknown or non-date fields', () => {
		expect(issues({ ...example, actions: action(1, { timing: { type: 'relative_to_field', field: 'starts', offset: '-P1D' } }) })).toEqual([
			'actions[1].timing.field: unknown field "starts" in collection "appointments"',
		]);
		expect(issues({ ...example, actions: action(1, { timing: { type: 'relative_to_field', field: 'status', offset: '-P1D' } }) })).toEqual([
			'actions[1].timing.field: field "status" is of type string; a field-relative timing needs a date, dateTime or timestamp field',
		]);
	});

	it('rejects updates of unknown fields', () => {
		const update = { type: 'update_fields', timing: { type: 'instant' }, options: { values: { stauts: 'completed', title: 'x' } } };
		expect(issues({ ...example, actions: [update] })).toEqual(['actions[0].options.values.stauts: unknown field "stauts" in collection "appointments"']);
	});

	it('rejects malformed conditions and previous conditions', () => {
		const found = issues({ ...example, conditions: { status: { _equals: 'x' } }, previous_conditions: { serivce: { name: { _eq: 'x' } } } });
		expect(found.map((line) => line.split(':')[0])).toEqual(['conditions.status._equals', 'previous_conditions.serivce']);
	});

	it('rejects previous conditions on rules that are not event-triggered', () => {
		expect(issues({ ...example, trigger: { type: 'schedule', cron: '0 9 * * 1' }, actions: [], previous_conditions: { status: { _eq: 'scheduled' } } })).toEqual([
			'previous_conditions: only event-triggered rules have a previous state; this rule is schedule-triggered',
		]);
	});

	it('reports all semantic issues together', () => {
		const found = issues({
			...example,
			trigger: { type: 'event', events: ['missed'], fields: ['nope'] },
			actions: [{ type: 'tag', timing: { type: 'after_trigger', offset: 'P1D' }, options: { add: ['x'] } }],
			conditions: { nope: { _eq: 1 } },
		});
		expect(found.map((line) => line.split(':')[0])).toEqual(['trigger.events[0]', 'trigger.fields[0]', 'actions[0].timing', 'conditions.nope']);
	});
});

describe('formatIssues', () => {
	it('writes one line per issue', () => {
		expect(formatIssues([{ path: 'collection', message: 'unknown collection "x"' }, { path: '', message: 'must be an object' }])).toBe(
			'collection: unknown collection "x"\nmust be an object',
		);
	});
});
