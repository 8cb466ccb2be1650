/**
 * A slot's start as a receptionist reads it on the CRM's wall clock, "Tue 3 Dec 09:00": short
 * enough to list a few in a field's error message. English, as the booking check's messages.
 */
import { zonedParts, type Weekday } from '../timing/zoned-time.js';

const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function slotLabel(start: Date, tz: string): string {
	const { ymd, hhmm, weekday } = zonedParts(start, tz);
	const [, month, day] = ymd.split('-').map(Number);
	return `${WEEKDAY_LABELS[weekday]} ${day ?? ''} ${MONTH_LABELS[(month ?? 1) - 1] ?? ''} ${hhmm}`;
}

/** "Next free: Tue 3 Dec 09:00, Tue 3 Dec 09:30 (Europe/Paris)", or a sentence saying there is none. */
export function nextFreeText(starts: readonly Date[], tz: string): string {
	if (starts.length === 0) return 'No free slot in the next days.';
	return `Next free: ${starts.map((start) => slotLabel(start, tz)).join(', ')} (${tz}).`;
}
