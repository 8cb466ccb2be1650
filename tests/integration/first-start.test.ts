/**
 * A new user's first `npm start`: the real script (tsx scripts/start.ts) on an empty data folder,
 * SQLite, a free port. It prints a short, clean output (no WARN, no stack trace), a generated
 * admin password once, and that password logs in; a second start prints where the password is,
 * not the password, and still works. Always SQLite: it is what `npm start` uses by default, so the
 * PostgreSQL pass of the suite (TEST_PG_URL set) skips it rather than run the same thing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/directus-process.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { baseEnv } from '../../scripts/lib/scratch-instance.js';

/** tsx's own CLI, run by this Node (`npm start` is `tsx scripts/start.ts`). */
const TSX_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
const READY = 'Press Ctrl+C to stop.';

interface NpmStart {
	process: ChildProcess;
	port: number;
	/** stdout and stderr together, as the terminal shows them. */
	output: () => string;
}

let dataDir: string;
const started: NpmStart[] = [];

/** Runs `npm start` with the data folder under test and a port of its own, until it says it is ready. */
async function npmStart(): Promise<NpmStart> {
	const port = await freePort();
	// Detached: its own process group, so the end of the test stops Directus with it.
	const child = spawn(process.execPath, [TSX_CLI, 'scripts/start.ts'], {
		cwd: PROJECT_ROOT,
		// LOG_LEVEL=warn, as a user may set it: the start must still see that it created the database.
		env: { ...baseEnv(), WORKFLOW_DATA_DIR: dataDir, PORT: String(port), DB_CLIENT: 'sqlite3', ADMIN_PASSWORD: '', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const start: NpmStart = { process: child, port, output: () => output };
	started.push(start);

	const deadline = Date.now() + 240_000;
	while (!output.includes(READY)) {
		if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
		if (Date.now() > deadline) throw new Error(`npm start did not get ready in time:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return start;
}

/** Ctrl+C, as the user stops it; the whole group, so Directus goes too. */
async function stop(start: NpmStart): Promise<void> {
	const { process: child } = start;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = once(child, 'exit');
	process.kill(-child.pid!, 'SIGINT');
	const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}

async function logIn(port: number, password: string): Promise<Response> {
	return fetch(`http://127.0.0.1:${port}/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'admin@example.com', password }),
	});
}

const warnLines = (output: string) => output.split('\n').filter((line) => /\bWARN\b/.test(line));
const stackTraceLines = (output: string) => output.split('\n').filter((line) => /^\s+at .+(:\d+:\d+\)?|\(native\))$/.test(line));

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'wr-first-start-'));
});

afterAll(async () => {
	if (started.length === 0) return void (await rm(dataDir, { recursive: true, force: true }));
	for (const start of started) await stop(start);
	// What each start printed, for whoever investigates a failure.
	await mkdir('test-results', { recursive: true });
	await writeFile(path.join('test-results', 'first-start.log'), started.map((start, index) => `=== start ${index + 1} ===\n${start.output()}`).join('\n')).catch(() => undefined);
	const log = await readFile(path.join(dataDir, 'logs', 'start.log'), 'utf8').catch(() => '');
	await writeFile(path.join('test-results', 'first-start.start-log.log'), log).catch(() => undefined);
	await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const sqlitePass = !process.env['TEST_PG_URL'];

describe.runIf(sqlitePass)('npm start on an empty data folder', () => {
	let password: string;

	it('prints a short output without warnings or stack traces, and a generated password once', async () => {
		const first = await npmStart();
		const output = first.output();

		expect(warnLines(output)).toEqual([]);
		expect(stackTraceLines(output)).toEqual([]);
		// Migrations and seed requests are summed up, each on its line; their details are in the log.
		expect(output).not.toMatch(/Applying .+\.\.\./);
		expect(output).not.toMatch(/(GET|POST|PATCH) \/items\//);
		expect(output).toMatch(/Database \(.+\) created/);
		expect(output).toMatch(/Demo data loaded: .*\d+ appointments/);
		const startLog = path.join(dataDir, 'logs', 'start.log');
		expect(output).toContain(startLog);
		expect(await readFile(startLog, 'utf8')).toContain('Installing Directus system tables');

		const printed = /Password: (\S+)/.exec(output)?.[1];
		expect(printed).toMatch(/^[\w-]{20,}$/);
		password = printed!;
		expect(output.split(password).length - 1).toBe(1);

		// Kept like the SECRET: readable by its owner only.
		const kept = path.join(dataDir, '.admin-password');
		expect((await stat(kept)).mode & 0o777).toBe(0o600);
		expect((await readFile(kept, 'utf8')).trim()).toBe(password);

		const login = await logIn(first.port, password);
		expect(login.status).toBe(200);
		expect(((await login.json()) as { data: { access_token?: string } }).data.access_token).toBeTruthy();

		await stop(first);
	}, 300_000);

	it('starts again without printing the password, says where it is, and the password still logs in', async () => {
		expect(password).toBeTruthy();
		const second = await npmStart();
		const output = second.output();

		expect(warnLines(output)).toEqual([]);
		expect(stackTraceLines(output)).toEqual([]);
		expect(output).not.toContain(password);
		expect(output).toContain(`Password: in ${path.join(dataDir, '.admin-password')}`);
		expect(output).toMatch(/Database \(.+\) found/);
		expect(output).toContain('Demo data already present.');

		expect((await logIn(second.port, password)).status).toBe(200);
		expect((await logIn(second.port, 'workflow-rules')).status).toBe(401);

		await stop(second);
	}, 300_000);
});

describe.runIf(sqlitePass)('npm start on a port another program holds', () => {
	it('stops at once with the port named, without a stack trace, before creating a database', async () => {
		const holder = createServer().listen(0);
		await once(holder, 'listening');
		const port = (holder.address() as AddressInfo).port;
		const otherDataDir = await mkdtemp(path.join(tmpdir(), 'wr-first-start-busy-'));
		try {
			const child = spawn(process.execPath, [TSX_CLI, 'scripts/start.ts'], {
				cwd: PROJECT_ROOT,
				env: { ...baseEnv(), WORKFLOW_DATA_DIR: otherDataDir, PORT: String(port), DB_CLIENT: 'sqlite3' } as NodeJS.ProcessEnv,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const [code] = (await once(child, 'exit')) as [number | null];

			expect(code).toBe(1);
			expect(output).toContain(`port ${port} is in use by another program`);
			expect(stackTraceLines(output)).toEqual([]);
			await expect(stat(path.join(otherDataDir, 'database.sqlite'))).rejects.toThrow();
		} finally {
			holder.close();
			await rm(otherDataDir, { recursive: true, force: true });
		}
	}, 60_000);
});
