import { BlockList, isIP } from 'node:net';
import type { Logger } from '../../runtime.js';

export const ALLOW_VARIABLE = 'WORKFLOW_WEBHOOK_ALLOW';

/**
 * WORKFLOW_WEBHOOK_ALLOW: the non-public destinations webhooks may reach anyway. Addresses and
 * CIDRs match the address a host name resolves to; a host name matches the URL's host, whatever
 * it resolves to (the operator vouches for that name).
 */
export interface AllowList {
	addresses: BlockList;
	hosts: ReadonlySet<string>;
	/** Entries that are neither an address, a CIDR nor a host name: ignored, for a warning. */
	invalid: string[];
}

const HOST = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** A host as URLs and the allow-list spell it alike: lower case, no brackets, no trailing dot. */
export function normalizeHost(host: string): string {
	return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** Directus casts its environment: the list arrives as a string, an array (it had a comma), or a number. */
function entriesOf(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : raw === null || raw === undefined ? [] : [raw];
	return values.map((value) => normalizeHost(String(value))).filter((entry) => entry !== '');
}

export function parseAllowList(raw: unknown): AllowList {
	const addresses = new BlockList();
	const hosts = new Set<string>();
	const invalid: string[] = [];

	for (const entry of entriesOf(raw)) {
		const [address = '', bits, ...rest] = entry.split('/');
		if (bits === undefined && isIP(address)) addresses.addAddress(address, family(address));
		else if (bits !== undefined && rest.length === 0 && isIP(address) && /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 6 ? 128 : 32)) addresses.addSubnet(address, Number(bits), family(address));
		else if (bits === undefined && HOST.test(entry)) hosts.add(entry);
		else invalid.push(entry);
	}

	return { addresses, hosts, invalid };
}

/** Which of the addresses `host` resolved to the list lets a webhook connect to. */
export function allowedAddresses(list: AllowList, host: string, resolved: readonly string[]): string[] {
	if (list.hosts.has(normalizeHost(host))) return [...resolved];
	return resolved.filter((address) => isIP(address) !== 0 && list.addresses.check(address, family(address)));
}

const warned = new Set<string>();

/** The list as Directus' environment holds it; entries it cannot read are named once in the log. */
export function readAllowList(env: Record<string, unknown>, logger: Pick<Logger, 'warn'>): AllowList {
	const list = parseAllowList(env[ALLOW_VARIABLE]);
	const key = list.invalid.join(',');
	if (list.invalid.length > 0 && !warned.has(key)) {
		warned.add(key);
		logger.warn(`[workflow-rules] ${ALLOW_VARIABLE}: ignoring ${list.invalid.map((entry) => `"${entry}"`).join(', ')}: neither an address, a CIDR nor a host name`);
	}
	return list;
}
