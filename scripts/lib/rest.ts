/** A minimal authenticated JSON client for scripts that drive Directus' REST API. */
export class RestError extends Error {
	constructor(readonly status: number, readonly method: string, readonly path: string, readonly body: unknown) {
		super(`${method} ${path} → ${status}: ${JSON.stringify(body)}`);
		this.name = 'RestError';
	}
}

export function restClient(baseUrl: string, token: string) {
	return async function request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const parsed = text ? JSON.parse(text) : null;
		if (!response.ok) throw new RestError(response.status, method, path, parsed);
		return (parsed?.data ?? parsed) as T;
	};
}
