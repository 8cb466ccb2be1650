/** The data model of SPEC §2 as a user of the API and the studio sees it. */
import { describe, expect, it } from 'vitest';
import { data } from '../support/api.js';

interface Field {
	field: string;
	type: string;
	meta: { interface: string | null; required: boolean; options: Record<string, any> | null; special: string[] | null } | null;
	schema: { is_nullable: boolean; is_indexed?: boolean } | null;
}

interface Relation {
	collection: string;
	field: string;
	related_collection: string | null;
	meta: { one_field: string | null; junction_field: string | null } | null;
}

/** Every field the spec names, per collection; `*` marks the required ones. */
const CONTRACT: Record<string, string[]> = {
	services: ['name*', 'status*', 'owner', 'members', 'duration_min', 'duration_max', 'location', 'available_days', 'available_from', 'available_to', 'available_start_date', 'available_end_date', 'unavailable_until', 'price', 'tax_rate', 'worksheet_required', 'image', 'description', 'tags'],
	appointments: ['title', 'service*', 'contact', 'account', 'lead', 'owner', 'members', 'start_at*', 'end_at*', 'status*', 'location', 'address', 'cancellation_reason', 'tags'],
	calls: ['subject', 'direction', 'status*', 'caller_type', 'lead', 'contact', 'account', 'owner', 'start_at', 'duration_seconds', 'purpose', 'result', 'description', 'tags'],
	contacts: ['first_name', 'last_name*', 'email', 'phone', 'city', 'address', 'owner', 'account', 'subscription_date', 'tags'],
	leads: ['name*', 'email', 'phone', 'city', 'owner', 'priority', 'status', 'score', 'tags'],
	accounts: ['name*', 'city', 'address', 'owner', 'tags'],
	deals: ['name*', 'stage*', 'amount', 'contact', 'account', 'owner', 'tags'],
	tasks: ['subject*', 'owner', 'due_date', 'status*', 'priority', 'related_collection', 'related_item', 'description'],
	worksheets: ['appointment*', 'model_number', 'serial_number', 'warranty_expiry', 'spare_parts', 'notes'],
	crm_settings: ['timezone*', 'business_hours', 'worksheets_enabled'],
};

const ENUMS: Record<string, string[]> = {
	'services.status': ['active', 'unused'],
	'services.location': ['business', 'customer', 'both'],
	'appointments.status': ['scheduled', 'overdue', 'completed', 'cancelled'],
	'appointments.location': ['business', 'customer'],
	'calls.direction': ['inbound', 'outbound'],
	'calls.status': ['scheduled', 'ringing', 'on_hold', 'completed', 'missed', 'cancelled', 'overdue'],
	'calls.caller_type': ['leads', 'contacts', 'accounts', 'unknown'],
	'leads.priority': ['low', 'normal', 'high'],
	'leads.status': ['new', 'contacted', 'qualified', 'lost'],
	'deals.stage': ['qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'],
	'tasks.status': ['open', 'in_progress', 'completed'],
};

const MANY_TO_ONE: Record<string, string> = {
	'services.owner': 'directus_users',
	'services.image': 'directus_files',
	'appointments.service': 'services',
	'appointments.contact': 'contacts',
	'appointments.account': 'accounts',
	'appointments.lead': 'leads',
	'appointments.owner': 'directus_users',
	'calls.lead': 'leads',
	'calls.contact': 'contacts',
	'calls.account': 'accounts',
	'calls.owner': 'directus_users',
	'contacts.owner': 'directus_users',
	'contacts.account': 'accounts',
	'leads.owner': 'directus_users',
	'accounts.owner': 'directus_users',
	'deals.contact': 'contacts',
	'deals.account': 'accounts',
	'deals.owner': 'directus_users',
	'tasks.owner': 'directus_users',
	'worksheets.appointment': 'appointments',
};

/** Fields the engine filters and sorts on: they carry a database index. */
const INDEXED = ['services.status', 'appointments.status', 'appointments.start_at', 'appointments.end_at', 'appointments.owner', 'calls.status', 'calls.start_at', 'calls.owner', 'contacts.subscription_date'];

const fieldsByCollection = new Map<string, Field[]>();
async function fieldsOf(collection: string): Promise<Field[]> {
	if (!fieldsByCollection.has(collection)) fieldsByCollection.set(collection, await data<Field[]>('GET', `/fields/${collection}`));
	return fieldsByCollection.get(collection)!;
}

async function fieldOf(path: string): Promise<Field> {
	const [collection, name] = path.split('.') as [string, string];
	const field = (await fieldsOf(collection)).find((candidate) => candidate.field === name);
	expect(field, `${path} exists`).toBeDefined();
	return field!;
}

describe('collections of SPEC §2', () => {
	it.each(Object.entries(CONTRACT))('%s has every field of the contract, required ones enforced', async (collection, contract) => {
		const fields = await fieldsOf(collection);
		const names = fields.map((field) => field.field);

		for (const entry of contract) {
			const name = entry.replace('*', '');
			expect(names, `${collection}.${name}`).toContain(name);
			const field = fields.find((candidate) => candidate.field === name)!;
			if (entry.endsWith('*')) {
				expect(field.meta?.required, `${collection}.${name} required`).toBe(true);
				expect(field.schema?.is_nullable, `${collection}.${name} not nullable`).toBe(false);
			}
		}

		expect(names).toContain('id');
	});

	it('crm_settings is a singleton', async () => {
		const collection = await data<{ meta: { singleton: boolean } }>('GET', '/collections/crm_settings');
		expect(collection.meta.singleton).toBe(true);
	});

	it.each(Object.entries(ENUMS))('%s offers exactly its values in a dropdown', async (path, values) => {
		const field = await fieldOf(path);
		expect(field.meta?.interface).toBe('select-dropdown');
		expect(field.meta?.options?.['choices'].map((choice: { value: string }) => choice.value)).toEqual(values);
	});

	it('uses the studio interfaces a user expects', async () => {
		expect((await fieldOf('appointments.start_at')).meta?.interface).toBe('datetime');
		expect((await fieldOf('appointments.start_at')).type).toBe('timestamp');
		expect((await fieldOf('services.unavailable_until')).type).toBe('timestamp');
		expect((await fieldOf('services.available_from')).type).toBe('time');
		expect((await fieldOf('contacts.subscription_date')).type).toBe('date');
		expect((await fieldOf('appointments.service')).meta?.interface).toBe('select-dropdown-m2o');
		expect((await fieldOf('services.members')).meta?.interface).toBe('list-m2m');
		expect((await fieldOf('services.available_days')).meta?.interface).toBe('select-multiple-checkbox');
		expect((await fieldOf('crm_settings.business_hours')).meta?.interface).toBe('list');

		for (const collection of ['services', 'appointments', 'calls', 'contacts', 'leads', 'accounts', 'deals']) {
			const tags = await fieldOf(`${collection}.tags`);
			expect(tags.type, `${collection}.tags`).toBe('json');
			expect(tags.meta?.interface, `${collection}.tags`).toBe('tags');
		}
	});

	it('indexes the fields the engine queries', async () => {
		for (const path of INDEXED) expect((await fieldOf(path)).schema?.is_indexed, path).toBe(true);
	});
});

describe('relations', () => {
	it('links every many-to-one to its collection', async () => {
		const relations = await data<Relation[]>('GET', '/relations');

		for (const [path, related] of Object.entries(MANY_TO_ONE)) {
			const [collection, field] = path.split('.');
			const relation = relations.find((candidate) => candidate.collection === collection && candidate.field === field);
			expect(relation?.related_collection, path).toBe(related);
		}
	});

	it.each(['services', 'appointments'])('%s.members is a many-to-many to users', async (collection) => {
		const relations = await data<Relation[]>('GET', '/relations');
		const own = relations.find((relation) => relation.related_collection === collection && relation.meta?.one_field === 'members');
		expect(own).toBeDefined();
		const other = relations.find((relation) => relation.collection === own!.collection && relation.field === own!.meta?.junction_field);
		expect(other?.related_collection).toBe('directus_users');
	});
});
