import { toInstant } from '../events/index.js';
import type { RuleAction } from '../rule/rule-types.js';
import { addDuration, parseDuration } from '../timing/iso-duration.js';

export interface ActionPlan {
	dueAt: Date | null;
	/** Why the action will not run, when dueAt is null. */
	skip?: string;
}

/** When an action of a matched rule is due, from its timing and the record. */
export function planAction(action: RuleAction, record: Record<string, unknown> | null, now: Date): ActionPlan {
	const timing = action.timing;
	if (timing.type === 'instant') return { dueAt: now };

	const offset = parseDuration(timing.offset);
	if (!offset) return { dueAt: null, skip: `invalid offset "${timing.offset}"` };

	if (timing.type === 'after_trigger') return { dueAt: addDuration(now, offset) };

	const instant = toInstant(record?.[timing.field]);
	const base = instant === null ? null : new Date(instant);
	if (!base) return { dueAt: null, skip: `${timing.field} is empty` };

	const dueAt = addDuration(base, offset);
	if (dueAt.getTime() < now.getTime()) return { dueAt: null, skip: `due time ${dueAt.toISOString()} (${timing.field} ${timing.offset}) has already passed` };
	return { dueAt };
}

export function timingLabel(action: RuleAction): string {
	const timing = action.timing;
	if (timing.type === 'instant') return 'instant';
	if (timing.type === 'after_trigger') return `after_trigger ${timing.offset}`;
	return `relative_to_field ${timing.field} ${timing.offset}`;
}
