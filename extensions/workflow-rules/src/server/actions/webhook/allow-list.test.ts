import { describe, expect, it } from 'vitest';
import { allowedAddresses, parseAllowList, readAllowList } from './allow-list.js';

describe('parseAllowList', () => {
	it('reads addresses, CIDRs and host names from a comma list', () => {
		const list = parseAllowList(' 127.0.0.1, 10.1.0.0/16 ,::1, fd00::/8, Hooks.Internal., [::2] ');
		expect([...list.hosts]).toEqual(['hooks.internal']);
		expect(list.invalid).toEqual([]);
		expect(allowedAddresses(list, 'any.example', ['127.0.0.1', '10.1.200.3', '::1', 'fd12::5', '::2'])).toEqual(['127.0.0.1', '10.1.200.3', '::1', 'fd12::5', '::2']);
		expect(allowedAddresses(list, 'any.example', ['127.0.0.2', '10.2.0.1', '::3', 'fe80::1'])).toEqual([]);
	});

	it('takes the list as Directus casts it: an array, a number, or nothing', () => {
		expect(allowedAddresses(parseAllowList(['localhost', '127.0.0.2/32']), 'x', ['127.0.0.2'])).toEqual(['127.0.0.2']);
		expect([...parseAllowList(['localhost', '127.0.0.2/32']).hosts]).toEqual(['localhost']);
		expect(parseAllowList(10).invalid).toEqual([]);
		for (const empty of [undefined, null, '', ' , ']) expect(allowedAddresses(parseAllowList(empty), 'x', ['127.0.0.1'])).toEqual([]);
	});

	it('lets a listed host name reach whatever it resolves to, and only that name', () => {
		const list = parseAllowList('localhost');
		expect(allowedAddresses(list, 'LOCALHOST.', ['127.0.0.1', '::1'])).toEqual(['127.0.0.1', '::1']);
		expect(allowedAddresses(list, 'other.example', ['127.0.0.1'])).toEqual([]);
	});

	it('matches an IPv4-mapped IPv6 address only through its IPv4 entry', () => {
		expect(allowedAddresses(parseAllowList('127.0.0.1'), 'x', ['::ffff:7f00:1'])).toEqual(['::ffff:7f00:1']);
		expect(allowedAddresses(parseAllowList('10.0.0.0/8'), 'x', ['::ffff:7f00:1'])).toEqual([]);
	});

	it('sets aside what is no address, CIDR or host name', () => {
		expect(parseAllowList('10.0.0.0/33,1.2.3.4/x,a b,http://x.example,::1/129,10.0.0.0/8/8').invalid).toEqual(['10.0.0.0/33', '1.2.3.4/x', 'a b', 'http://x.example', '::1/129', '10.0.0.0/8/8']);
	});
});

describe('readAllowList', () => {
	it('names the entries it ignores once, not on every webhook', () => {
		const warnings: unknown[] = [];
		const logger = { warn: (message: unknown) => warnings.push(message) };
		const env = { WORKFLOW_WEBHOOK_ALLOW: ['127.0.0.1', 'not a host'] };
		expect([...readAllowList(env, logger).hosts]).toEqual([]);
		readAllowList(env, logger);
		expect(warnings).toEqual(['[workflow-rules] WORKFLOW_WEBHOOK_ALLOW: ignoring "not a host": neither an address, a CIDR nor a host name']);
	});
});
