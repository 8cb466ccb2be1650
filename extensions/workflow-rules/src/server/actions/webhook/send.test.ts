import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.js';
import type { WebhookRequest } from './request.js';
import { send } from './send.js';

/** A local receiver: what it got, and a 302 on /redirect. */
let server: Server;
let port: number;
const received: { url: string; body: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
			if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end();
			else if (req.url === '/large') res.end('x'.repeat(5_000_000));
			else res.end('thanks');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (url: string, body: string | null = '{"a": 1}'): WebhookRequest => ({ url: new URL(url), method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('send', () => {
	it('refuses non-public addresses before connecting, naming the address', async () => {
		const none = parseAllowList('');
		for (const host of ['127.0.0.1', '127.0.0.2', '[::1]', '[::ffff:127.0.0.1]', '169.254.169.254', '10.0.0.1', '192.168.1.1', '172.16.0.1', '100.64.0.1', '[fd00::1]', '[fe80::1]', '0.0.0.0', 'localhost']) {
			await expect(send(request(`http://${host}:${port}/x`), none), host).rejects.toMatchObject({ retryable: false, kind: 'ssrf', message: expect.stringMatching(/^refused to connect to \S+.*WORKFLOW_WEBHOOK_ALLOW/) });
		}
		expect(received).toEqual([]);
	});

	it('reaches what the allow-list names, by address or by host name, body byte for byte', async () => {
		const body = ' {"spaced":  "as written"} ';
		expect(await send(request(`http://127.0.0.1:${port}/by-address`, body), parseAllowList('127.0.0.0/8'))).toMatchObject({ status: 200, excerpt: 'thanks' });
		expect(await send(request(`http://localhost:${port}/by-name`), parseAllowList('localhost'))).toMatchObject({ status: 200 });
		await expect(send(request(`http://127.0.0.2:${port}/other`), parseAllowList('localhost'))).rejects.toMatchObject({ kind: 'ssrf' });
		expect(received.map((entry) => [entry.url, entry.body])).toEqual([['/by-address', body], ['/by-name', '{"a": 1}']]);
	});

	it('returns a redirect without following it, and reads only the start of a large answer', async () => {
		received.length = 0;
		const allow = parseAllowList('127.0.0.1');
		expect(await send(request(`http://127.0.0.1:${port}/redirect`), allow)).toMatchObject({ status: 302, location: `http://127.0.0.1:${port}/target` });
		expect((await send(request(`http://127.0.0.1:${port}/large`), allow)).excerpt).toHaveLength(1024);
		expect(received.map((entry) => entry.url)).toEqual(['/redirect', '/large']);
	});

	it('times out a receiver that does not answer, and retries a closed port', async () => {
		const silent = createServer(() => undefined);
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const silentPort = (silent.address() as AddressInfo).port;
		try {
			await expect(send(request(`http://127.0.0.1:${silentPort}/`), parseAllowList('127.0.0.1'), 300)).rejects.toMatchObject({ retryable: true, kind: 'timeout', message: `POST http://127.0.0.1:${silentPort} did not answer within 0.3 s` });
		} finally {
			silent.closeAllConnections();
			await new Promise<void>((resolve) => silent.close(() => resolve()));
		}
		await expect(send(request(`http://127.0.0.1:${silentPort}/`), parseAllowList('127.0.0.1'))).rejects.toMatchObject({ retryable: true, kind: 'connection' });
	});
});
