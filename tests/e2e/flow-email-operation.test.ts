/** The email operation in the Flows editor of a real Chromium: picked, filled and saved, its options are what it runs with. */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';
import { eventually } from '../support/rules.js';

interface OperationRow {
	id: string;
	type: string;
	options: Record<string, unknown>;
}

describe('email operation in the Flows editor', () => {
	let browser: Browser;
	let page: Page | undefined;
	let flow: { id: string };
	let first: { id: string };

	beforeAll(async () => {
		browser = await launchBrowser();
		flow = await data('POST', '/flows', { name: 'Email from the editor', status: 'active', trigger: 'manual', accountability: 'all', options: { collections: ['leads'] } });
		first = await data('POST', '/operations', { flow: flow.id, name: 'Tag it', key: 'tag_it', type: 'workflow-tag', position_x: 19, position_y: 1, options: { add: ['called'] } });
		await data('PATCH', `/flows/${flow.id}`, { operation: first.id });
	});

	afterAll(async () => {
		await mkdir('test-results', { recursive: true });
		await page?.screenshot({ path: 'test-results/flow-email-operation.png' }).catch(() => undefined);
		await browser?.close();
		if (flow) await data('DELETE', `/flows/${flow.id}`);
	});

	it('is picked from the operations, shows its recipients, subject, body and mode, and saves what is typed', async () => {
		page = await signIn(browser);
		const base = page.url().split('/admin/')[0];
		await page.goto(`${base}/admin/settings/flows/${flow.id}/+?parent=${first.id}&type=resolve`);
		await dismissLicenseDialog(page);

		const drawer = page.locator('.v-drawer').last();
		await drawer.getByText('Send email (workflow)').click({ timeout: 30_000 });
		for (const label of ['To', 'Cc', 'Bcc', 'Subject', 'Body (HTML)', 'Wait for the result', 'Delay']) {
			await expect.poll(() => drawer.getByText(label, { exact: true }).first().isVisible(), { message: label }).toBe(true);
		}

		const field = (label: string) => drawer.locator('.field').filter({ has: page!.getByText(label, { exact: true }) }).last();
		await drawer.locator('input').first().fill('Mail the supervisor');
		for (const [label, value] of [['To', 'owner'], ['Cc', 'supervisor@example.com']] as const) {
			const input = field(label).locator('input');
			await input.fill(value);
			await input.press('Enter');
		}
		await field('Subject').locator('input').fill('Missed call from {{ $trigger.payload.name }}');
		await field('Body (HTML)').locator('textarea').fill('<p>Call them back today.</p>');
		await mkdir('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/flow-email-operation-form.png' });

		await drawer.getByRole('button', { name: 'Done' }).click();
		// The editor keeps the new operation until the Flow itself is saved.
		await page.getByRole('button', { name: 'Save' }).first().click().catch(async () => {
			await page!.locator('.header-bar .v-button').last().click();
		});

		const saved = await eventually(() => data<OperationRow[]>('GET', `/operations?filter[flow][_eq]=${flow.id}&filter[type][_eq]=workflow-email`), (rows) => rows.length === 1, 20_000, 'the email operation saved with the Flow');
		expect(saved[0]!.options).toMatchObject({ to: ['owner'], cc: ['supervisor@example.com'], subject: 'Missed call from {{ $trigger.payload.name }}', body: '<p>Call them back today.</p>' });
	});
});
