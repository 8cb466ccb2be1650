/** The demo data set of SPEC §2, loaded through the API, and idempotent. */
import { inject, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeds/seed.js';
import { SERVICE_MANAGER_ROLE_ID } from '../../seeds/access.js';
import { buildDemoData } from '../../seeds/data/demo.js';
import { SAMPLE_RULES } from '../../seeds/rules.js';
import { eventually } from '../support/rules.js';
import { count, data } from '../support/api.js';

const SEEDED = ['services', 'accounts', 'contacts', 'leads', 'deals', 'appointments', 'calls', 'tasks', 'worksheets', 'workflow_rules'];

describe('demo seeds', () => {
	it('load a believable data set of the size the spec asks for', async () => {
		expect(await count('services')).toBeGreaterThanOrEqual(8);
		expect(await count('contacts')).toBeGreaterThanOrEqual(20);
		expect(await count('leads')).toBeGreaterThanOrEqual(20);
		expect(await count('accounts')).toBeGreaterThanOrEqual(20);
		expect(await count('appointments')).toBeGreaterThanOrEqual(30);
		expect(await count('calls')).toBeGreaterThanOrEqual(30);
		expect(await count('services', { name: { _eq: 'Lawn care' } })).toBe(1);
	});

	it('spread appointments over past and coming weeks', async () => {
		const now = new Date().toISOString();
		expect(await count('appointments', { start_at: { _lt: now } })).toBeGreaterThanOrEqual(10);
		expect(await count('appointments', { start_at: { _gt: now }, status: { _eq: 'scheduled' } })).toBeGreaterThanOrEqual(10);
		expect(await count('calls', { status: { _eq: 'missed' } })).toBeGreaterThanOrEqual(1);
	});

	it('give services their members and appointments an assigned member of the service', async () => {
		const services = await data<{ members: { directus_users_id: string }[] }[]>('GET', '/items/services?fields=members.directus_users_id&limit=-1');
		const members = new Set(services.flatMap((service) => service.members.map((member) => member.directus_users_id)));
		expect(members.size).toBeGreaterThanOrEqual(3);

		// Only the seeded appointments: other test files book their own.
		const seeded = buildDemoData(new Date()).appointments.map((appointment) => appointment['id']);
		const filter = encodeURIComponent(JSON.stringify({ id: { _in: seeded } }));
		const appointments = await data<{ owner: string; service: { members: { directus_users_id: string }[] } }[]>('GET', `/items/appointments?fields=owner,service.members.directus_users_id&limit=-1&filter=${filter}`);
		expect(appointments.length).toBeGreaterThanOrEqual(30);
		for (const appointment of appointments) {
			expect(appointment.service.members.map((member) => member.directus_users_id)).toContain(appointment.owner);
		}
	});

	it('create the Service manager role with full rights on services', async () => {
		const role = await data<{ name: string; policies: { policy: string }[] }>('GET', `/roles/${SERVICE_MANAGER_ROLE_ID}?fields=name,policies.policy`);
		expect(role.name).toBe('Service manager');

		const policy = role.policies[0]!.policy;
		const permissions = await data<{ action: string }[]>('GET', `/permissions?filter[policy][_eq]=${policy}&filter[collection][_eq]=services&limit=-1`);
		expect(permissions.map((permission) => permission.action).sort()).toEqual(['create', 'delete', 'read', 'update']);
	});

	it('fill the CRM settings', async () => {
		const settings = await data<{ timezone: string; business_hours: unknown[] }>('GET', '/items/crm_settings');
		expect(settings.timezone).toBe('America/New_York');
		expect(settings.business_hours.length).toBeGreaterThanOrEqual(5);
	});

	it('include the sample rules of the reference pages, valid, with only the data-tidying one active', async () => {
		const ids = SAMPLE_RULES.map((rule) => rule['id']);
		const rules = await data<{ id: string; status: string; collection: string }[]>('GET', `/items/workflow_rules?limit=-1&fields=id,status,collection&filter=${encodeURIComponent(JSON.stringify({ id: { _in: ids } }))}`);
		expect(rules).toHaveLength(7);
		expect(new Set(rules.map((rule) => rule.collection))).toEqual(new Set(['calls', 'appointments', 'deals', 'contacts', 'leads']));
		expect(rules.filter((rule) => rule.status === 'active').map((rule) => rule.collection)).toEqual(['calls']);
	});

	it('the seeded call rule marks an answered call completed', async () => {
		const call = await data<{ id: string }>('POST', '/items/calls', { subject: 'Answered probe', status: 'ringing', direction: 'outbound', start_at: new Date().toISOString() });
		await data('PATCH', `/items/calls/${call.id}`, { result: 'Reached the customer, visit booked' });
		const done = await eventually(() => data<{ status: string }>('GET', `/items/calls/${call.id}?fields=status`), (row) => row.status === 'completed', 15_000, 'the call to be completed');
		expect(done.status).toBe('completed');
	});

	it('seeding again creates nothing and duplicates nothing', async () => {
		const before = Object.fromEntries(await Promise.all(SEEDED.map(async (collection) => [collection, await count(collection)] as const)));
		const users = (await data<unknown[]>('GET', '/users?limit=-1&fields=id')).length;

		const { created } = await seedDemo(inject('directusUrl'), inject('adminToken'));

		expect(Object.values(created).every((n) => n === 0), JSON.stringify(created)).toBe(true);
		for (const collection of SEEDED) expect(await count(collection), collection).toBe(before[collection]);
		expect((await data<unknown[]>('GET', '/users?limit=-1&fields=id')).length).toBe(users);
	});
});
