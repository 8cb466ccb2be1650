/** However long a receiver asks for, the job comes back within the hour (its attempts still count). */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * A `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Milliseconds from
 * `now`, 0 for a date already past, capped at an hour; null when absent or unreadable (the job's
 * own backoff applies then).
 */
export function parseRetryAfter(value: string | string[] | undefined | null, now: Date): number | null {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return null;
	if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * 1000);
	// Only the date forms HTTP allows (IMF-fixdate and the two obsolete ones) start with a day name.
	if (!/^[A-Za-z]{3}/.test(text)) return null;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return null;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now.getTime()));
}
