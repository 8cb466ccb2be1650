import { PermanentActionError } from '../../../core/actions/action-errors.js';
import { parseAddress, splitAddressList, type EmailAddress } from '../../../core/actions/email-addresses.js';
import { assertHeaderValue } from './headers.js';

export type RecipientField = 'to' | 'cc' | 'bcc';
export const RECIPIENT_FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc'];

export type Recipients = Record<RecipientField, EmailAddress[]>;

/** One recipient option entry and the option path that names it in errors (`options.to[1]`). */
export interface RecipientEntry {
	field: RecipientField;
	text: string;
	where: string;
}

export function recipientEntries(field: RecipientField, value: string | string[] | null | undefined): RecipientEntry[] {
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value)) return [{ field, text: value.trim(), where: `options.${field}` }];
	return value.map((text, index) => ({ field, text: text.trim(), where: `options.${field}[${index}]` }));
}

/** The addresses of a literal or rendered recipient (`a@b.c`, `Name <a@b.c>`, or a comma list of them). */
export function addressesIn(text: string, where: string): EmailAddress[] {
	assertHeaderValue(text, where);
	return splitAddressList(text).map((entry) => {
		const address = parseAddress(entry);
		if (!address) throw new PermanentActionError(`${where}: ${JSON.stringify(entry.slice(0, 200))} is not an email address`, { kind: 'invalid_address' });
		return address;
	});
}

/**
 * Each address once, in the first place it appears, `to` before `cc` before `bcc`: whoever is in
 * `to` gets no second copy through `cc`, and a `bcc` address already visible stays visible.
 */
export function dedupeRecipients(recipients: Recipients): Recipients {
	const seen = new Set<string>();
	const keep = (list: EmailAddress[]) =>
		list.filter(({ address }) => {
			const key = address.toLowerCase();
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	return { to: keep(recipients.to), cc: keep(recipients.cc), bcc: keep(recipients.bcc) };
}
