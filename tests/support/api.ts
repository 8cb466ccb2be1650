/** REST helpers for integration tests: raw status and body, so tests can assert on errors too. */
import { inject } from 'vitest';

export interface ApiResponse<T = any> {
	status: number;
	body: T;
}

export async function api<T = any>(method: string, path: string, body?: unknown, token: string | null = inject('adminToken')): Promise<ApiResponse<T>> {
	const response = await fetch(`${inject('directusUrl')}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The `data` of a successful call; fails the test with the API's own errors otherwise. */
export async function data<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await api<{ data: T; errors?: unknown }>(method, path, body);
	if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(response.body)}`);
	return response.body?.data as T;
}

export async function count(collection: string, filter?: Record<string, unknown>): Promise<number> {
	const query = new URLSearchParams({ 'aggregate[count]': '*' });
	if (filter) query.set('filter', JSON.stringify(filter));
	const rows = await data<{ count: number | string }[]>('GET', `/items/${collection}?${query}`);
	return Number(rows[0]?.count ?? 0);
}
