/**
 * When a date or schedule trigger would next fire for one record, for the dry run: the same core
 * timing the ticks use (date-occurrences, cron-occurrences), asked for the first occurrence after
 * now, with why there is none.
 */
import type { DateTrigger, ScheduleTrigger } from '../../core/rule/rule-types.js';
import { nextCronOccurrence } from '../../core/timing/cron-occurrences.js';
import { dateSchedule, fieldValue, nextOccurrence, occurrenceAt } from '../../core/timing/date-occurrences.js';

export interface NextOccurrence {
	/** The first instant after now the trigger fires for the record; null when it will not. */
	at: Date | null;
	/** Why there is none. */
	reason?: string;
}

export interface OccurrenceClock {
	/** The CRM time zone (IANA): offsets in days or more, `time` and cron fields are read on its wall clock. */
	timeZone: string;
	now: Date;
}

/**
 * A date trigger's next occurrence for a record: its field's value plus the offset (at `time` for a
 * date-only field), repeated monthly or yearly when asked. `dateOnly` is null when the field is no
 * date or datetime field of the collection (the rule validation refuses those at save).
 */
export function nextDateOccurrence(trigger: DateTrigger, record: Record<string, unknown>, dateOnly: boolean | null, clock: OccurrenceClock): NextOccurrence {
	if (dateOnly === null) return { at: null, reason: `${trigger.field} is not a date field of the collection` };
	const schedule = dateSchedule(trigger, clock.timeZone, dateOnly);
	if (!schedule) return { at: null, reason: `invalid offset "${String(trigger.offset)}"` };
	const value = fieldValue(record[trigger.field]);
	if (value === null) return { at: null, reason: `${trigger.field} is empty` };
	const at = nextOccurrence(schedule, value, clock.now);
	if (at) return { at };
	// Only a trigger that does not repeat runs out of occurrences: its one occurrence is past.
	return { at: null, reason: `its occurrence ${occurrenceAt(schedule, value, 0).toISOString()} (${trigger.field}${trigger.offset ? ` ${trigger.offset}` : ''}) has passed` };
}

/** A schedule trigger's next run: the same for every record. */
export function nextScheduleOccurrence(trigger: ScheduleTrigger, clock: OccurrenceClock): NextOccurrence {
	const at = nextCronOccurrence(trigger.cron, clock.timeZone, clock.now);
	return at ? { at } : { at: null, reason: `the schedule "${trigger.cron}" does not run again` };
}
