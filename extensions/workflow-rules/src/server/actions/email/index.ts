import { templateFields } from '../../../core/actions/template-fields.js';
import { emailOptions } from '../../../core/rule/action-options.js';
import { defineAction } from '../action-definition.js';
import { assertHeaderValue } from './headers.js';
import { resolveRecipients } from './resolve-recipients.js';
import { sendMail } from './send-mail.js';

/**
 * Sends an HTML email through Directus' mail service. Subject, body and recipient templates see
 * the record with the relations they name; values printed into the body are HTML-escaped, and a
 * line break in the subject or a recipient refuses the mail before anything is sent.
 */
export const email = defineAction({
	type: 'email',
	options: emailOptions,
	fields: (options) => templateFields(options),
	writes: () => [],
	// Talking to an SMTP server holds no transaction (SQLite's only connection): sent first, then
	// the job is marked succeeded; a crash in between sends it again with the same Message-ID.
	transactional: false,
	async run(options, run) {
		const recipients = await resolveRecipients(options, run);
		const subject = assertHeaderValue(await run.render(options.subject, 'subject'), 'options.subject');
		const html = await run.render(options.body, 'body', { html: true });
		return sendMail(run, { ...recipients, subject, html });
	},
});
