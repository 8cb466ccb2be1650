/**
 * Loads the demo data set through Directus' REST API (so validation, permissions and hooks apply
 * as for any user's write). Idempotent: every seeded item has a stable id and only the ids not
 * found are created, so seeding twice, or after a partial run, creates nothing twice.
 */
import {
	createDirectus, createItems, createPermissions, createPolicy, createRole, createUsers, readItems, readPermissions,
	readPolicies, readRoles, readSingleton, readUsers, rest, staticToken, updateItem, updateSingleton,
} from '@directus/sdk';
import { ROLE_SEEDS, SERVICE_MANAGER_ROLE_ID, FIELD_TECHNICIAN_ROLE_ID } from './access.js';
import { buildDemoData, type DemoData } from './data/demo.js';
import { SAMPLE_RULES } from './rules.js';

type Client = ReturnType<typeof seedClient>;
type Item = Record<string, unknown>;

export interface SeedReport {
	created: Record<string, number>;
}

export function seedClient(url: string, token: string) {
	// The demo data is untyped on purpose: it is checked by the API, not by the compiler.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return createDirectus<any>(url).with(staticToken(token)).with(rest());
}

export async function seedDemo(url: string, token: string, now = new Date()): Promise<SeedReport> {
	const client = seedClient(url, token);
	const data = buildDemoData(now);
	const created: Record<string, number> = {};

	created['roles'] = await seedAccess(client);
	created['users'] = await seedUsers(client, data);
	await seedSettings(client, data);

	for (const collection of ['accounts', 'contacts', 'leads', 'deals', 'services'] as const) {
		created[collection] = await createMissing(client, collection, data[collection]);
	}

	created['appointments'] = await seedAppointments(client, data);

	for (const collection of ['calls', 'tasks'] as const) {
		created[collection] = await createMissing(client, collection, data[collection]);
	}

	created['workflow_rules'] = await createMissing(client, 'workflow_rules', SAMPLE_RULES);

	return { created };
}

/** Creates the items whose id is not there yet; returns how many it created. */
async function createMissing(client: Client, collection: string, items: Item[]): Promise<number> {
	if (items.length === 0) return 0;

	const existing = await existingIds(client, collection, items.map((item) => String(item['id'])));
	const missing = items.filter((item) => !existing.has(String(item['id'])));
	if (missing.length > 0) await client.request(createItems(collection, missing));
	return missing.length;
}

async function existingIds(client: Client, collection: string, ids: string[]): Promise<Set<string>> {
	const rows = await client.request(readItems(collection, { filter: { id: { _in: ids } }, fields: ['id'], limit: -1 }));
	return new Set((rows as Item[]).map((row) => String(row['id'])));
}

/**
 * Completed appointments whose service requires a worksheet are created scheduled, given their
 * worksheet, then completed: the order a technician follows, and the one the worksheet gate allows.
 */
async function seedAppointments(client: Client, data: DemoData): Promise<number> {
	const withWorksheet = new Set(data.worksheets.map((worksheet) => String(worksheet['appointment'])));
	const existing = await existingIds(client, 'appointments', data.appointments.map((item) => String(item['id'])));
	const missing = data.appointments.filter((item) => !existing.has(String(item['id'])));
	const deferred = missing.filter((item) => withWorksheet.has(String(item['id'])) && item['status'] === 'completed');

	if (missing.length > 0) {
		await client.request(createItems('appointments', missing.map((item) => (deferred.includes(item) ? { ...item, status: 'scheduled' } : item))));
	}

	await createMissing(client, 'worksheets', data.worksheets);
	for (const item of deferred) await client.request(updateItem('appointments', String(item['id']), { status: 'completed' }));

	return missing.length;
}

async function seedAccess(client: Client): Promise<number> {
	let created = 0;

	for (const { role, policy, permissions } of ROLE_SEEDS) {
		const [policyExists] = (await client.request(readPolicies({ filter: { id: { _eq: policy.id } }, fields: ['id'] }))) as Item[];
		if (!policyExists) await client.request(createPolicy(policy));

		const existingPermissions = (await client.request(readPermissions({ filter: { policy: { _eq: policy.id } }, fields: ['collection', 'action'], limit: -1 }))) as Item[];
		const have = new Set(existingPermissions.map((row) => `${row['collection']}:${row['action']}`));
		const missing = permissions.filter((permission) => !have.has(`${permission.collection}:${permission.action}`));
		if (missing.length > 0) {
			await client.request(createPermissions(missing.map((permission) => ({ ...permission, fields: ['*'], permissions: null, validation: null, presets: null, policy: policy.id }))));
		}

		const [roleExists] = (await client.request(readRoles({ filter: { id: { _eq: role.id } }, fields: ['id'] }))) as Item[];
		if (!roleExists) {
			await client.request(createRole({ ...role, policies: [{ policy: policy.id }] }));
			created += 1;
		}
	}

	return created;
}

async function seedUsers(client: Client, data: DemoData): Promise<number> {
	const existing = (await client.request(readUsers({ filter: { id: { _in: data.users.map((user) => user.id) } }, fields: ['id'], limit: -1 }))) as Item[];
	const have = new Set(existing.map((row) => String(row['id'])));
	const missing = data.users.filter((user) => !have.has(user.id));

	if (missing.length > 0) {
		await client.request(
			createUsers(
				missing.map(({ kind, ...user }) => ({
					...user,
					status: 'active',
					role: kind === 'manager' ? SERVICE_MANAGER_ROLE_ID : FIELD_TECHNICIAN_ROLE_ID,
				})),
			),
		);
	}

	return missing.length;
}

/** Fills the settings singleton once; settings an admin has since chosen are left alone. */
async function seedSettings(client: Client, data: DemoData): Promise<void> {
	const current = (await client.request(readSingleton('crm_settings'))) as Item | null;
	if (current?.['timezone']) return;
	await client.request(updateSingleton('crm_settings', data.settings));
}
