/**
 * An action says whether a failure is worth retrying through the error it throws: a timeout, a
 * connection error, a 5xx, 429 or an SMTP 4xx may pass; a refused address, another 4xx, an SMTP 5xx
 * or a template error will not. The job keeps the error's kind and status beside its message.
 */
export interface ActionErrorDetails {
	/** What failed, for the job row and the run log: `timeout`, `connection`, `http`, `smtp`, `template`, `refused`, … */
	kind?: string;
	/** The HTTP or SMTP status the other side answered, when it answered. */
	status?: number;
	/** The earliest the next attempt may start, when the other side said so (`Retry-After`). */
	retryAfterMs?: number;
}

abstract class ActionError extends Error {
	abstract readonly retryable: boolean;
	readonly kind: string;
	readonly status: number | null;
	readonly retryAfterMs: number | null;

	constructor(message: string, details: ActionErrorDetails = {}, options?: { cause?: unknown }) {
		super(message, options);
		this.kind = details.kind ?? 'action';
		this.status = details.status ?? null;
		this.retryAfterMs = details.retryAfterMs ?? null;
	}
}

export class PermanentActionError extends ActionError {
	readonly retryable = false;
	override name = 'PermanentActionError';
}

export class RetryableActionError extends ActionError {
	readonly retryable = true;
	override name = 'RetryableActionError';
}

/** Whether a failed attempt should be tried again; Directus' own 4xx errors (validation, permissions) are final. */
export function isRetryable(error: unknown): boolean {
	if (error instanceof ActionError) return error.retryable;
	const status = (error as { status?: unknown } | null)?.status;
	return !(typeof status === 'number' && status >= 400 && status < 500);
}

/** The kind and status a job row keeps of the error that ended an attempt. */
export function errorDetails(error: unknown): { kind: string; status: number | null; retryAfterMs: number | null } {
	if (error instanceof ActionError) return { kind: error.kind, status: error.status, retryAfterMs: error.retryAfterMs };
	const status = (error as { status?: unknown } | null)?.status;
	return { kind: Array.isArray(error) || typeof status === 'number' ? 'directus' : 'internal', status: typeof status === 'number' ? status : null, retryAfterMs: null };
}

export function errorMessage(error: unknown): string {
	if (Array.isArray(error)) return error.map(errorMessage).join('; ');
	return error instanceof Error ? error.message : String(error);
}
