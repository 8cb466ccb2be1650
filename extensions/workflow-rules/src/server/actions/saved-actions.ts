import type { Knex } from 'knex';
import type { Rule, RuleIssue } from '../../core/rule/rule-types.js';
import { fromJson } from '../db/rows.js';

export const SAVED_ACTIONS_TABLE = 'workflow_actions';

/** A rule action that uses a saved one: `{ "use": "<saved action id>", "timing": … }`. */
interface UseReference {
	use: string;
	timing?: unknown;
}

function isReference(action: unknown): action is UseReference {
	return typeof action === 'object' && action !== null && 'use' in action && !('type' in action);
}

/** The ids of the saved actions a list of rule actions uses, each once (only those that can be ids). */
export function savedActionIds(actions: unknown): string[] {
	if (!Array.isArray(actions)) return [];
	return [...new Set(actions.filter(isReference).map((reference) => String(reference.use)))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
}

/**
 * Replaces each `{ use, timing }` of a list of rule actions by the saved action it names, as it is
 * now (so that changing a saved action changes every rule that uses it), keeping `use` to say
 * where it came from; the reference's own timing wins over the saved default. References to no
 * saved action are issues at `actions[i].use`; everything else is left to the rule validation.
 */
export async function resolveSavedActions(knex: Knex, actions: unknown): Promise<{ actions: unknown; issues: RuleIssue[] }> {
	const list = fromJson<unknown>(actions, actions);
	if (!Array.isArray(list) || !list.some(isReference)) return { actions: list, issues: [] };

	const rows: Record<string, unknown>[] = await knex(SAVED_ACTIONS_TABLE).whereIn('id', savedActionIds(list));
	const saved = new Map(rows.map((row) => [String(row['id']), row]));
	const issues: RuleIssue[] = [];

	const resolved = list.map((action, index) => {
		if (!isReference(action)) return action;
		const { use, timing, ...rest } = action as UseReference & Record<string, unknown>;
		for (const key of Object.keys(rest)) issues.push({ path: `actions[${index}].${key}`, message: `not allowed beside "use": the saved action's ${key === 'options' ? 'options apply' : 'settings apply'}; only "timing" may be set` });
		const row = saved.get(String(use));
		if (!row) {
			issues.push({ path: `actions[${index}].use`, message: `no saved action has the id ${JSON.stringify(use)}` });
			return action;
		}
		return { use: String(use), name: row['name'] ?? null, type: row['type'], options: fromJson(row['options'], {}), timing: timing ?? fromJson(row['timing'], null) ?? { type: 'instant' } };
	});
	return { actions: resolved, issues };
}

/** A stored rule with its saved actions resolved. */
export async function withSavedActions<T extends Pick<Rule, 'actions'>>(knex: Knex, rule: T): Promise<T> {
	const { actions } = await resolveSavedActions(knex, rule.actions);
	return { ...rule, actions: actions as Rule['actions'] };
}

/** The rules (id and name) whose actions use a saved action. */
export async function rulesUsing(knex: Knex, savedAction: string): Promise<{ id: string; name: string }[]> {
	const candidates: Record<string, unknown>[] = await knex('workflow_rules').select('id', 'name', 'actions').whereRaw('CAST(?? AS TEXT) LIKE ?', ['actions', `%${savedAction}%`]);
	return candidates
		.filter((row) => fromJson<unknown[]>(row['actions'], []).some((action) => isReference(action) && String(action.use) === savedAction))
		.map((row) => ({ id: String(row['id']), name: String(row['name']) }));
}
