/**
 * An action says whether a failure is worth retrying through the error it throws: a timeout or a
 * 5xx may pass, a refused address or a 4xx will not. Anything else is taken as transient.
 */
export class PermanentActionError extends Error {
	readonly retryable = false;
	constructor(message: string) {
		super(message);
		this.name = 'PermanentActionError';
	}
}

export class RetryableActionError extends Error {
	readonly retryable = true;
	constructor(message: string) {
		super(message);
		this.name = 'RetryableActionError';
	}
}

/** Whether a failed attempt should be tried again; Directus' own 4xx errors (validation, permissions) are final. */
export function isRetryable(error: unknown): boolean {
	if (error instanceof PermanentActionError) return false;
	if (error instanceof RetryableActionError) return true;
	const status = (error as { status?: unknown } | null)?.status;
	return !(typeof status === 'number' && status >= 400 && status < 500);
}

export function errorMessage(error: unknown): string {
	if (Array.isArray(error)) return error.map(errorMessage).join('; ');
	return error instanceof Error ? error.message : String(error);
}
