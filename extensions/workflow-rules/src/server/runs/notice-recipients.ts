import type { Knex } from 'knex';

/**
 * Who hears of a rule's failed job: its creator while they are an active user; otherwise (the
 * creator deleted, suspended, or never recorded) the active admins, so a failure reaches someone.
 * `admins` is read once per batch by the caller.
 */
export async function noticeRecipients(knex: Knex, owner: string | null, admins: () => Promise<string[]>): Promise<string[]> {
	if (owner && (await knex('directus_users').where({ id: owner, status: 'active' }).first('id'))) return [owner];
	return admins();
}

/**
 * Active users with admin access: a policy with `admin_access` attached to them, to their role,
 * or to one of its parent roles (a role's policies apply to its child roles too, as Directus'
 * roles tree has it).
 */
export async function activeAdmins(knex: Knex): Promise<string[]> {
	const access = (await knex('directus_access as a')
		.join('directus_policies as p', 'p.id', 'a.policy')
		.where('p.admin_access', true)
		.select('a.role', 'a.user')) as { role: string | null; user: string | null }[];
	const adminRoles = new Set(access.flatMap((row) => (row.role ? [row.role] : [])));
	const users = access.flatMap((row) => (row.user ? [row.user] : []));

	const parents = new Map(((await knex('directus_roles').select('id', 'parent')) as { id: string; parent: string | null }[]).map((role) => [role.id, role.parent]));
	const isAdminRole = (role: string): boolean => {
		const seen = new Set<string>();
		for (let current: string | null | undefined = role; current && !seen.has(current); current = parents.get(current)) {
			if (adminRoles.has(current)) return true;
			seen.add(current);
		}
		return false;
	};
	const roles = [...parents.keys()].filter(isAdminRole);

	if (roles.length === 0 && users.length === 0) return [];
	const rows = (await knex('directus_users')
		.where('status', 'active')
		.andWhere((where) => where.whereIn('role', roles).orWhereIn('id', users))
		.orderBy('id')
		.select('id')) as { id: string }[];
	return rows.map((row) => row.id);
}
