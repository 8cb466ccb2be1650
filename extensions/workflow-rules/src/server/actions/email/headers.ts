import { PermanentActionError } from '../../../core/actions/action-errors.js';

/**
 * A CR or LF in a header value ends that header and starts another: a record value such as
 * "Hi\r\nBcc: someone@elsewhere" in a subject would add a recipient. Such a value is refused for
 * good, before anything is sent, rather than cleaned: the rule's data is wrong, not the moment.
 */
export function assertHeaderValue(value: string, where: string): string {
	if (/[\r\n]/.test(value)) throw new PermanentActionError(`${where}: a line break in a mail header is refused (it could add headers such as Bcc); nothing was sent`, { kind: 'header_injection' });
	return value;
}
