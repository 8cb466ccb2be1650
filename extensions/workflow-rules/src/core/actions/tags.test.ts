import { describe, expect, it } from 'vitest';
import { applyTagChange, normaliseTags, sameTags } from './tags.js';

describe('normaliseTags', () => {
	it('reads arrays, JSON strings and nothing', () => {
		expect(normaliseTags(['vip', ' vip ', 'north', 3])).toEqual(['vip', 'north']);
		expect(normaliseTags('["a","b"]')).toEqual(['a', 'b']);
		expect(normaliseTags(null)).toEqual([]);
		expect(normaliseTags('single')).toEqual(['single']);
	});
});

describe('applyTagChange', () => {
	it('adds without duplicates and keeps the existing order', () => {
		expect(applyTagChange(['b', 'a'], ['a', 'c'])).toEqual(['b', 'a', 'c']);
	});

	it('removes, and removal wins over addition', () => {
		expect(applyTagChange(['a', 'b'], ['c'], ['a', 'c'])).toEqual(['b']);
	});

	it('tells unchanged tags apart', () => {
		expect(sameTags(applyTagChange(['a'], ['a']), ['a'])).toBe(true);
		expect(sameTags(applyTagChange(['a'], ['b']), ['a'])).toBe(false);
	});
});
