import { describe, expect, it } from 'vitest';
import { parseRuleStructure } from '../../core/rule/rule-schema.js';
import { emptyForm, errorsByPath, errorsStillStanding, errorsUnder, formFromRule, formSignature, localProblems, orderCollections, ruleFromForm, stepOfPath } from './rule-form.js';

const rescheduled = {
	name: 'Rescheduled: tag and remind',
	description: null,
	status: 'active',
	collection: 'appointments',
	trigger: { type: 'event', events: ['rescheduled'] },
	conditions: null,
	execution: 'every_time',
	actions: [
		{ type: 'tag', timing: { type: 'instant' }, options: { add: ['moved'] } },
		{ type: 'email', timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' }, options: { to: ['{{ record.contact.email }}'], subject: 'See you tomorrow', body: 'Hi' } },
	],
};

describe('rule JSON ↔ wizard form', () => {
	it('round-trips an event rule exactly', () => {
		expect(ruleFromForm(formFromRule(rescheduled))).toEqual(rescheduled);
	});

	it('builds a date rule with offset, time and recurrence', () => {
		const form = emptyForm('contacts');
		Object.assign(form, { name: 'Birthday', triggerType: 'date', dateField: 'birthday', dateDirection: 'before', dateAmount: 2, dateUnit: 'days', dateTime: '09:00', recurrence: 'yearly' });
		const rule = ruleFromForm(form);
		expect(rule['trigger']).toEqual({ type: 'date', field: 'birthday', offset: '-P2D', time: '09:00', recurrence: 'yearly' });
		expect(parseRuleStructure(rule).issues).toEqual([]);
		expect(ruleFromForm(formFromRule(rule))).toEqual(rule);
	});

	it('builds a date rule at the date itself without offset', () => {
		const form = emptyForm('contacts');
		Object.assign(form, { name: 'On the day', triggerType: 'date', dateField: 'birthday', dateDirection: 'on' });
		expect(ruleFromForm(form)['trigger']).toEqual({ type: 'date', field: 'birthday', recurrence: 'none' });
	});

	it('keeps an offset no single unit states', () => {
		const rule = { ...rescheduled, trigger: { type: 'date', field: 'start_at', offset: 'P1M2D', recurrence: 'none' }, actions: [] };
		expect(ruleFromForm(formFromRule(rule))['trigger']).toEqual(rule.trigger);
	});

	it('builds a schedule rule from a preset and reads it back', () => {
		const form = emptyForm('tasks');
		Object.assign(form, { name: 'Weekly', triggerType: 'schedule', schedule: { preset: 'weekly', time: '08:30', weekday: 1, monthDay: 1, cron: '' } });
		const rule = ruleFromForm(form);
		expect(rule['trigger']).toEqual({ type: 'schedule', cron: '30 8 * * 1' });
		expect(formFromRule(rule).schedule).toMatchObject({ preset: 'weekly', weekday: 1, time: '08:30' });
	});

	it('writes from → to conditions and narrowed fields', () => {
		const form = emptyForm('appointments');
		Object.assign(form, {
			name: 'Done',
			events: ['modified'],
			fields: ['status'],
			filterAll: false,
			conditions: { status: { _eq: 'completed' } },
			usePrevious: true,
			previousConditions: { status: { _eq: 'scheduled' } },
			execution: 'on_change',
		});
		const rule = ruleFromForm(form);
		expect(rule).toMatchObject({
			trigger: { type: 'event', events: ['modified'], fields: ['status'] },
			conditions: { status: { _eq: 'completed' } },
			previous_conditions: { status: { _eq: 'scheduled' } },
			execution: 'on_change',
		});
		expect(parseRuleStructure(rule).issues).toEqual([]);
	});

	it('drops fields for events they do not narrow, and clears previous conditions on request', () => {
		const form = emptyForm('appointments');
		Object.assign(form, { name: 'x', events: ['rescheduled'], fields: ['status'] });
		expect(ruleFromForm(form)['trigger']).toEqual({ type: 'event', events: ['rescheduled'] });
		expect(ruleFromForm(form)).not.toHaveProperty('previous_conditions');
		expect(ruleFromForm(form, { clearPrevious: true })['previous_conditions']).toBeNull();
	});

	it('reads JSON columns stored as text', () => {
		const form = formFromRule({ ...rescheduled, trigger: JSON.stringify(rescheduled.trigger), actions: JSON.stringify(rescheduled.actions), conditions: '{"status":{"_eq":"scheduled"}}' });
		expect(form.events).toEqual(['rescheduled']);
		expect(form.actions).toHaveLength(2);
		expect(form.filterAll).toBe(false);
	});

	it('changes the signature when anything changes', () => {
		const form = formFromRule(rescheduled);
		const before = formSignature(form);
		form.name = 'Other';
		expect(formSignature(form)).not.toBe(before);
	});
});

describe('errors at their field', () => {
	it('maps API error paths to the step holding them', () => {
		expect(stepOfPath('name')).toBe('details');
		expect(stepOfPath('trigger.events[0]')).toBe('when');
		expect(stepOfPath('conditions.status')).toBe('which');
		expect(stepOfPath('previous_conditions')).toBe('which');
		expect(stepOfPath('actions[1].options.url')).toBe('actions');
		expect(stepOfPath('')).toBe('review');
	});

	it('reads the API errors by path', () => {
		const errors = errorsByPath([
			{ message: 'actions[1].options.url: must be an absolute http(s) URL', extensions: { code: 'INVALID_RULE', path: 'actions[1].options.url', problem: 'must be an absolute http(s) URL' } },
			{ message: 'trigger.events[0]: unknown event', extensions: { code: 'INVALID_RULE', path: 'trigger.events[0]' } },
			{ message: 'You do not have permission', extensions: { code: 'FORBIDDEN' } },
		]);
		expect(errors).toEqual({ 'actions[1].options.url': 'must be an absolute http(s) URL', 'trigger.events[0]': 'unknown event', '': 'You do not have permission' });
		expect(errorsUnder(errors, 'actions')).toEqual({ 'actions[1].options.url': 'must be an absolute http(s) URL' });
		expect(errorsUnder(errors, 'trigger')).toEqual({ 'trigger.events[0]': 'unknown event' });
	});

	it('finds missing answers before asking the API', () => {
		expect(localProblems(emptyForm())).toEqual({ collection: 'required', name: 'required', 'trigger.events': 'choose_event' });
		const form = emptyForm('contacts');
		Object.assign(form, { name: 'x', triggerType: 'date', dateAmount: 0 });
		expect(localProblems(form)).toEqual({ 'trigger.field': 'required', 'trigger.offset': 'positive_amount' });
	});
});

describe('collections', () => {
	it('lists CRM collections first, then the others by name', () => {
		const names = orderCollections(['zeta', 'contacts', 'alpha', 'appointments', 'calls'].map((collection) => ({ collection }))).map((c) => c.collection);
		expect(names).toEqual(['appointments', 'calls', 'contacts', 'alpha', 'zeta']);
	});

	it('drops an error once the part it is about changes, and keeps the others', () => {
		const errors = { name: 'required', 'trigger.events[0]': 'unknown event', 'actions[1].options.url': 'invalid url', 'actions[0].timing': 'x', '': 'server down' };
		const before = { name: '', trigger: { type: 'event', events: ['moved'] }, actions: [{ type: 'tag' }, { type: 'webhook', options: { url: 'x' } }] };
		const after = { ...before, name: 'Tag moved', actions: [{ type: 'tag' }, { type: 'webhook', options: { url: 'https://example.com' } }] };
		// Action errors are the actions editor's to clear.
		expect(errorsStillStanding(errors, before, after)).toEqual({ 'trigger.events[0]': 'unknown event', 'actions[1].options.url': 'invalid url', 'actions[0].timing': 'x', '': 'server down' });
	});
});
