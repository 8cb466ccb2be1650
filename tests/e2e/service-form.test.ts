/** The service catalogue in the studio: quick actions on the service form, and the appointment picker. */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';
import { serviceId } from '../support/rules.js';

describe('service catalogue in the studio', () => {
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

	it('the service form offers the quick actions, and they work', async () => {
		const id = await serviceId('Pet grooming');
		await page.goto(`${base}/admin/content/services/${id}`);
		const actions = page.getByTestId('service-quick-actions');
		await actions.waitFor({ timeout: 20_000 });
		await dismissLicenseDialog(page);

		// Each action reloads the form so that it shows the stored service.
		const reloadAfter = async (click: () => Promise<void>) => {
			await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), click()]);
			await page.getByTestId('service-quick-actions').waitFor({ timeout: 20_000 });
			await dismissLicenseDialog(page);
		};
		const quickActions = () => page.getByTestId('service-quick-actions');

		await reloadAfter(() => quickActions().getByRole('button', { name: 'Mark unused' }).click());
		expect((await data<{ status: string }>('GET', `/items/services/${id}?fields=status`)).status).toBe('unused');

		await quickActions().getByRole('button', { name: 'Mark temporarily unavailable' }).click();
		await reloadAfter(() => page.getByText('Until the end of the week', { exact: true }).click());
		expect((await data<{ unavailable_until: string | null }>('GET', `/items/services/${id}?fields=unavailable_until`)).unavailable_until).not.toBeNull();
		await page.screenshot({ path: 'test-results/service-form.png' });

		await reloadAfter(() => quickActions().getByRole('button', { name: 'Available again' }).click());
		expect(await data('GET', `/items/services/${id}?fields=status,unavailable_until`)).toEqual({ status: 'active', unavailable_until: null });
	});

	it('the appointment form offers only services that can be booked now', async () => {
		await page.goto(`${base}/admin/content/appointments/+`);
		await dismissLicenseDialog(page);
		// A service of its own, unavailable for a week, beside the seeded unused one (Snow removal).
		const paused = await data<{ id: string }>('POST', '/items/services', { name: 'Chimney sweeping', status: 'active', unavailable_until: new Date(Date.now() + 7 * 86_400_000).toISOString() });

		try {
			// The first "Select an item" of the form is the service.
			await page.getByText('Select an item...').first().click();
			const drawer = page.locator('.v-drawer');
			await drawer.getByText('Lawn care', { exact: true }).first().waitFor({ timeout: 15_000 });
			await page.waitForTimeout(500);
			await page.screenshot({ path: 'test-results/appointment-service-picker.png' });
			const listed = await drawer.innerText();

			expect(listed).toContain('Lawn care');
			expect(listed).toContain('Haircut in salon');
			expect(listed).not.toContain('Snow removal');
			expect(listed).not.toContain('Chimney sweeping');
		} finally {
			await data('DELETE', `/items/services/${paused.id}`);
		}
	});
});
