import { describe, expect, it } from 'vitest';
import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { assertHeaderValue } from './headers.js';
import { addressesIn, dedupeRecipients, recipientEntries } from './recipients.js';

const failure = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return error instanceof PermanentActionError ? { kind: error.kind, message: error.message, retryable: error.retryable } : error;
	}
	throw new Error('expected a failure');
};

describe('recipientEntries', () => {
	it('names each entry by its option path', () => {
		expect(recipientEntries('to', ' owner ')).toEqual([{ field: 'to', text: 'owner', where: 'options.to' }]);
		expect(recipientEntries('cc', ['a@example.com', '{{ record.email }}'])).toEqual([
			{ field: 'cc', text: 'a@example.com', where: 'options.cc[0]' },
			{ field: 'cc', text: '{{ record.email }}', where: 'options.cc[1]' },
		]);
		expect(recipientEntries('bcc', null)).toEqual([]);
	});
});

describe('addressesIn', () => {
	it('reads one address, a named one, or a comma list', () => {
		expect(addressesIn('a@example.com', 'options.to')).toEqual([{ name: null, address: 'a@example.com' }]);
		expect(addressesIn('Ann <ann@example.com>, b@example.com', 'options.to')).toEqual([
			{ name: 'Ann', address: 'ann@example.com' },
			{ name: null, address: 'b@example.com' },
		]);
		expect(addressesIn('  ', 'options.to')).toEqual([]);
	});

	it('refuses what is not an address for good, naming the option', () => {
		expect(failure(() => addressesIn('a@example.com, nobody', 'options.cc[2]'))).toEqual({ kind: 'invalid_address', retryable: false, message: 'options.cc[2]: "nobody" is not an email address' });
	});

	it('refuses line breaks before reading addresses', () => {
		expect(failure(() => addressesIn('a@example.com\r\nBcc: evil@example.com', 'options.to[0]'))).toMatchObject({ kind: 'header_injection', retryable: false, message: expect.stringMatching(/^options\.to\[0\]: a line break in a mail header is refused/) });
	});
});

describe('assertHeaderValue', () => {
	it('passes a single line through', () => {
		expect(assertHeaderValue('Missed call: Ann → Bob', 'options.subject')).toBe('Missed call: Ann → Bob');
	});

	it.each(['Hi\r\nBcc: evil@example.com', 'Hi\nBcc: evil@example.com', 'Hi\rX'])('refuses %j', (value) => {
		expect(failure(() => assertHeaderValue(value, 'options.subject'))).toMatchObject({ kind: 'header_injection', retryable: false });
	});
});

describe('dedupeRecipients', () => {
	it('keeps each address once, in to before cc before bcc, whatever its case', () => {
		const ann = { name: 'Ann', address: 'ann@example.com' };
		expect(
			dedupeRecipients({
				to: [ann, { name: null, address: 'ANN@example.com' }, { name: null, address: 'b@example.com' }],
				cc: [{ name: null, address: 'b@example.com' }, { name: null, address: 'c@example.com' }],
				bcc: [{ name: null, address: 'ann@example.com' }, { name: null, address: 'C@example.com' }, { name: null, address: 'd@example.com' }],
			}),
		).toEqual({ to: [ann, { name: null, address: 'b@example.com' }], cc: [{ name: null, address: 'c@example.com' }], bcc: [{ name: null, address: 'd@example.com' }] });
	});
});
