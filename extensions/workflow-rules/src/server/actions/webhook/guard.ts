import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { allowedAddresses, normalizeHost, type AllowList } from './allow-list.js';

export interface GuardedAgents {
	httpAgent: RequestFilteringHttpAgent;
	httpsAgent: RequestFilteringHttpsAgent;
}

async function resolve(host: string, signal: AbortSignal): Promise<string[]> {
	if (isIP(host)) return [host];
	if (signal.aborted) return [];
	const aborted = new Promise<never[]>((resolve) => signal.addEventListener('abort', () => resolve([]), { once: true }));
	// A name that does not resolve now fails again in the agent's own lookup, as a connection error.
	return Promise.race([lookup(host, { all: true }).then((found) => found.map((entry) => entry.address), () => []), aborted]);
}

/**
 * Agents that refuse, at connect time and on the address actually connected to, every address
 * that is not public unicast (loopback, private, link-local, unique-local, IPv4-mapped, metadata,
 * 0.0.0.0, …), except those the allow-list lets this URL's host reach. The allow-list is turned
 * into the exact addresses the host resolves to now: a host that resolves elsewhere by the time
 * the agent looks it up again (DNS rebinding) is refused. Both agents, so that no protocol falls
 * back to Node's unguarded global agent.
 */
export async function guardedAgents(url: URL, list: AllowList, signal: AbortSignal): Promise<GuardedAgents> {
	const host = normalizeHost(url.hostname);
	const options = { allowIPAddressList: allowedAddresses(list, host, await resolve(host, signal)), keepAlive: false };
	return { httpAgent: new RequestFilteringHttpAgent(options), httpsAgent: new RequestFilteringHttpsAgent(options) };
}

// request-filtering-agent's refusal, e.g. "DNS lookup 127.0.0.2(family:4, host:localhost) is not
// allowed. Because, It is private IP address." (guard.test.ts pins it to the installed version).
const REFUSAL = /DNS lookup (\S+?)\(family:[^,]*, host:([^)]*)\) is not allowed/;

/** The address (and host, when a name was looked up) the guard refused, if that is what failed. */
export function refusedAddress(error: unknown): { address: string; host: string | null } | null {
	for (let current = error, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth++) {
		const match = REFUSAL.exec(current.message);
		if (match) return { address: match[1]!, host: match[2] && match[2] !== 'undefined' ? match[2] : null };
	}
	return null;
}
