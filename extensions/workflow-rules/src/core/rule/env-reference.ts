/**
 * A secret option may be written `$env.NAME` instead of its value: the value then stays in the
 * server's environment, and the rule (and every copy of it in runs and responses) holds only the
 * variable's name.
 */
const ENV_PREFIX = '$env.';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isEnvReference(text: string): boolean {
	return text.startsWith(ENV_PREFIX);
}

/** The variable a `$env.NAME` reference names; null when the text is no reference or names no valid variable. */
export function envReferenceName(text: string): string | null {
	if (!isEnvReference(text)) return null;
	const name = text.slice(ENV_PREFIX.length);
	return ENV_NAME.test(name) ? name : null;
}
