/** A role made for a test file: a policy with exactly the given permissions, and one user of it. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { api, data } from './api.js';

export interface RoleUser {
	/** The user's static token, for `api(…, token)`. */
	token: string;
	policy: string;
}

/**
 * Creates the policy, role and user before the file's tests and removes them after; the returned
 * object is filled in by `beforeAll`.
 */
export function roleUser(name: string, permissions: { collection: string; action: string }[], options: { appAccess?: boolean } = {}): RoleUser {
	const made: RoleUser & { user: string; role: string } = { token: '', policy: '', user: '', role: '' };

	beforeAll(async () => {
		made.policy = (await data<{ id: string }>('POST', '/policies', { name, icon: 'badge', app_access: options.appAccess ?? false, admin_access: false })).id;
		for (const permission of permissions) await data('POST', '/permissions', { policy: made.policy, fields: ['*'], ...permission });
		made.role = (await data<{ id: string }>('POST', '/roles', { name, icon: 'badge', policies: [{ policy: made.policy }] })).id;
		made.token = randomBytes(16).toString('hex');
		made.user = (await data<{ id: string }>('POST', '/users', { email: `${made.token.slice(0, 12)}@example.com`, password: randomBytes(12).toString('hex'), role: made.role, token: made.token, status: 'active' })).id;
	});

	afterAll(async () => {
		if (made.user) await api('DELETE', `/users/${made.user}`);
		if (made.role) await api('DELETE', `/roles/${made.role}`);
		if (made.policy) await api('DELETE', `/policies/${made.policy}`);
	});

	return made;
}

export interface StudioUser {
	email: string;
	password: string;
	/** Deletes the user, its role and its policy. */
	remove(): Promise<void>;
}

/** A user who signs in to the studio (app access: it takes a seat while it exists) with exactly the given read/write permissions. */
export async function studioUser(name: string, permissions: { collection: string; action: string }[]): Promise<StudioUser> {
	const password = randomBytes(12).toString('hex');
	const email = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
	const policy = (await data<{ id: string }>('POST', '/policies', { name, icon: 'badge', app_access: true, admin_access: false })).id;
	for (const permission of permissions) await data('POST', '/permissions', { policy, fields: ['*'], ...permission });
	const role = (await data<{ id: string }>('POST', '/roles', { name, icon: 'badge', policies: [{ policy }] })).id;
	const user = (await data<{ id: string }>('POST', '/users', { email, password, role, status: 'active' })).id;
	return {
		email,
		password,
		async remove() {
			await api('DELETE', `/users/${user}`);
			await api('DELETE', `/roles/${role}`);
			await api('DELETE', `/policies/${policy}`);
		},
	};
}
