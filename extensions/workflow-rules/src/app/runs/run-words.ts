/** A run's result in words (a message key and its values), as a person reads it. */
export function outcomeKey(run: { outcome: string; message?: string | null; depth?: number | null }): { key: string; params: Record<string, string | number> } {
	const known = ['matched', 'not_matched', 'skipped', 'depth_limit', 'error'];
	const outcome = known.includes(run.outcome) ? run.outcome : 'error';
	return { key: `module.outcome.${outcome}`, params: { message: run.message ?? '—', depth: run.depth ?? 0 } };
}

