/** Who may do what: the Service manager role runs the catalogue, not the rules; others are kept out. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_TECHNICIAN_ROLE_ID, SERVICE_MANAGER_ROLE_ID } from '../../seeds/access.js';
import { api, data } from '../support/api.js';
import { serviceId } from '../support/rules.js';

const created: { users: string[]; roles: string[]; policies: string[] } = { users: [], roles: [], policies: [] };

async function userWithRole(role: string): Promise<string> {
	const token = randomBytes(16).toString('hex');
	const user = await data<{ id: string }>('POST', '/users', { email: `probe-${token.slice(0, 8)}@example.com`, password: randomBytes(12).toString('hex'), role, token, status: 'active' });
	created.users.push(user.id);
	return token;
}

describe('access', () => {
	let manager: string;
	let technician: string;
	let outsider: string;

	beforeAll(async () => {
		manager = await userWithRole(SERVICE_MANAGER_ROLE_ID);
		technician = await userWithRole(FIELD_TECHNICIAN_ROLE_ID);
		const policy = await data<{ id: string }>('POST', '/policies', { name: 'Nothing', icon: 'block', app_access: false, admin_access: false });
		created.policies.push(policy.id);
		const role = await data<{ id: string }>('POST', '/roles', { name: 'Outsider', icon: 'block', policies: [{ policy: policy.id }] });
		created.roles.push(role.id);
		outsider = await userWithRole(role.id);
	});

	afterAll(async () => {
		for (const id of created.users) await api('DELETE', `/users/${id}`);
		for (const id of created.roles) await api('DELETE', `/roles/${id}`);
		for (const id of created.policies) await api('DELETE', `/policies/${id}`);
	});

	it('the Service manager creates, edits and deletes services', async () => {
		const createdService = await api('POST', '/items/services', { name: 'Gutter cleaning', status: 'active', duration_min: 60, duration_max: 120 }, manager);
		expect(createdService.status).toBe(200);
		const id = createdService.body.data.id;
		expect((await api('PATCH', `/items/services/${id}`, { price: 99 }, manager)).status).toBe(200);
		expect((await api('POST', `/workflows/services/${id}/unused`, undefined, manager)).status).toBe(200);
		const copy = await api('POST', `/workflows/services/${id}/clone`, undefined, manager);
		expect(copy.status).toBe(200);
		expect((await api('DELETE', `/items/services/${copy.body.data.id}`, undefined, manager)).status).toBe(204);
		expect((await api('DELETE', `/items/services/${id}`, undefined, manager)).status).toBe(204);
	});

	it('the Service manager creates, edits and deletes worksheets', async () => {
		const [appointment] = await data<{ id: string }[]>('GET', '/items/appointments?fields=id&limit=1&filter[status][_eq]=scheduled');
		const sheet = await api('POST', '/items/worksheets', { appointment: appointment!.id, notes: 'Checked filters' }, manager);
		expect(sheet.status).toBe(200);
		expect((await api('PATCH', `/items/worksheets/${sheet.body.data.id}`, { spare_parts: 'Filter x2' }, manager)).status).toBe(200);
		expect((await api('DELETE', `/items/worksheets/${sheet.body.data.id}`, undefined, manager)).status).toBe(204);
	});

	it('the Service manager cannot read or write rules', async () => {
		expect((await api('GET', '/items/workflow_rules', undefined, manager)).status).toBe(403);
		expect((await api('POST', '/items/workflow_rules', { name: 'Sneaky', collection: 'services', trigger: { type: 'event', events: ['created'] }, actions: [] }, manager)).status).toBe(403);
		expect((await api('POST', '/workflows/rules/validate', { name: 'x' }, manager)).status).toBe(403);
	});

	it('a technician reads the catalogue but cannot change it', async () => {
		const id = await serviceId('Lawn care');
		expect((await api('GET', `/items/services/${id}`, undefined, technician)).status).toBe(200);
		expect((await api('POST', '/items/services', { name: 'Nope', status: 'active' }, technician)).status).toBe(403);
		expect((await api('POST', `/workflows/services/${id}/unused`, undefined, technician)).status).toBe(403);
		expect((await data<{ status: string }>('GET', `/items/services/${id}?fields=status`)).status).toBe('active');
	});

	it('a role without access gets 403 on services', async () => {
		expect((await api('GET', '/items/services', undefined, outsider)).status).toBe(403);
		expect((await api('POST', '/items/services', { name: 'Nope', status: 'active' }, outsider)).status).toBe(403);
		expect((await api('POST', `/workflows/services/${await serviceId('Lawn care')}/clone`, undefined, outsider)).status).toBe(403);
	});
});
