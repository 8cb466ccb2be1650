import { createHash } from 'node:crypto';
import { PermanentActionError } from '../../../core/actions/action-errors.js';
import type { EmailAddress } from '../../../core/actions/email-addresses.js';
import type { ActionRun } from '../action-definition.js';
import type { Recipients } from './recipients.js';
import { classifySendError, replyCodes } from './smtp-errors.js';

/** Directus' MailService (api/src/services/mail): `send` hands its data to nodemailer's `sendMail` and returns its answer. */
interface MailServiceLike {
	send(data: Record<string, unknown>, options?: Record<string, unknown>): Promise<SentMessageInfo | null>;
}
type MailServiceClass = new (options: { schema: ActionRun['schema']; accountability: null; knex: ActionRun['knex'] }) => MailServiceLike;

/** What nodemailer's SMTP transport answers for a message the server took. */
interface SentMessageInfo {
	messageId?: string;
	accepted?: unknown[];
	rejected?: unknown[];
	rejectedErrors?: unknown[];
}

export interface Mail extends Recipients {
	subject: string;
	html: string;
}

const toNodemailer = (list: EmailAddress[]) => (list.length === 0 ? undefined : list.map(({ name, address }) => (name ? { name, address } : address)));

/**
 * The same Message-ID on every attempt of a job: a message sent by an attempt whose job could not
 * be marked done is resent with it, and a receiving system can recognise the copy.
 */
export function messageIdFor(idempotencyKey: string, from: unknown): string {
	const domain = typeof from === 'string' && from.includes('@') ? from.slice(from.lastIndexOf('@') + 1).replace(/[^A-Za-z0-9.-]/g, '') : '';
	return `<workflow-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain || 'workflow-rules.invalid'}>`;
}

/**
 * Sends through Directus' MailService, so the project's EMAIL_* settings, `email.send` filters
 * and email rate limit apply. It runs as the system on the run's connection (MailService reads
 * the project name for the sender). When the server takes the message for some recipients and
 * refuses others, the job fails for good: a retry would send the others a second copy.
 */
export async function sendMail(run: ActionRun, mail: Mail): Promise<Record<string, unknown>> {
	const MailService = run.runtime.services['MailService'] as MailServiceClass;
	const service = new MailService({ schema: run.schema, accountability: null, knex: run.knex });
	const messageId = messageIdFor(run.idempotencyKey, run.runtime.env['EMAIL_FROM']);

	const info = await service
		.send({ to: toNodemailer(mail.to), cc: toNodemailer(mail.cc), bcc: toNodemailer(mail.bcc), subject: mail.subject, html: mail.html, messageId })
		.catch((error: unknown) => {
			throw classifySendError(error);
		});
	// An `email.send` filter may drop a message: that is its owner's decision, not a failure.
	if (!info) return { sent: false, reason: 'an email.send filter dropped the message' };

	const rejected = (info.rejected ?? []).map(String);
	if (rejected.length > 0) {
		const status = replyCodes({ rejectedErrors: info.rejectedErrors })[0];
		throw new PermanentActionError(`mail sent to ${(info.accepted ?? []).map(String).join(', ')} only: the mail server refused ${rejected.join(', ')}; not retried, since the others would get it twice`, { kind: 'recipient_refused', ...(status === undefined ? {} : { status }) });
	}
	return { sent: true, message_id: info.messageId ?? messageId, accepted: (info.accepted ?? []).map(String) };
}
