import type { Knex } from 'knex';
import { keepStoredActionSecrets, keepStoredSecrets } from '../../core/rule/keep-stored-secrets.js';
import { redactActionOptions, redactRuleSecrets, SECRET_MASK } from '../../core/rule/redact-secrets.js';
import type { RuleAction, RuleIssue } from '../../core/rule/rule-types.js';
import { fromJson } from '../db/rows.js';
import { InvalidRuleError } from '../errors.js';
import { SAVED_ACTIONS_TABLE } from '../actions/saved-actions.js';
import { RULES_TABLE } from './rule-cache.js';

/**
 * Webhook secrets stay in the rows that hold them and leave through no API read: rules, saved
 * actions, a run's or job's rule, and the revisions of either show `[redacted]` in their place
 * (admins included; `$env.NAME` references are shown, they are no secret). A save that sends the
 * mask back keeps the stored value, so the studio can edit a rule without ever holding its secret.
 */
type Row = Record<string, unknown>;

const isObject = (value: unknown): value is Row => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** A JSON column as read (parsed, or text on some vendors) with a change applied, in the same form. */
function mapJson(value: unknown, change: (parsed: unknown) => unknown): unknown {
	if (typeof value !== 'string') return change(value);
	const parsed = fromJson<unknown>(value, null);
	return parsed === null ? value : JSON.stringify(change(parsed));
}

const maskActions = (actions: unknown) => mapJson(actions, (parsed) => (Array.isArray(parsed) ? redactRuleSecrets({ actions: parsed as RuleAction[] }).actions : parsed));
const maskOptions = (options: unknown) => mapJson(options, (parsed) => (isObject(parsed) ? redactActionOptions(parsed) : parsed));

export function maskRuleRow(row: unknown): unknown {
	return isObject(row) && 'actions' in row ? { ...row, actions: maskActions(row['actions']) } : row;
}

export function maskSavedActionRow(row: unknown): unknown {
	return isObject(row) && 'options' in row ? { ...row, options: maskOptions(row['options']) } : row;
}

/** A run or job read with its rule (`fields=rule.*`). */
export function maskRowWithRule(row: unknown): unknown {
	return isObject(row) && isObject(row['rule']) ? { ...row, rule: maskRuleRow(row['rule']) } : row;
}

/** A revision of a rule or saved action: its `data` and `delta` are copies of the row. */
export function maskRevisionRow(row: unknown): unknown {
	if (!isObject(row)) return row;
	const mask = row['collection'] === RULES_TABLE ? maskRuleRow : row['collection'] === SAVED_ACTIONS_TABLE ? maskSavedActionRow : null;
	if (!mask) return row;
	const copy = { ...row };
	for (const field of ['data', 'delta'] as const) if (field in copy) copy[field] = mapJson(copy[field], mask);
	return copy;
}

export const maskRows = (mask: (row: unknown) => unknown) => (payload: unknown) => (Array.isArray(payload) ? payload.map(mask) : mask(payload));

const hasMask = (value: unknown): boolean => (typeof value === 'string' ? value.includes(SECRET_MASK) : JSON.stringify(value ?? null).includes(SECRET_MASK));

function refuse(issues: RuleIssue[]): void {
	if (issues.length > 0) throw issues.map((issue) => new InvalidRuleError({ path: issue.path, problem: issue.message }));
}

/** A rule write's `actions` with each mask replaced by the stored secret it stands for. */
export async function keepRuleSecrets(payload: Row, keys: (string | number)[] | null, knex: Knex): Promise<Row> {
	if (!('actions' in payload) || !hasMask(payload['actions'])) return payload;
	if (keys && keys.length > 1) refuse([{ path: 'actions', message: `"${SECRET_MASK}" stands for one rule's stored secret: update one rule at a time, or type the secret` }]);
	const row = keys ? await knex(RULES_TABLE).where('id', keys[0]!).first('actions') : null;
	const result = keepStoredActionSecrets(fromJson<unknown>(payload['actions'], payload['actions']), fromJson<RuleAction[]>(row?.actions, []));
	refuse(result.issues);
	return { ...payload, actions: result.actions };
}

/** A saved action write's `options` with each mask replaced by the stored secret it stands for. */
export async function keepSavedActionSecrets(payload: Row, keys: (string | number)[] | null, knex: Knex): Promise<Row> {
	if (!('options' in payload) || !hasMask(payload['options'])) return payload;
	if (keys && keys.length > 1) refuse([{ path: 'options', message: `"${SECRET_MASK}" stands for one action's stored secret: update one action at a time, or type the secret` }]);
	const row = keys ? await knex(SAVED_ACTIONS_TABLE).where('id', keys[0]!).first('options') : null;
	const options = fromJson<unknown>(payload['options'], payload['options']);
	if (!isObject(options)) return payload;
	const result = keepStoredSecrets(options, fromJson<Row | null>(row?.options, null), 'options');
	refuse(result.issues);
	return { ...payload, options: result.options };
}
