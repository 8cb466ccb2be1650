/**
 * A real HTTP server in the test process that webhooks are sent to: it records every request
 * (when it arrived, method, path, headers, raw body) and answers as the test scripts it.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	/** Date.now() when the request's headers arrived. */
	at: number;
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	body?: string;
	/** Answer only after this long (a slow receiver). */
	delayMs?: number;
}

/** How to answer the nth request (0-based) to a path; the default is 200 "ok". */
export type Script = (request: Received, nth: number) => Reply;

export interface Receiver {
	/** The URL of `path` here, by the address it listens on or by another name for it (`localhost`). */
	url(path: string, host?: string): string;
	received(path?: string): Received[];
	/** Answers requests to `path` as `script` says from now on. */
	answer(path: string, script: Script): void;
	close(): Promise<void>;
}

export async function startReceiver(host = '127.0.0.1'): Promise<Receiver> {
	const received: Received[] = [];
	const scripts = new Map<string, Script>();
	const pending = new Set<NodeJS.Timeout>();

	const reply = (res: ServerResponse, { status = 200, headers = {}, body = 'ok' }: Reply) => {
		if (!res.destroyed) res.writeHead(status, headers).end(body);
	};

	const server = createServer((req, res) => {
		const at = Date.now();
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: Received = { at, method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			const nth = received.filter((entry) => entry.path === request.path).length;
			received.push(request);
			const answer = scripts.get(request.path)?.(request, nth) ?? {};
			if (!answer.delayMs) return reply(res, answer);
			const timer = setTimeout(() => {
				pending.delete(timer);
				reply(res, answer);
			}, answer.delayMs);
			pending.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: (path, name = host) => `http://${name}:${port}${path}`,
		received: (path) => received.filter((entry) => path === undefined || entry.path === path),
		answer: (path, script) => scripts.set(path, script),
		close: () => {
			for (const timer of pending) clearTimeout(timer);
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}
