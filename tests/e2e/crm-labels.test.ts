/**
 * The CRM's lists and items say what they are: a service's availability as a label, a run named by
 * its rule and record, and a studio in French for a user whose language is fr-FR.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { api, data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn, signInAs } from '../support/browser.js';
import { studioUser, type StudioUser } from '../support/roles.js';
import { cleanUpRules, createRecorder, eventually, runsOf } from '../support/rules.js';

describe('CRM labels in the studio', () => {
	let browser: Browser;
	let page: Page;
	let base: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await signIn(browser);
		base = page.url().split('/admin/')[0]!;
		await mkdir('test-results', { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
	});

	cleanUpRules('all');

	it('a service unavailable now shows as unavailable in the services list, not as Active', async () => {
		const name = `Gutter cleaning ${Date.now()}`;
		const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
		const service = await data<{ id: string }>('POST', '/items/services', { name, status: 'active', unavailable_until: until });
		// The list's availability column is the service itself: created linked.
		await expect.poll(async () => (await data<{ availability: string | null }>('GET', `/items/services/${service.id}?fields=availability`)).availability, { timeout: 10_000 }).toBe(service.id);
		const me = await data<{ id: string }>('GET', '/users/me?fields=id');
		// The shipped list view of services (its columns and widths), searched down to this service.
		const [shipped] = await data<{ layout_query: unknown; layout_options: unknown }[]>('GET', '/presets?filter[collection][_eq]=services&filter[user][_null]=true&filter[role][_null]=true&filter[bookmark][_null]=true&fields=layout_query,layout_options');
		expect(JSON.stringify(shipped?.layout_query)).toContain('availability');
		const preset = await data<{ id: number }>('POST', '/presets', { collection: 'services', user: me.id, layout: 'tabular', search: name, layout_query: shipped!.layout_query, layout_options: shipped!.layout_options });

		try {
			await page.goto(`${base}/admin/content/services`);
			await dismissLicenseDialog(page);
			const row = page.locator('.table-row', { hasText: name });
			const label = row.locator('.availability');
			await label.waitFor({ timeout: 20_000 }).finally(() => page.screenshot({ path: 'test-results/crm-labels-services-unavailable.png' }));

			expect(await label.innerText()).toMatch(/^Unavailable until /);
			expect(await row.innerText()).not.toContain('Active');

			// Available again: the same column says Active.
			await data('PATCH', `/items/services/${service.id}`, { unavailable_until: null });
			await page.reload();
			await dismissLicenseDialog(page);
			await page.locator('.table-row', { hasText: name }).locator('.availability', { hasText: 'Active' }).waitFor({ timeout: 20_000 });
			await page.screenshot({ path: 'test-results/crm-labels-services-available.png' });
		} finally {
			await api('DELETE', `/presets/${preset.id}`);
			await api('DELETE', `/items/services/${service.id}`);
		}
	});

	it('a run’s item shows the rule name and the record title', async () => {
		const rule = await createRecorder('contacts', ['created']);
		const contact = await data<{ id: string }>('POST', '/items/contacts', { first_name: 'Ada', last_name: `Lovelace ${Date.now()}` });
		const { last_name } = await data<{ last_name: string }>('GET', `/items/contacts/${contact.id}?fields=last_name`);

		try {
			const [run] = await eventually(() => runsOf(rule, contact.id), (runs) => runs.length > 0, 15_000, 'the recorder run');
			const stored = await data<{ record_title: string | null }>('GET', `/items/workflow_runs/${run!.id}?fields=record_title`);
			expect(stored.record_title).toBe(`Ada ${last_name}`);

			await page.goto(`${base}/admin/content/workflow_runs/${run!.id}`);
			await dismissLicenseDialog(page);
			const title = page.locator('header .title');
			await title.filter({ hasText: 'Recorder contacts' }).waitFor({ timeout: 20_000 });
			await page.screenshot({ path: 'test-results/crm-labels-run-item.png' });

			expect(await title.innerText()).toContain(`Recorder contacts · Ada ${last_name}`);
			// The rule field names the rule, not its key.
			expect(await page.locator('[data-field="rule"]').innerText()).toContain('Recorder contacts');
		} finally {
			await api('DELETE', `/items/contacts/${contact.id}`);
		}
	});

	describe('with the user’s language fr-FR', () => {
		let user: StudioUser;
		let french: Page;

		beforeAll(async () => {
			user = await studioUser('French back office', [
				...['appointments', 'services', 'contacts', 'accounts', 'leads', 'appointments_members'].flatMap((collection) => [{ collection, action: 'read' }]),
				{ collection: 'appointments', action: 'create' },
				{ collection: 'directus_users', action: 'read' },
				// To set their own language (PATCH /users/me), as a user does in their profile.
				{ collection: 'directus_users', action: 'update' },
			]);
			const login = await api<{ data: { access_token: string } }>('POST', '/auth/login', { email: user.email, password: user.password }, null);
			const patched = await api('PATCH', '/users/me', { language: 'fr-FR' }, login.body.data.access_token);
			expect(patched.status).toBe(200);
			french = await signInAs(browser, user.email, user.password);
		});

		afterAll(async () => {
			await french?.close();
			await user?.remove();
		});

		it('the appointments list reads French', async () => {
			await french.goto(`${inject('directusUrl')}/admin/content/appointments`);
			await dismissLicenseDialog(french);
			await french.locator('header .title', { hasText: 'Rendez-vous' }).waitFor({ timeout: 20_000 });
			// The navigation names each collection in French.
			const link = (collection: string) => french.locator(`a[href="/admin/content/${collection}"]`).first();
			await link('accounts').filter({ hasText: 'Comptes' }).waitFor({ timeout: 10_000 });
			await french.screenshot({ path: 'test-results/crm-labels-fr-appointments-list.png' });

			expect((await link('appointments').innerText()).trim()).toBe('Rendez-vous');
			expect((await link('services').innerText()).trim()).toBe('Services');
		});

		it('the appointment form reads French: field names, notes and choices', async () => {
			await french.goto(`${inject('directusUrl')}/admin/content/appointments/+`);
			await dismissLicenseDialog(french);
			const form = french.locator('.v-form').first();
			await form.getByText('Début', { exact: true }).waitFor({ timeout: 20_000 });
			const text = await form.innerText();
			for (const label of ['Titre', 'Service', 'Statut', 'Début', 'Fin', 'Lieu', 'Adresse', 'Motif d’annulation', 'Le membre affecté au rendez-vous']) expect(text, label).toContain(label);
			expect(text).not.toContain('$t:');

			// The status dropdown offers the French choices.
			await form.locator('[data-field="status"] .v-select, [data-field="status"] .v-input').first().click();
			const menu = french.locator('.v-menu-content');
			await menu.getByText('Planifié', { exact: true }).waitFor({ timeout: 10_000 });
			await french.screenshot({ path: 'test-results/crm-labels-fr-appointment-form.png' });
			const choices = await menu.innerText();
			for (const choice of ['Planifié', 'En retard', 'Terminé', 'Annulé']) expect(choices, choice).toContain(choice);
			await french.keyboard.press('Escape');
		});
	});
});
