import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './directus-process.js';

export const EXTENSION_DIR = path.join(PROJECT_ROOT, 'extensions', 'workflow-rules');
const SDK_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@directus/extensions-sdk/package.json')), 'cli.js');

/** Builds the bundle extension with the extensions SDK (`directus-extension build`). */
export function buildExtension(options: { quiet?: boolean; onOutput?: (chunk: Buffer) => void } = {}): Promise<void> {
	const piped = options.quiet || options.onOutput !== undefined;
	const child = spawn(process.execPath, [SDK_CLI, 'build'], { cwd: EXTENSION_DIR, stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk;
		options.onOutput?.(chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);

	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Extension build failed (exit ${code})\n${output}`))));
	});
}

/** The files a build reads: the sources, the manifest, and the lockfile (an updated dependency is bundled too). */
const BUILD_INPUTS = ['src', 'package.json', 'tsconfig.json', path.join('..', '..', 'package-lock.json')];
/** The files a build writes: the bundle's two entries. */
const BUILD_OUTPUTS = ['dist/api.js', 'dist/app.js'];

function newestModification(entry: string): number {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), stat.mtimeMs);
}

/**
 * Whether the built bundle is newer than every source file, so a restart (or a test) can skip a
 * build that would produce the same files.
 */
export function extensionBuildIsCurrent(): boolean {
	const outputs = BUILD_OUTPUTS.map((file) => path.join(EXTENSION_DIR, file));
	if (!outputs.every((file) => existsSync(file))) return false;
	const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
	const newestInput = Math.max(...BUILD_INPUTS.map((entry) => newestModification(path.join(EXTENSION_DIR, entry))));
	return oldestOutput > newestInput;
}
