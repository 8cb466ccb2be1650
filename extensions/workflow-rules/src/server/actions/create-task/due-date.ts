import { parseDuration } from '../../../core/timing/iso-duration.js';
import { addDurationInZone } from '../../../core/timing/zoned-time.js';

/**
 * When a task made at `now` is due: `now` plus `dueIn` on the wall clock of the CRM's time zone,
 * so that `P1D` across a DST switch keeps the time of day a person would expect (23 or 25 hours
 * later), while a time part (`PT4H`) is elapsed time. No `dueIn`, no due date.
 */
export function dueDate(now: Date, dueIn: string | null | undefined, timezone: string): Date | null {
	if (!dueIn) return null;
	const duration = parseDuration(dueIn);
	// The options schema refuses anything else; a stored rule bypassing it must not get a wrong date.
	if (!duration) throw new RangeError(`"${dueIn}" is not an ISO 8601 duration`);
	return addDurationInZone(now, duration, timezone);
}
