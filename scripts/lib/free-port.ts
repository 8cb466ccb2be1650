import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Whether nothing listens on `port` of `host` (all interfaces by default, as Directus' HOST):
 * checked before a start, since a busy port would have another server answer in its place.
 */
export function portIsFree(port: number, host?: string): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen({ port, ...(host ? { host } : {}) }, () => server.close(() => resolve(true)));
	});
}
