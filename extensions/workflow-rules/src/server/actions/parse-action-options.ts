import type { ActionType } from '../../core/rule/rule-types.js';
import type { ActionDefinition, ActionOptionsOf } from './action-definition.js';

export type ParsedOptions<T extends ActionType> = { ok: true; options: ActionOptionsOf<T> } | { ok: false; issues: { path: string; problem: string }[] };

/** An action's options through its schema: the options with defaults, or each problem at its `options.…` path. */
export function parseActionOptions<T extends ActionType>(definition: ActionDefinition<T>, options: unknown): ParsedOptions<T> {
	const parsed = definition.options.safeParse(options);
	if (parsed.success) return { ok: true, options: parsed.data as ActionOptionsOf<T> };
	return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: ['options', ...issue.path.map(String)].join('.'), problem: issue.message })) };
}
