import { describe, expect, it } from 'vitest';
import { cronProblem, formatPath, parseRuleStructure } from './rule-schema.js';

const minimal = { name: 'Ping', collection: 'calls', trigger: { type: 'event', events: ['missed'] } };

function paths(input: unknown): string[] {
	return parseRuleStructure(input).issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('parseRuleStructure', () => {
	it('applies defaults', () => {
		expect(parseRuleStructure(minimal)).toEqual({
			rule: { ...minimal, status: 'active', conditions: null, execution: 'every_time', actions: [] },
			issues: [],
		});
		const date = parseRuleStructure({ ...minimal, trigger: { type: 'date', field: 'start_at', recurrence: null } });
		expect(date.rule?.trigger).toEqual({ type: 'date', field: 'start_at', recurrence: 'none' });
	});

	it('drops Directus item metadata but rejects other unknown properties', () => {
		const stored = { ...minimal, id: 'a1', date_created: '2024-01-01', user_updated: null };
		expect(parseRuleStructure(stored).rule).not.toHaveProperty('id');
		expect(paths({ ...minimal, condtions: {} })).toEqual([
			'condtions: unknown property "condtions"; expected one of name, description, status, collection, trigger, conditions, previous_conditions, execution, actions, sort',
		]);
		expect(paths({ ...minimal, trigger: { type: 'event', events: ['missed'], field: ['status'] } })).toEqual([
			'trigger.field: unknown property "field"; expected one of type, events, fields',
		]);
	});

	it('reports every structural problem at its path', () => {
		expect(paths({ name: ' ', collection: 'calls', status: 'on', trigger: { type: 'event', events: [] }, sort: 1.5, conditions: [] })).toEqual([
			'name: must not be empty',
			'status: must be one of active, inactive',
			'trigger.events: must not be empty',
			'conditions: must be an object',
			'sort: must be an integer',
		]);
		expect(paths({ collection: 'calls' })).toEqual(['name: is required', 'trigger: is required']);
		expect(parseRuleStructure('rule').issues).toEqual([{ path: '', message: 'must be an object' }]);
	});

	it('names unknown trigger, timing and action types', () => {
		expect(paths({ ...minimal, trigger: { type: 'cron' } })).toEqual(['trigger.type: unknown trigger type "cron"; expected one of event, date, schedule']);
		expect(paths({ ...minimal, trigger: {} })).toEqual(['trigger.type: is required; expected one of event, date, schedule']);
		const action = { type: 'sms', timing: { type: 'instant' }, options: {} };
		expect(paths({ ...minimal, actions: [action] })).toEqual([
			'actions[0].type: unknown action type "sms"; expected one of email, webhook, update_fields, tag, create_task, run_flow',
		]);
		expect(paths({ ...minimal, actions: [{ ...action, type: 'tag', timing: { type: 'later' }, options: { add: ['x'] } }] })).toEqual([
			'actions[0].timing.type: unknown timing type "later"; expected one of instant, after_trigger, relative_to_field',
		]);
	});

	it('checks durations, times and cron expressions', () => {
		expect(paths({ ...minimal, trigger: { type: 'date', field: 'start_at', offset: '2 days', time: '9:00' } })).toEqual([
			'trigger.offset: must be an ISO 8601 duration such as P1D or -PT30M',
			'trigger.time: must be a time of day HH:MM (24 h), such as 09:00',
		]);
		expect(paths({ ...minimal, trigger: { type: 'schedule', cron: '61 * * * *' } })).toEqual([
			'trigger.cron: must be a valid cron expression such as "0 9 * * 1" (Invalid value for minute: 61)',
		]);
	});
});

describe('helpers', () => {
	it('formats paths with bracketed indices', () => {
		expect(formatPath(['actions', 1, 'options', 'url'])).toBe('actions[1].options.url');
		expect(formatPath([])).toBe('');
	});

	it('accepts five- and six-field cron expressions', () => {
		expect(cronProblem('0 9 * * 1')).toBeNull();
		expect(cronProblem('0 0 9 * * MON-FRI')).toBeNull();
		expect(cronProblem('every day')).toMatch(/^must be a valid cron expression/);
	});
});

describe('JSON text fields', () => {
	it('parses trigger, conditions and actions given as JSON text', () => {
		const rule = parseRuleStructure({
			...minimal,
			trigger: JSON.stringify(minimal.trigger),
			conditions: '{"status":{"_eq":"missed"}}',
			actions: '[]',
		}).rule;
		expect(rule).toMatchObject({ trigger: minimal.trigger, conditions: { status: { _eq: 'missed' } }, actions: [] });
		expect(rule).not.toHaveProperty('previous_conditions');
		expect(paths({ ...minimal, trigger: '{not json' })).toEqual(['trigger: must be an object']);
	});
});
