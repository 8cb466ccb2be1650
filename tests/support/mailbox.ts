/**
 * A real SMTP server on the port the test Directus mails to (inject('smtpPort')): it keeps every
 * message with its SMTP envelope (where Bcc recipients show) and its parsed content, can answer
 * RCPT TO with an error, and can be stopped and started again to play an outage.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { inject } from 'vitest';
import { eventually } from './rules.js';

export interface ReceivedMail {
	/** MAIL FROM and RCPT TO as the server saw them. */
	envelope: { from: string; to: string[] };
	parsed: ParsedMail;
}

/** What RCPT TO answers for an address: null accepts it, a code and text refuse it. */
export type RcptAnswer = { code: number; text: string } | null;

export class Mailbox {
	readonly messages: ReceivedMail[] = [];
	/** Every RCPT TO the server was sent, accepted or not, in order. */
	readonly rcptAttempts: string[] = [];
	answerRcpt: (address: string) => RcptAnswer = () => null;
	private server: SMTPServer | null = null;

	constructor(private readonly port = inject('smtpPort')) {}

	async start(): Promise<this> {
		if (this.server) return this;
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onRcptTo: (address, _session, callback) => {
				this.rcptAttempts.push(address.address);
				const answer = this.answerRcpt(address.address);
				if (!answer) return callback();
				callback(Object.assign(new Error(answer.text), { responseCode: answer.code }));
			},
			onData: (stream, session, callback) => {
				simpleParser(stream)
					.then((parsed) => {
						const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
						this.messages.push({ envelope: { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) }, parsed });
						callback();
					})
					.catch((error: Error) => callback(error));
			},
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		return this;
	}

	/** Stops listening: connections are refused until `start`. */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = null;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** The messages whose subject contains `marker`. */
	withSubject(marker: string): ReceivedMail[] {
		return this.messages.filter((mail) => mail.parsed.subject?.includes(marker));
	}

	/** Waits for `count` messages whose subject contains `marker`, and returns them. */
	async received(marker: string, count = 1): Promise<ReceivedMail[]> {
		return eventually(async () => this.withSubject(marker), (mails) => mails.length >= count, 20_000, `${count} message(s) with "${marker}" in the subject`);
	}
}

/** The addresses of an address header of a parsed message (`to`, `cc`, `bcc`). */
export function addressesOf(mail: ReceivedMail, header: 'to' | 'cc' | 'bcc'): string[] {
	const value = mail.parsed[header];
	const groups = value === undefined ? [] : Array.isArray(value) ? value : [value];
	return groups.flatMap((group) => group.value.map((entry) => entry.address ?? '')).sort();
}
