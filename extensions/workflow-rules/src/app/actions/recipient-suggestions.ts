/**
 * What the recipients picker offers: the keywords `owner` and `members`, the record's fields that
 * hold an address (its own, or a related record's, as Liquid), and the studio's users.
 */
export interface FieldInfo {
	field: string;
	type: string;
	/** The collection a many-to-one field points to. */
	related?: string | null;
}

export interface Suggestion {
	value: string;
	text: string;
	group: 'keyword' | 'field' | 'user';
}

export interface UserInfo {
	email?: string | null;
	first_name?: string | null;
	last_name?: string | null;
}

const ADDRESS_FIELD = /(^|_)e?mail($|_)|email/i;

function addressFields(fields: readonly FieldInfo[]): FieldInfo[] {
	return fields.filter((field) => ADDRESS_FIELD.test(field.field) && ['string', 'text', 'csv'].includes(field.type));
}

/**
 * `fieldsOf(collection)` gives the fields of a related collection. Users (`directus_users`) have
 * `email`; for other related collections, their address-like fields.
 */
export function recipientSuggestions(
	fields: readonly FieldInfo[],
	fieldsOf: (collection: string) => readonly FieldInfo[],
	users: readonly UserInfo[],
	labels: { owner: string; members: string },
): Suggestion[] {
	const suggestions: Suggestion[] = [
		{ value: 'owner', text: labels.owner, group: 'keyword' },
		{ value: 'members', text: labels.members, group: 'keyword' },
	];
	for (const field of addressFields(fields)) suggestions.push({ value: `{{ record.${field.field} }}`, text: field.field, group: 'field' });
	for (const field of fields) {
		if (!field.related) continue;
		const related = field.related === 'directus_users' ? [{ field: 'email', type: 'string' }] : addressFields(fieldsOf(field.related));
		for (const target of related) suggestions.push({ value: `{{ record.${field.field}.${target.field} }}`, text: `${field.field} → ${target.field}`, group: 'field' });
	}
	for (const user of users) {
		if (!user.email) continue;
		const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
		suggestions.push({ value: user.email, text: name ? `${name} <${user.email}>` : user.email, group: 'user' });
	}
	return suggestions;
}
