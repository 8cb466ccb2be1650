/**
 * The address grammar of email recipients, shared by option validation (a literal recipient) and
 * the email action (what a recipient template rendered to). Deliberately narrower than RFC 5322:
 * no comments, groups or quoted local parts, which rule authors do not need and which are where
 * address parsers disagree.
 */
export interface EmailAddress {
	name: string | null;
	address: string;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;
const NAMED_ADDRESS = /^([^<>]*)<([^<>]+)>$/;

/** `a@b.c` or `Name <a@b.c>` (the name may be double-quoted), or null. */
export function parseAddress(text: string): EmailAddress | null {
	const entry = text.trim();
	const named = NAMED_ADDRESS.exec(entry);
	const address = (named ? named[2]! : entry).trim();
	if (!ADDRESS.test(address)) return null;
	const name = named ? unquote(named[1]!.trim()) : '';
	return { name: name === '' ? null : name, address };
}

function unquote(name: string): string {
	return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
}

/** Splits `a@b.c, "Lopez, Maria" <m@x.y>` at the commas outside quotes and angle brackets; blank entries are dropped. */
export function splitAddressList(text: string): string[] {
	const entries: string[] = [];
	let current = '';
	let quoted = false;
	let bracketed = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted && char === '\\' && i + 1 < text.length) {
			current += char + text[++i];
			continue;
		}
		if (char === '"' && !bracketed) quoted = !quoted;
		else if (char === '<' && !quoted) bracketed = true;
		else if (char === '>' && !quoted) bracketed = false;
		else if (char === ',' && !quoted && !bracketed) {
			entries.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	entries.push(current);
	return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
