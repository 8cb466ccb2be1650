/**
 * Runs the Directus CLI of this project (bootstrap, schema apply, start) as child processes with a
 * given environment. Used by `npm start`, the snapshot builder and the test harness alike, so that
 * all three run Directus the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSIONS_PATH = path.join(PROJECT_ROOT, 'extensions');

/**
 * The schema snapshot for a database client. Snapshots hold vendor column types, so SQLite and
 * PostgreSQL each have theirs; other clients take the PostgreSQL one, whose types are the richest.
 */
export function snapshotFile(client: string | undefined): string {
	const vendor = client === 'sqlite3' || client === undefined ? 'sqlite' : 'postgres';
	return path.join(PROJECT_ROOT, 'snapshots', `crm.${vendor}.yaml`);
}

/** The API's CLI entry, called directly: the `directus` wrapper first asks the registry for updates. */
const CLI_ENTRY = createRequire(import.meta.url).resolve('@directus/api/cli/run.js');

export type Env = Record<string, string | undefined>;

export interface RunningDirectus {
	url: string;
	process: ChildProcess;
	/** Everything the process printed so far, for error messages. */
	output: () => string;
	stop: () => Promise<void>;
}

export class DirectusProcessError extends Error {
	constructor(message: string, readonly output: string) {
		super(`${message}\n--- Directus output ---\n${output.slice(-8000)}`);
		this.name = 'DirectusProcessError';
	}
}

export interface CliOptions {
	/** Share this process' stdout and stderr (the default pipes and collects them). */
	inherit?: boolean;
	/** Called with each chunk the process prints (when not inherited), e.g. to write a log file. */
	onOutput?: (chunk: Buffer) => void;
}

function spawnCli(args: string[], env: Env, { inherit = false, onOutput }: CliOptions): { child: ChildProcess; output: () => string } {
	const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
		cwd: PROJECT_ROOT,
		env: env as NodeJS.ProcessEnv,
		stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	});

	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		if (output.length > 200_000) output = output.slice(-100_000);
		onOutput?.(chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);

	return { child, output: () => output };
}

/** Runs one CLI command to completion; rejects with its output when it fails. */
export function runCli(args: string[], env: Env, options: CliOptions = {}): Promise<string> {
	const { child, output } = spawnCli(args, env, options);

	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code === 0) resolve(output());
			else reject(new DirectusProcessError(`directus ${args.join(' ')} exited with code ${code}`, output()));
		});
	});
}

/** Runs `directus bootstrap`; resolves with what it printed (empty when inherited). */
export function bootstrap(env: Env, options: CliOptions = {}): Promise<string> {
	return runCli(['bootstrap'], env, options);
}

/** Runs `directus schema apply` with the project's snapshot; resolves with what it printed. */
export function applySnapshot(env: Env, options: CliOptions = {}): Promise<string> {
	return runCli(['schema', 'apply', '--yes', snapshotFile(env['DB_CLIENT'])], env, options);
}

/** Starts `directus start` and resolves once /server/ping answers. */
export async function startDirectus(env: Env, options: CliOptions & { timeoutMs?: number } = {}): Promise<RunningDirectus> {
	const port = env['PORT'] ?? '8055';
	const host = env['HOST'] && env['HOST'] !== '0.0.0.0' ? env['HOST'] : '127.0.0.1';
	const url = `http://${host}:${port}`;
	const { child, output } = spawnCli(['start'], env, options);

	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await done;
		clearTimeout(timer);
	};

	const deadline = Date.now() + (options.timeoutMs ?? 90_000);
	while (Date.now() < deadline) {
		if (exited !== undefined) throw new DirectusProcessError(`directus start exited with code ${exited}`, output());

		try {
			const response = await fetch(`${url}/server/ping`);
			if (response.ok) return { url, process: child, output, stop };
		} catch {
			// not listening yet
		}

		await new Promise((resolve) => setTimeout(resolve, 250));
	}

	await stop();
	throw new DirectusProcessError(`directus start did not answer on ${url} in time`, output());
}
