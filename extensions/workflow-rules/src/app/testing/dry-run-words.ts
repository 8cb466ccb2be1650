/**
 * The answer of `POST /workflows/rules/test` (server/rules/dry-run.ts) in words: whether the rule
 * would fire, and why not.
 */
export interface DryRunAnswer {
	event: string;
	item: string;
	listens: boolean;
	matched: boolean;
	gate?: string;
	trace: unknown;
	actions: { index: number; type: string; timing: string; due_at: string | null; would_run: boolean; reason?: string }[];
}

export type Verdict = 'fires' | 'not_listening' | 'no_match' | 'gated';

export function verdictOf(answer: Pick<DryRunAnswer, 'listens' | 'matched' | 'gate'>): Verdict {
	if (!answer.listens) return 'not_listening';
	if (!answer.matched) return 'no_match';
	if (answer.gate) return 'gated';
	return 'fires';
}

/** Rule errors of a 400 (`errors[].extensions.path`) as `path: message` lines. */
export function errorLines(error: unknown): string[] {
	const errors = (error as { response?: { data?: { errors?: { message?: string; extensions?: { path?: string; field?: string; problem?: string } }[] } } } | null)?.response?.data?.errors;
	if (!errors?.length) return [error instanceof Error ? error.message : String(error)];
	return errors.map((entry) => entry.message ?? `${entry.extensions?.path ?? entry.extensions?.field ?? ''}: ${entry.extensions?.problem ?? ''}`);
}
