import { createHash } from 'node:crypto';

/**
 * A stable UUID for a seeded item, derived from a readable name ("service:lawn-care"). Seeding
 * inserts only the ids it does not find, so stable ids are what make seeding idempotent.
 */
export function seedId(name: string): string {
	const hex = createHash('sha1').update(`workflow-rules-seed:${name}`).digest('hex');
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
