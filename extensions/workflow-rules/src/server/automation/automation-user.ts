import type { Knex } from 'knex';
import type { Accountability, SchemaOverview } from '@directus/types';
import { PermanentActionError } from '../../core/actions/action-errors.js';
import { isTrue } from '../db/rows.js';

/**
 * Rule actions write as this user, so that Directus validates their writes, the permissions of its
 * role apply, and activity and revisions say who wrote. Fixed ids: every instance and every
 * restart finds the same role, policy and user, and never recreates what an admin changed.
 */
export const AUTOMATION_USER = {
	roleId: '1c07dfc6-68a4-4a83-ae7b-78235f6a5746',
	policyId: '555a4d67-f890-43f3-82da-8bbad819c795',
	accessId: 'b4a13435-f1a0-4b9e-a35f-95f8f9e4c2d9',
	userId: '320cb456-4d91-42c2-9bbe-818b2f545a70',
	email: 'automation@workflow-rules.example.com',
} as const;

/** What rules may write out of the box; an admin narrows it on the policy like any other. */
const WRITABLE_COLLECTIONS = ['services', 'appointments', 'calls', 'contacts', 'leads', 'accounts', 'deals', 'tasks', 'worksheets'];
const READABLE_COLLECTIONS = ['crm_settings', 'directus_users'];

/** The Directus services handed to extensions (`context.services`), by the names used here. */
export interface SystemServices {
	RolesService: SystemServiceClass;
	PoliciesService: SystemServiceClass;
	AccessService: SystemServiceClass;
	UsersService: SystemServiceClass;
}
type SystemServiceClass = new (options: { schema: SchemaOverview; knex: Knex; accountability: null }) => { createOne(data: Record<string, unknown>, opts?: Record<string, unknown>): Promise<unknown> };

export interface AutomationSetupDeps {
	services: SystemServices;
	getSchema: () => Promise<SchemaOverview>;
	knex: Knex;
	logger: { info(message: string): void };
}

/**
 * Creates the automation role, its policy (API only: no app, no admin access) with its
 * permissions, and the user, each only when its id is absent. The permissions come with the
 * policy and only with it: an admin who later removes or narrows one keeps it removed.
 */
export async function ensureAutomationUser({ services, getSchema, knex, logger }: AutomationSetupDeps): Promise<void> {
	const schema = await getSchema();
	const options = { schema, knex, accountability: null };
	const { roleId, policyId, accessId, userId, email } = AUTOMATION_USER;

	const created = [
		await createIfAbsent(knex, 'directus_roles', roleId, () =>
			new services.RolesService(options).createOne({ id: roleId, name: 'Workflow automation', icon: 'smart_toy', description: 'The role workflow rules write as. Narrow its policy to narrow what rules may change.' }),
		),
		await createIfAbsent(knex, 'directus_policies', policyId, () =>
			new services.PoliciesService(options).createOne({
				id: policyId,
				name: 'Workflow automation',
				icon: 'smart_toy',
				description: 'What workflow rules may write. API access only.',
				app_access: false,
				admin_access: false,
				enforce_tfa: false,
				permissions: [
					...WRITABLE_COLLECTIONS.flatMap((collection) => ['create', 'read', 'update'].map((action) => ({ collection, action, fields: ['*'], permissions: {}, validation: {} }))),
					...READABLE_COLLECTIONS.map((collection) => ({ collection, action: 'read', fields: ['*'], permissions: {}, validation: {} })),
				],
			}),
		),
		await createIfAbsent(knex, 'directus_access', accessId, () => new services.AccessService(options).createOne({ id: accessId, role: roleId, policy: policyId })),
		await createIfAbsent(knex, 'directus_users', userId, () =>
			new services.UsersService(options).createOne({ id: userId, email, first_name: 'Workflow', last_name: 'Automation', status: 'active', role: roleId }),
		),
	].filter(Boolean).length;

	if (created > 0) logger.info(`[workflow-rules] created the automation user ${email} (${created} of its role, policy, access and user were missing)`);
}

async function exists(knex: Knex, table: string, id: string): Promise<boolean> {
	return (await knex(table).where('id', id).first('id')) !== undefined;
}

/** Another instance starting at the same moment may create it first: that is as good as creating it. */
async function createIfAbsent(knex: Knex, table: string, id: string, create: () => Promise<unknown>): Promise<boolean> {
	if (await exists(knex, table, id)) return false;
	try {
		await create();
		return true;
	} catch (error) {
		if (await exists(knex, table, id)) return false;
		throw error;
	}
}

/** The automation user's roles (root first, as Directus orders them) and the policies that apply to it. */
export interface UserAccess {
	user: { id: string; role: string | null; status: string };
	roles: string[];
	policies: { id: string; admin: boolean; app: boolean }[];
}

export function automationAccess(knex: Knex): Promise<UserAccess | null> {
	return userAccess(knex, AUTOMATION_USER.userId);
}

/** A user's roles (its role and that role's parents) and the policies they and the user are given. */
export async function userAccess(knex: Knex, userId: string): Promise<UserAccess | null> {
	const user = await knex('directus_users').where('id', userId).first('id', 'role', 'status');
	if (!user) return null;

	const roles: string[] = [];
	for (let role = user.role as string | null; role && !roles.includes(role); ) {
		roles.unshift(role);
		role = ((await knex('directus_roles').where('id', role).first('parent')) as { parent: string | null } | undefined)?.parent ?? null;
	}

	const rows = await knex('directus_access')
		.join('directus_policies', 'directus_policies.id', 'directus_access.policy')
		.where('directus_access.user', user.id)
		.orWhereIn('directus_access.role', roles)
		.select('directus_policies.id', 'directus_policies.admin_access', 'directus_policies.app_access');
	const policies = rows.map((row: Record<string, unknown>) => ({ id: String(row['id']), admin: isTrue(row['admin_access']), app: isTrue(row['app_access']) }));
	return { user: { id: String(user.id), role: (user.role as string | null) ?? null, status: String(user.status) }, roles, policies };
}

/**
 * The accountability Directus would build for the automation user (user, role tree, admin and
 * app access from its policies), labelled with the rule in `userAgent` and `origin`, which
 * directus_activity stores beside the user.
 */
export async function automationAccountability(knex: Knex, source: string): Promise<Accountability> {
	const access = await automationAccess(knex);
	if (!access) throw new PermanentActionError(`the automation user ${AUTOMATION_USER.email} does not exist; restart Directus to create it again`);
	if (access.user.status !== 'active') throw new PermanentActionError(`the automation user ${AUTOMATION_USER.email} is ${access.user.status}: rules may not write`);

	const admin = access.policies.some((policy) => policy.admin);
	return {
		user: access.user.id,
		role: access.user.role,
		roles: access.roles,
		admin,
		app: admin || access.policies.some((policy) => policy.app),
		ip: null,
		userAgent: `workflow-rules ${source}`,
		origin: 'workflow-rules',
	};
}
