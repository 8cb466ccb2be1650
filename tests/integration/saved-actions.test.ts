/**
 * Saved actions (the reference pages' "associate an existing action"): defined once in
 * workflow_actions and used by several rules as `{ "use": id }`; a change applies to every rule
 * that uses it, and one still in use cannot be deleted.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { api, data } from '../support/api.js';
import { cleanUpRules, createRule, settledJobs } from '../support/rules.js';
import { roleUser } from '../support/roles.js';

const saved: string[] = [];
afterEach(async () => {
	while (saved.length > 0) await api('DELETE', `/items/workflow_actions/${saved.pop()}`);
});
// Registered after: after-each hooks run last-registered first, so rules go before the actions they use.
cleanUpRules();

async function saveAction(body: Record<string, unknown>): Promise<string> {
	const id = (await data<{ id: string }>('POST', '/items/workflow_actions', body)).id;
	saved.push(id);
	return id;
}

// Both may validate and test rules on leads; only the second may read saved actions.
const ruleTester = roleUser('Saved action outsider', [{ collection: 'workflow_rules', action: 'read' }, { collection: 'leads', action: 'read' }]);
const actionReader = roleUser('Saved action reader', [{ collection: 'workflow_rules', action: 'read' }, { collection: 'leads', action: 'read' }, { collection: 'workflow_actions', action: 'read' }]);

const tagsOf = async (collection: string, id: string) => (await data<{ tags: string[] | null }>('GET', `/items/${collection}/${id}?fields=tags`)).tags ?? [];

describe('a saved action', () => {
	it('associated to two rules runs for both, and a change to it applies to both', async () => {
		const city = `Savedville ${randomBytes(3).toString('hex')}`;
		const action = await saveAction({ name: 'Tag as routed', type: 'tag', options: { add: ['routed'] } });
		const onLeads = await createRule({ name: 'Route leads', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: city } }, actions: [{ use: action }] });
		const onAccounts = await createRule({ name: 'Route accounts', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: city } }, actions: [{ use: action, timing: { type: 'instant' } }] });

		const lead = (await data<{ id: string }>('POST', '/items/leads', { name: 'Saved probe', city })).id;
		const account = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Saved probe', city })).id;
		await settledJobs(onLeads, lead, 1);
		await settledJobs(onAccounts, account, 1);
		expect(await tagsOf('leads', lead)).toEqual(['routed']);
		expect(await tagsOf('accounts', account)).toEqual(['routed']);

		// Changed once, used by both rules from then on.
		await data('PATCH', `/items/workflow_actions/${action}`, { options: { add: ['rerouted'] } });
		const later = (await data<{ id: string }>('POST', '/items/leads', { name: 'Saved probe 2', city })).id;
		await settledJobs(onLeads, later, 1);
		expect(await tagsOf('leads', later)).toEqual(['rerouted']);

		// The rule keeps the reference, not a copy.
		const stored = await data<{ actions: unknown[] }>('GET', `/items/workflow_rules/${onLeads}?fields=actions`);
		expect(stored.actions).toEqual([{ use: action }]);
	});

	it('cannot be deleted while a rule uses it: 400 naming the rules', async () => {
		const action = await saveAction({ name: 'Tag as kept', type: 'tag', options: { add: ['kept'] } });
		const rule = await createRule({ name: 'Keeps the saved action', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: null, status: 'inactive', actions: [{ use: action }] });

		const refused = await api('DELETE', `/items/workflow_actions/${action}`);
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toContain('Keeps the saved action');
		expect((await api('GET', `/items/workflow_actions/${action}`)).status).toBe(200);

		await data('PATCH', `/items/workflow_rules/${rule}`, { actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['inline'] } }] });
		expect((await api('DELETE', `/items/workflow_actions/${action}`)).status).toBe(204);
		saved.pop();
	});

	it('cannot be changed into what a rule that uses it may not do: 400 naming the rule', async () => {
		const action = await saveAction({ name: 'Mark contacted', type: 'update_fields', options: { values: { status: 'contacted' } } });
		await createRule({ name: 'Contacts new leads', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Nowhere' } }, actions: [{ use: action }] });

		const refused = await api('PATCH', `/items/workflow_actions/${action}`, { options: { values: { no_such_field: 1 } } });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toMatch(/^rule "Contacts new leads" actions\[0\]\.options\.values\.no_such_field: /);
		expect((await data<{ options: unknown }>('GET', `/items/workflow_actions/${action}?fields=options`)).options).toEqual({ values: { status: 'contacted' } });
	});

	it('is checked as a rule action is, and a rule naming no saved action is refused', async () => {
		const invalid = await api('POST', '/items/workflow_actions', { name: 'Broken webhook', type: 'webhook', options: { url: 'not a url' } });
		expect(invalid.status).toBe(400);
		expect(invalid.body.errors[0].message).toContain('options.url');

		const missing = '00000000-0000-4000-8000-000000000000';
		const rule = await api('POST', '/items/workflow_rules', { name: 'Uses nothing', collection: 'leads', trigger: { type: 'event', events: ['created'] }, actions: [{ use: missing }] });
		expect(rule.status).toBe(400);
		expect(rule.body.errors.map((error: { message: string }) => error.message)).toEqual([expect.stringContaining('actions[0].use')]);

		const action = await saveAction({ name: 'Tag as checked', type: 'tag', options: { add: ['checked'] } });
		const extra = await api('POST', '/workflows/rules/validate', { name: 'Overrides options', collection: 'leads', trigger: { type: 'event', events: ['created'] }, actions: [{ use: action, options: { add: ['x'] } }] });
		expect(extra.status).toBe(400);
		expect(extra.body.errors[0].message).toContain('actions[0].options');
	});

	it('is seen by the dry run as the rule will run it', async () => {
		const scheduledTag = await api('POST', '/items/workflow_actions', { name: 'Tag later', type: 'tag', options: { add: ['later'] }, timing: { type: 'after_trigger', offset: 'PT1H' } });
		expect(scheduledTag.status).toBe(400);
		expect(scheduledTag.body.errors[0].message).toBe('timing: tag actions run instantly only');

		const action = await saveAction({ name: 'Score later', type: 'update_fields', options: { values: { score: 1 } }, timing: { type: 'after_trigger', offset: 'PT1H' } });
		const [lead] = await data<{ id: string }[]>('GET', '/items/leads?fields=id&limit=1');
		const dry = await data<{ actions: { type: string; timing: string }[] }>('POST', '/workflows/rules/test', { rule: { name: 'Dry', collection: 'leads', trigger: { type: 'event', events: ['created'] }, actions: [{ use: action }] }, item: lead!.id, event: 'created' });
		expect(dry.actions).toMatchObject([{ type: 'update_fields', timing: 'after_trigger PT1H' }]);
	});

	it('is never answered back, resolved, to a caller who may not read it (validate, test by rule, test by rule_id)', async () => {
		const action = await saveAction({ name: 'Private webhook', type: 'webhook', options: { url: 'https://partner.example.com/private-hook', method: 'POST' } });
		const draft = { name: 'Uses it', collection: 'leads', trigger: { type: 'event', events: ['created'] }, conditions: null, actions: [{ use: action }] };
		const rule = await createRule({ ...draft, status: 'inactive' });
		const lead = (await data<{ id: string }>('POST', '/items/leads', { name: `Saved ${randomBytes(3).toString('hex')}` })).id;
		try {
			for (const [path, body] of [
				['/workflows/rules/validate', draft],
				['/workflows/rules/test', { rule: draft, item: lead, event: 'created' }],
				['/workflows/rules/test', { rule_id: rule, item: lead, event: 'created' }],
			] as const) {
				const refused = await api('POST', path, body, ruleTester.token);
				expect(refused.status, path).toBe(403);
				expect(JSON.stringify(refused.body)).not.toContain('private-hook');
				const answered = await api('POST', path, body, actionReader.token);
				expect(answered.status, path).toBe(200);
				expect(JSON.stringify(answered.body)).toContain('private-hook');
			}
		} finally {
			await api('DELETE', `/items/leads/${lead}`);
		}
	});
});
