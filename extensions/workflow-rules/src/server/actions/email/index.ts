import { templateFields } from '../../../core/actions/template-fields.js';
import { emailOptions } from '../../../core/rule/action-options.js';
import { renderTemplate } from '../../templates/liquid.js';
import { defineAction, templateScope } from '../action-definition.js';
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
	async run(options, run) {
		const scope = templateScope(run);
		const recipients = await resolveRecipients(options, run, scope);
		const subject = assertHeaderValue(await renderTemplate(options.subject, scope, 'options.subject'), 'options.subject');
		const html = await renderTemplate(options.body, scope, 'options.body', { html: true });
		return sendMail(run, { ...recipients, subject, html });
	},
});
