import { PermanentActionError } from '../../../core/actions/action-errors.js';
import type { EmailAddress } from '../../../core/actions/email-addresses.js';
import type { EmailOptions } from '../../../core/rule/action-options.js';
import type { ActionRun } from '../action-definition.js';
import { keywordRecipients, type KeywordRecipients, type UserKeyword } from './record-users.js';
import { addressesIn, dedupeRecipients, RECIPIENT_FIELDS, recipientEntries, type Recipients } from './recipients.js';

const KEYWORDS: readonly string[] = ['owner', 'members'] satisfies UserKeyword[];

/**
 * The addresses `to`, `cc` and `bcc` stand for when the job runs: literal addresses, the record's
 * owner or members, and templates rendered then read as an address or a comma list. Each address
 * once; an empty `to` fails for good, saying what each of its entries came to.
 */
export async function resolveRecipients(options: EmailOptions, run: ActionRun): Promise<Recipients> {
	const users = new Map<UserKeyword, Promise<KeywordRecipients>>();
	const recipients: Recipients = { to: [], cc: [], bcc: [] };
	const emptyTo: string[] = [];

	for (const field of RECIPIENT_FIELDS) {
		for (const { text, where } of recipientEntries(field, options[field])) {
			let addresses: EmailAddress[];
			let empty: string | null = null;
			if (KEYWORDS.includes(text)) {
				const keyword = text as UserKeyword;
				if (!users.has(keyword)) users.set(keyword, keywordRecipients(run, keyword, where));
				({ addresses, empty } = await users.get(keyword)!);
			} else {
				const rendered = await run.render(text, where.replace(/^options\./, ''));
				addresses = addressesIn(rendered, where);
				if (addresses.length === 0) empty = `${where} rendered empty`;
			}
			recipients[field].push(...addresses);
			if (field === 'to' && empty) emptyTo.push(empty);
		}
	}

	const unique = dedupeRecipients(recipients);
	if (unique.to.length === 0) throw new PermanentActionError(`no recipient in options.to, nothing was sent: ${emptyTo.join('; ')}`, { kind: 'no_recipients' });
	return unique;
}
