/** REST calls to a scratch instance a test file started itself (crash and reload tests). */
import type { ScratchInstance } from '../../scripts/lib/scratch-instance.js';

/** The `data` of a call as the instance's admin (the body when it has none); throws with the status and body otherwise. */
export function instanceApi(instance: () => ScratchInstance) {
	return async function call<T = any>(method: string, route: string, body?: unknown): Promise<T> {
		const { url, token } = instance();
		const response = await fetch(`${url}${route}`, {
			method,
			headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : null;
		return (parsed && 'data' in parsed ? parsed.data : parsed) as T;
	};
}
