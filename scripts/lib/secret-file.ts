import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * A random value kept in `file`, readable by its owner only (mode 0600): read when the file
 * exists, otherwise generated and written (`created` then true). `bytes` of randomness, base64url.
 */
export function readOrCreateSecretFile(file: string, bytes = 32): { value: string; created: boolean } {
	if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
	const value = randomBytes(bytes).toString('base64url');
	// 'wx': two starts racing on an empty folder must not both write; the loser fails loudly.
	writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
	return { value, created: true };
}
