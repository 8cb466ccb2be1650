/**
 * The occurrences of a schedule trigger's cron (croner: 5 fields, or 6 with seconds) on the wall
 * clock of the CRM time zone: "0 9 * * 1" is 09:00 local every Monday, winter and summer.
 */
import { Cron } from 'croner';

/** The occurrences in (from, to], in order, at most `limit` of them (the earliest). */
export function cronOccurrencesBetween(cron: string, timeZone: string, from: Date, to: Date, limit = 1_000): Date[] {
	const pattern = new Cron(cron, { timezone: timeZone, paused: true });
	const found: Date[] = [];
	for (let at = pattern.nextRun(from); at && at.getTime() <= to.getTime() && found.length < limit; at = pattern.nextRun(at)) found.push(at);
	return found;
}

/** The first occurrence strictly after `after`, or null when the pattern never runs again. */
export function nextCronOccurrence(cron: string, timeZone: string, after: Date): Date | null {
	return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(after);
}
