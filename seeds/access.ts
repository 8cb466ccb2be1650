/**
 * The demo roles and their policies (Directus 11+ access model: a role holds policies, a policy
 * holds permissions). Ids are stable so that seeding twice changes nothing.
 *
 * Permissions are whole-collection grants: Directus 12 without a license refuses field lists,
 * item filters, validation and presets on permissions ("custom permission rules"). Core also
 * counts only 3 studio seats (admin and app-access users), so technicians get API access for a
 * field app, not studio access: admin + service manager leave one seat free.
 */
import { seedId } from './ids.js';

export interface PermissionSeed {
	collection: string;
	action: 'create' | 'read' | 'update' | 'delete';
}

export interface RoleSeed {
	role: { id: string; name: string; icon: string; description: string };
	policy: { id: string; name: string; icon: string; description: string; app_access: boolean; admin_access: boolean };
	permissions: PermissionSeed[];
}

const CRUD = ['create', 'read', 'update', 'delete'] as const;
const CRM_COLLECTIONS = ['appointments', 'calls', 'contacts', 'accounts', 'leads', 'deals', 'tasks', 'services', 'crm_settings', 'appointments_members', 'services_members'];

function crud(collection: string): PermissionSeed[] {
	return CRUD.map((action) => ({ collection, action }));
}

function readAll(collections: string[]): PermissionSeed[] {
	return collections.map((collection) => ({ collection, action: 'read' as const }));
}

/** People pickers (owner, members) list the other users. */
const READ_USERS: PermissionSeed = { collection: 'directus_users', action: 'read' };

export const SERVICE_MANAGER_ROLE_ID = seedId('role:service-manager');
export const FIELD_TECHNICIAN_ROLE_ID = seedId('role:field-technician');

export const ROLE_SEEDS: RoleSeed[] = [
	{
		role: { id: SERVICE_MANAGER_ROLE_ID, name: 'Service manager', icon: 'home_repair_service', description: 'Runs the service catalogue and its worksheets' },
		policy: {
			id: seedId('policy:service-manager'),
			name: 'Service manager',
			icon: 'home_repair_service',
			description: 'View, create, edit and delete services and worksheets; read the rest of the CRM',
			app_access: true,
			admin_access: false,
		},
		permissions: [
			...crud('services'),
			...crud('services_members'),
			...crud('worksheets'),
			...crud('directus_files'),
			...readAll(CRM_COLLECTIONS.filter((collection) => !['services', 'services_members'].includes(collection))),
			READ_USERS,
		],
	},
	{
		role: { id: FIELD_TECHNICIAN_ROLE_ID, name: 'Field technician', icon: 'engineering', description: 'Delivers services and fills in worksheets' },
		policy: {
			id: seedId('policy:field-technician'),
			name: 'Field technician',
			icon: 'engineering',
			description: 'API access for the field app: read the CRM, update appointments, write worksheets',
			app_access: false,
			admin_access: false,
		},
		permissions: [
			...readAll(CRM_COLLECTIONS),
			{ collection: 'appointments', action: 'update' },
			{ collection: 'worksheets', action: 'create' },
			{ collection: 'worksheets', action: 'read' },
			{ collection: 'worksheets', action: 'update' },
			READ_USERS,
		],
	},
];
