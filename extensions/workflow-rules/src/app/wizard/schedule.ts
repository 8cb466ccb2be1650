/**
 * Schedule triggers in plain words: daily / weekly / monthly presets at a time of day, written as
 * the cron expression the rule stores, read back from it, and the next occurrences of a cron
 * (core/timing/cron-occurrences.ts) for the wizard to show.
 */
import { nextCronOccurrence } from '../../core/timing/cron-occurrences.js';
import { cronProblem } from '../../core/rule/rule-schema.js';

export const SCHEDULE_PRESETS = ['daily', 'weekly', 'monthly', 'custom'] as const;
export type SchedulePreset = (typeof SCHEDULE_PRESETS)[number];

export interface ScheduleParts {
	preset: SchedulePreset;
	/** HH:MM */
	time: string;
	/** 0 = Sunday … 6 = Saturday (weekly) */
	weekday: number;
	/** 1–28 (monthly) */
	monthDay: number;
	/** the expression itself (custom) */
	cron: string;
}

export const DEFAULT_SCHEDULE: ScheduleParts = { preset: 'daily', time: '09:00', weekday: 1, monthDay: 1, cron: '0 9 * * *' };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The cron of a preset; a custom schedule is its own expression. */
export function cronFromSchedule(parts: ScheduleParts): string {
	if (parts.preset === 'custom') return parts.cron.trim();
	const match = TIME.exec(parts.time) ?? TIME.exec('09:00')!;
	const minute = Number(match[2]);
	const hour = Number(match[1]);
	if (parts.preset === 'daily') return `${minute} ${hour} * * *`;
	if (parts.preset === 'weekly') return `${minute} ${hour} * * ${parts.weekday}`;
	return `${minute} ${hour} ${parts.monthDay} * *`;
}

/** The preset a stored cron is, or `custom` with the expression kept as it is. */
export function scheduleFromCron(cron: string): ScheduleParts {
	const fields = cron.trim().split(/\s+/);
	const custom: ScheduleParts = { ...DEFAULT_SCHEDULE, preset: 'custom', cron: cron.trim() };
	if (fields.length !== 5) return custom;
	const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
	if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || Number(minute) > 59 || Number(hour) > 23 || month !== '*') return custom;
	const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
	const base = { ...DEFAULT_SCHEDULE, time, cron: cron.trim() };
	if (day === '*' && weekday === '*') return { ...base, preset: 'daily' };
	if (day === '*' && /^[0-6]$/.test(weekday)) return { ...base, preset: 'weekly', weekday: Number(weekday) };
	if (weekday === '*' && /^\d{1,2}$/.test(day) && Number(day) >= 1 && Number(day) <= 28) return { ...base, preset: 'monthly', monthDay: Number(day) };
	return custom;
}

/** The next `count` occurrences of `cron` in `timeZone` after `from`; [] when the cron is invalid. */
export function nextOccurrences(cron: string, timeZone: string, from: Date, count = 3): Date[] {
	if (!cron.trim() || cronProblem(cron)) return [];
	const found: Date[] = [];
	let at: Date | null = from;
	try {
		while (found.length < count && at) {
			at = nextCronOccurrence(cron, timeZone, at);
			if (at) found.push(at);
		}
	} catch {
		return [];
	}
	return found;
}
