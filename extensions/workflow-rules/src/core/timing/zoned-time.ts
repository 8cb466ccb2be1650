/**
 * Wall-clock time in IANA time zones through `Intl.DateTimeFormat` alone (no library): reading the
 * local date/time of an instant, and finding the instant of a local date/time across DST switches.
 * Local times that do not exist (spring-forward gap) move forward by the gap, as Temporal's
 * "compatible" disambiguation does; ambiguous ones (fall-back) resolve to their first occurrence.
 */
import { addCalendarMonths, dateDays, timeMilliseconds, type Duration } from './iso-duration.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface ZonedParts {
	/** Local date, `YYYY-MM-DD`. */
	ymd: string;
	/** Local time, `HH:MM` (24 h). */
	hhmm: string;
	weekday: Weekday;
	/** Minutes since local midnight (0..1439). */
	minutes: number;
}

const MS_PER_DAY = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Indexed by `Date#getUTCDay()`. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(tz: unknown): tz is string {
	if (typeof tz !== 'string' || tz.trim() === '') return false;
	try {
		formatter(tz);
		return true;
	} catch {
		return false;
	}
}

export function isValidHhmm(text: string): boolean {
	return HHMM.test(text);
}

export function isValidYmd(text: string): boolean {
	const match = YMD.exec(text);
	if (!match) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The local date, time and weekday of `date` in `tz`. */
export function zonedParts(date: Date, tz: string): ZonedParts {
	const wall = new Date(wallClockMs(date.getTime(), tz));
	const hours = wall.getUTCHours();
	const minutes = wall.getUTCMinutes();
	return {
		ymd: wall.toISOString().slice(0, 10),
		hhmm: `${pad(hours)}:${pad(minutes)}`,
		weekday: WEEKDAYS[wall.getUTCDay()] ?? 'mon',
		minutes: hours * 60 + minutes,
	};
}

/** The instant at which the wall clock in `tz` shows `ymd` `hhmm` (gap: later; overlap: first). */
export function zonedTimeToUtc(ymd: string, hhmm: string, tz: string): Date {
	const date = YMD.exec(ymd);
	const time = HHMM.exec(hhmm);
	if (!date || !time) throw new RangeError(`invalid local date/time "${ymd} ${hhmm}"`);
	const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]));
	return new Date(wallToUtc(wall, tz));
}

/** `ymd` moved by `days` calendar days. */
export function addDaysYmd(ymd: string, days: number): string {
	const date = YMD.exec(ymd);
	if (!date) throw new RangeError(`invalid date "${ymd}"`);
	return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]) + days)).toISOString().slice(0, 10);
}

/** The weekday of a calendar date, wherever it is. */
export function weekdayOfYmd(ymd: string): Weekday {
	const date = YMD.exec(ymd);
	if (!date) throw new RangeError(`invalid date "${ymd}"`);
	return WEEKDAYS[new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))).getUTCDay()] ?? 'mon';
}

/**
 * `date` moved by `duration` on the wall clock of `tz`: years, months, weeks and days keep the local
 * time of day (P1D across a DST switch is 23 or 25 hours), the time part adds elapsed time.
 */
export function addDurationInZone(date: Date, duration: Duration, tz: string): Date {
	let wall = wallClockMs(date.getTime(), tz);
	wall = addCalendarMonths(wall, duration.sign * (duration.years * 12 + duration.months));
	wall += duration.sign * dateDays(duration) * MS_PER_DAY;
	return new Date(wallToUtc(wall, tz) + duration.sign * timeMilliseconds(duration));
}

/** The wall clock of `tz` at `epochMs`, expressed as if it were UTC. */
function wallClockMs(epochMs: number, tz: string): number {
	return epochMs + offsetMs(epochMs, tz);
}

/** The instant of a wall-clock time (given as if it were UTC) in `tz`. */
function wallToUtc(wallMs: number, tz: string): number {
	// Offsets a day either side bracket any single transition near this wall time.
	const before = wallMs - offsetMs(wallMs - MS_PER_DAY, tz);
	const after = wallMs - offsetMs(wallMs + MS_PER_DAY, tz);
	const exact = [before, after].filter((candidate) => wallClockMs(candidate, tz) === wallMs);
	// Ambiguous: the first occurrence. Gap: the pre-transition offset, i.e. later by the gap's length.
	return exact.length > 0 ? Math.min(...exact) : Math.max(before, after);
}

/** Offset of `tz` from UTC at `epochMs`, in milliseconds (east positive). */
function offsetMs(epochMs: number, tz: string): number {
	const whole = Math.floor(epochMs / 1000) * 1000;
	const values: Record<string, number> = {};
	for (const entry of formatter(tz).formatToParts(new Date(whole))) {
		if (entry.type !== 'literal') values[entry.type] = Number(entry.value);
	}
	const asUtc = new Date(0);
	asUtc.setUTCFullYear(values.year ?? 1970, (values.month ?? 1) - 1, values.day ?? 1);
	asUtc.setUTCHours(values.hour ?? 0, values.minute ?? 0, values.second ?? 0, 0);
	return asUtc.getTime() - whole;
}

function formatter(tz: string): Intl.DateTimeFormat {
	let cached = formatters.get(tz);
	if (!cached) {
		cached = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(tz, cached);
	}
	return cached;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
