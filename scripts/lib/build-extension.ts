import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './directus-process.js';

export const EXTENSION_DIR = path.join(PROJECT_ROOT, 'extensions', 'workflow-rules');
const SDK_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@directus/extensions-sdk/package.json')), 'cli.js');

/** Builds the bundle extension with the extensions SDK (`directus-extension build`). */
export function buildExtension(options: { quiet?: boolean } = {}): Promise<void> {
	const child = spawn(process.execPath, [SDK_CLI, 'build'], { cwd: EXTENSION_DIR, stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk));

	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Extension build failed (exit ${code})\n${output}`))));
	});
}
