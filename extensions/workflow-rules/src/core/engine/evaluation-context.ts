/**
 * What one evaluation of a rule sees besides the record: the clock and who made the write. Built
 * once per write and used alike by the engine, the dry run and the re-check of a scheduled job,
 * so that the three cannot disagree.
 */
export interface EvaluationContext {
	now: Date;
	/** The user who made the write; null for writes made by the system. */
	userId: string | null;
	/** That user's role; null when none. */
	roleId: string | null;
	/** The CRM time zone (IANA): scheduled actions' days and months are counted on its wall clock. */
	timeZone: string;
}

export function evaluationContext(input: Partial<EvaluationContext> = {}): EvaluationContext {
	return { now: input.now ?? new Date(), userId: input.userId ?? null, roleId: input.roleId ?? null, timeZone: input.timeZone ?? 'UTC' };
}
