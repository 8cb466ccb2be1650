import { describe, expect, it } from 'vitest';
import { parseAddress, splitAddressList } from './email-addresses.js';

describe('parseAddress', () => {
	it.each([
		['ann@example.com', { name: null, address: 'ann@example.com' }],
		['  ann@example.com ', { name: null, address: 'ann@example.com' }],
		['Ann Lee <ann@example.com>', { name: 'Ann Lee', address: 'ann@example.com' }],
		['"Lee, Ann" <ann@example.com>', { name: 'Lee, Ann', address: 'ann@example.com' }],
		['"Ann \\"AL\\" Lee" <ann@example.com>', { name: 'Ann "AL" Lee', address: 'ann@example.com' }],
		['<ann@example.com>', { name: null, address: 'ann@example.com' }],
	])('reads %s', (text, expected) => {
		expect(parseAddress(text)).toEqual(expected);
	});

	it.each(['', 'ann', 'ann@', '@example.com', 'ann@example', 'ann@@example.com', 'ann example@example.com', 'a@b.c, d@e.f', 'Ann <ann@example.com', 'Ann <not an address>', 'ann@exa<mple.com'])('refuses %j', (text) => {
		expect(parseAddress(text)).toBeNull();
	});
});

describe('splitAddressList', () => {
	it('splits at commas outside quotes and angle brackets, dropping blanks', () => {
		expect(splitAddressList('a@example.com, "Lee, Ann" <ann@example.com>,, b@example.com ,')).toEqual(['a@example.com', '"Lee, Ann" <ann@example.com>', 'b@example.com']);
		expect(splitAddressList('"a \\", b" <x@example.com>')).toEqual(['"a \\", b" <x@example.com>']);
		expect(splitAddressList('  ')).toEqual([]);
	});
});
