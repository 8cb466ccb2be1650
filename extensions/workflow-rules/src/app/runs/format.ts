/** Dates and API errors as the module shows them. */
export function formatWhen(iso: string | null | undefined, language: string): string {
	if (!iso) return '—';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return String(iso);
	return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The first message Directus answered with, else the error's own. */
export function apiErrorMessage(error: unknown): string {
	const response = (error as { response?: { data?: { errors?: { message?: string }[] } } } | null)?.response;
	return response?.data?.errors?.[0]?.message ?? (error instanceof Error ? error.message : String(error));
}

export function apiStatus(error: unknown): number | null {
	return (error as { response?: { status?: number } } | null)?.response?.status ?? null;
}

/** YYYY-MM-DD of a date, in UTC (the usage report's days are UTC days). */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
	return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}
