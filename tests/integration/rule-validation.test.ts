/** SPEC §3: invalid rules are refused with a 400 naming the path of each problem; nothing is stored. */
import { describe, expect, it } from 'vitest';
import { api, count } from '../support/api.js';
import { cleanUpRules, createRule } from '../support/rules.js';

cleanUpRules();

const VALID = {
	name: 'Lawn care: tell the contractor',
	status: 'active',
	collection: 'appointments',
	trigger: { type: 'event', events: ['scheduled'] },
	conditions: { service: { name: { _eq: 'Lawn care' } } },
	execution: 'every_time',
	actions: [
		{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://contractor.example.com/hooks', method: 'POST' } },
		{ type: 'email', timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, options: { to: ['{{ record.contact.email }}'], subject: 'See you tomorrow', body: 'Hello {{ record.contact.first_name }}' } },
	],
};

interface Refusal {
	errors: { message: string; extensions: { code: string; path: string } }[];
}

const CASES: [string, Record<string, unknown>, string][] = [
	['unknown collection', { collection: 'apointments' }, 'collection'],
	['a Directus system collection, whose writes never reach rules', { collection: 'directus_users', trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [] }, 'collection'],
	['a workflow collection, whose writes never reach rules', { collection: 'workflow_jobs', trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [] }, 'collection'],
	['unknown field in conditions', { conditions: { servce: { name: { _eq: 'x' } } } }, 'conditions.servce'],
	['unknown relational field', { conditions: { service: { nam: { _eq: 'x' } } } }, 'conditions.service.nam'],
	['event not defined for the collection', { trigger: { type: 'event', events: ['scheduled', 'missed'] } }, 'trigger.events[1]'],
	['unknown field in trigger.fields', { trigger: { type: 'event', events: ['modified'], fields: ['adress'] } }, 'trigger.fields[0]'],
	['bad ISO duration', { actions: [{ ...VALID.actions[1], timing: { type: 'relative_to_field', field: 'start_at', offset: '1 day before' } }] }, 'actions[0].timing.offset'],
	['tag with a non-instant timing', { actions: [{ type: 'tag', timing: { type: 'after_trigger', offset: 'P1D' }, options: { add: ['x'] } }] }, 'actions[0].timing'],
	['scheduled action on a date-triggered rule', { collection: 'contacts', conditions: null, trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time: '09:00', recurrence: 'yearly' }, actions: [{ type: 'update_fields', timing: { type: 'after_trigger', offset: 'P1D' }, options: { values: { city: 'Boston' } } }] }, 'actions[0].timing'],
	['malformed filter', { conditions: { status: { _equals: 'scheduled' } } }, 'conditions.status._equals'],
	['unknown action type', { actions: [{ type: 'sms', timing: { type: 'instant' }, options: {} }] }, 'actions[0].type'],
	['missing option', { actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { method: 'POST' } }] }, 'actions[0].options.url'],
	['ill-typed option', { actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'ftp://example.com', method: 'POST' } }] }, 'actions[0].options.url'],
	['update of an unknown field', { actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { stauts: 'completed' } } }] }, 'actions[0].options.values.stauts'],
	['relative timing on a field that is not a date', { actions: [{ ...VALID.actions[1], timing: { type: 'relative_to_field', field: 'address', offset: '-P1D' } }] }, 'actions[0].timing.field'],
];

function paths(body: Refusal): string[] {
	return body.errors.map((error) => error.extensions.path);
}

describe('rule validation', () => {
	it('accepts the rule of the spec', async () => {
		const response = await api('POST', '/items/workflow_rules', VALID);
		expect(response.status).toBe(200);
		await api('DELETE', `/items/workflow_rules/${response.body.data.id}`);
	});

	it.each(CASES)('refuses %s on create, naming its path', async (_name, change, path) => {
		const before = await count('workflow_rules');
		const response = await api<Refusal>('POST', '/items/workflow_rules', { ...VALID, ...change });

		expect(response.status).toBe(400);
		expect(response.body.errors.every((error) => error.extensions.code === 'INVALID_RULE')).toBe(true);
		expect(paths(response.body)).toContain(path);
		expect(response.body.errors.find((error) => error.extensions.path === path)!.message).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: `));
		expect(await count('workflow_rules')).toBe(before);
	});

	it.each(CASES)('POST /workflows/rules/validate answers the same for %s', async (_name, change, path) => {
		const response = await api<Refusal>('POST', '/workflows/rules/validate', { ...VALID, ...change });
		expect(response.status).toBe(400);
		expect(paths(response.body)).toContain(path);
	});

	it('validate accepts a valid rule and returns it with defaults', async () => {
		const { execution: _execution, ...withoutExecution } = VALID;
		const response = await api('POST', '/workflows/rules/validate', withoutExecution);
		expect(response.status).toBe(200);
		expect(response.body.data).toMatchObject({ valid: true, rule: { execution: 'every_time', collection: 'appointments' } });
	});

	it('reports every problem of a rule at once', async () => {
		const response = await api<Refusal>('POST', '/items/workflow_rules', { ...VALID, conditions: { servce: { _eq: 1 } }, trigger: { type: 'event', events: ['missed'] } });
		expect(response.status).toBe(400);
		expect(paths(response.body)).toEqual(expect.arrayContaining(['conditions.servce', 'trigger.events[0]']));
	});

	it('validates an update against the stored rule and keeps the rule unchanged when refused', async () => {
		const id = await createRule(VALID);
		const response = await api<Refusal>('PATCH', `/items/workflow_rules/${id}`, { trigger: { type: 'event', events: ['ringing'] } });
		expect(response.status).toBe(400);
		expect(paths(response.body)).toContain('trigger.events[0]');

		const stored = await api('GET', `/items/workflow_rules/${id}`);
		expect(stored.body.data.trigger).toEqual(VALID.trigger);

		expect((await api('PATCH', `/items/workflow_rules/${id}`, { name: 'Renamed' })).status).toBe(200);
	});
});
