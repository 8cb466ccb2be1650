import { isSensitiveHeader, SECRET_MASK } from './redact-secrets.js';
import type { RuleIssue } from './rule-types.js';

type Options = Record<string, unknown>;
type ActionLike = { type?: unknown; options?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const headersOf = (options: Options): Record<string, unknown> => (isObject(options['headers']) ? options['headers'] : {});

/** Whether a webhook's options still hold a mask where a secret was (what a read handed out). */
function masksIn(options: Options): { secret: boolean; headers: string[] } {
	return {
		secret: options['secret'] === SECRET_MASK,
		headers: Object.entries(headersOf(options)).filter(([name, value]) => value === SECRET_MASK && isSensitiveHeader(name)).map(([name]) => name),
	};
}

function headerValue(options: Options, name: string): unknown {
	const lower = name.toLowerCase();
	return Object.entries(headersOf(options)).find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * Options with each mask replaced by the stored value it stands for. The studio reads rules with
 * their secrets masked and sends the mask back when the user left a secret untouched, so a save
 * keeps it. A mask with no stored value to keep is an issue at its path: the secret must be typed.
 */
export function keepStoredSecrets(options: Options, stored: Options | null, path: string): { options: Options; issues: RuleIssue[] } {
	const masks = masksIn(options);
	if (!masks.secret && masks.headers.length === 0) return { options, issues: [] };
	const issues: RuleIssue[] = [];
	const kept: Options = { ...options };
	const retype = `"${SECRET_MASK}" stands for a stored secret, but there is none to keep here: type the secret again`;
	if (masks.secret) {
		const value = stored?.['secret'];
		if (typeof value === 'string' && value !== SECRET_MASK) kept['secret'] = value;
		else issues.push({ path: `${path}.secret`, message: retype });
	}
	if (masks.headers.length > 0) {
		const headers = { ...headersOf(options) };
		for (const name of masks.headers) {
			const value = stored ? headerValue(stored, name) : undefined;
			if (typeof value === 'string' && value !== SECRET_MASK) headers[name] = value;
			else issues.push({ path: `${path}.headers.${name}`, message: retype });
		}
		kept['headers'] = headers;
	}
	return { options: kept, issues };
}

/**
 * The stored webhook action a posted one with masks stands for: the one with the same URL when
 * only one has it (actions may have been reordered), else the one at the same place if it is a
 * webhook (its URL was edited).
 */
export function storedCounterpart(actions: readonly ActionLike[], index: number, stored: readonly ActionLike[]): Options | null {
	const options = (action: ActionLike | undefined) => (action && action.type === 'webhook' && isObject(action.options) ? action.options : null);
	const url = options(actions[index])?.['url'];
	const sameUrl = stored.map(options).filter((candidate): candidate is Options => candidate !== null && candidate['url'] === url);
	if (sameUrl.length === 1) return sameUrl[0]!;
	return options(stored[index]);
}

/** A rule's posted actions with every mask replaced by the stored secret it stands for. */
export function keepStoredActionSecrets(actions: unknown, stored: readonly ActionLike[]): { actions: unknown; issues: RuleIssue[] } {
	if (!Array.isArray(actions)) return { actions, issues: [] };
	const issues: RuleIssue[] = [];
	const kept = actions.map((action: unknown, index) => {
		if (!isObject(action) || action['type'] !== 'webhook' || !isObject(action['options'])) return action;
		const result = keepStoredSecrets(action['options'], storedCounterpart(actions as ActionLike[], index, stored), `actions[${index}].options`);
		issues.push(...result.issues);
		return result.options === action['options'] ? action : { ...action, options: result.options };
	});
	return { actions: kept, issues };
}
