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

describe('how the studio shows the CRM', () => {
	interface Collection {
		collection: string;
		meta: { sort: number | null; group: string | null; hidden: boolean; display_template: string | null; translations: { language: string; translation: string }[] | null } | null;
		schema: unknown;
	}
	const CRM = ['appointments', 'calls', 'services', 'contacts', 'accounts', 'leads', 'deals', 'tasks', 'worksheets', 'crm_settings'];
	const ENGINE = ['workflow_rules', 'workflow_actions', 'workflow_runs', 'workflow_usage', 'workflow_rule_state', 'workflow_intents', 'workflow_jobs'];

	it('lists the CRM first with its settings last, then the engine in a Workflow folder', async () => {
		const collections = (await data<Collection[]>('GET', '/collections')).filter((collection) => !collection.collection.startsWith('directus_'));
		const topLevel = collections.filter((collection) => !collection.meta?.group && !collection.meta?.hidden).sort((a, b) => a.meta!.sort! - b.meta!.sort!);
		expect(topLevel.map((collection) => collection.collection)).toEqual([...CRM, 'workflow']);

		const folder = collections.find((collection) => collection.collection === 'workflow')!;
		expect(folder.schema).toBeNull();
		for (const name of ENGINE) expect(collections.find((collection) => collection.collection === name)?.meta?.group, name).toBe('workflow');
		// Directus Core allows 25 collections: the schema leaves room for a project's own.
		expect(collections.length).toBeLessThanOrEqual(20);
	});

	it('hides the internal tables from pickers', async () => {
		const collections = await data<Collection[]>('GET', '/collections');
		for (const name of ['workflow_rule_state', 'workflow_intents', 'workflow_usage', 'services_members', 'appointments_members']) {
			expect(collections.find((collection) => collection.collection === name)?.meta?.hidden, name).toBe(true);
		}
	});

	it('names runs and jobs by their rule and record, and offers services with duration and hours', async () => {
		const collections = await data<Collection[]>('GET', '/collections');
		expect(collections.find((collection) => collection.collection === 'workflow_runs')?.meta?.display_template).toBe('{{rule.name}} · {{record_title}}');
		expect(collections.find((collection) => collection.collection === 'workflow_jobs')?.meta?.display_template).toContain('{{rule.name}}');
		expect((await fieldOf('workflow_jobs.run')).meta?.options?.['template']).toBe('{{rule.name}} · {{record_title}}');
		expect((await fieldOf('appointments.service')).meta?.options?.['template']).toMatch(/\{\{duration_min\}\}.*\{\{available_from\}\}.*\{\{available_to\}\}/);
	});

	it('shows choices as labels with their own readable colours, money with $ and rates with %', async () => {
		for (const path of Object.keys(ENUMS)) {
			const field = (await fieldOf(path)) as Field & { meta: { display: string; display_options: { showAsDot: boolean; choices: { foreground: string; background: string }[] } } };
			expect(field.meta.display, path).toBe('labels');
			expect(field.meta.display_options.showAsDot, path).toBe(false);
			for (const choice of field.meta.display_options.choices) expect(choice.foreground, path).toMatch(/^#[0-9A-F]{6}$/i);
		}
		const price = (await fieldOf('services.price')) as Field & { meta: { display_options: { prefix: string } } };
		expect(price.meta.display_options.prefix).toBe('$');
		const rate = (await fieldOf('services.tax_rate')) as Field & { meta: { display_options: { suffix: string } } };
		expect(rate.meta.display_options.suffix).toBe('%');
		expect(((await fieldOf('deals.amount')) as Field & { meta: { display_options: { prefix: string } } }).meta.display_options.prefix).toBe('$');
	});

	it('names the CRM collections and fields in French', async () => {
		const collections = await data<Collection[]>('GET', '/collections');
		const french = (name: string) => collections.find((collection) => collection.collection === name)?.meta?.translations?.find((entry) => entry.language === 'fr-FR')?.translation;
		expect([french('appointments'), french('calls'), french('accounts'), french('tasks'), french('crm_settings')]).toEqual(['Rendez-vous', 'Appels', 'Comptes', 'Tâches', 'Paramètres CRM']);

		for (const collection of CRM) {
			for (const field of await fieldsOf(collection)) {
				const meta = field.meta as (Field['meta'] & { hidden: boolean; translations: { language: string }[] | null; special: string[] | null }) | null;
				if (!meta || meta.hidden || meta.special?.includes('no-data') || field.field === 'id') continue;
				expect(meta.translations?.some((entry) => entry.language === 'fr-FR'), `${collection}.${field.field}`).toBe(true);
			}
		}
	});
});
