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

	it('quick actions update the form in place, warn before replacing an unsaved edit, keep the others and say they are done', async () => {
		const id = await serviceId('Pet grooming');
		const stored = await data<{ name: string }>('GET', `/items/services/${id}?fields=name`);
		await page.goto(`${base}/admin/content/services/${id}`);
		const actions = page.getByTestId('service-quick-actions');
		await actions.waitFor({ timeout: 20_000 });
		await dismissLicenseDialog(page);
		// Leaving with unsaved edits at the end asks the browser; the test accepts.
		page.on('dialog', (dialog) => void dialog.accept());

		// A reload or a navigation would lose this marker and fire a load event.
		let loads = 0;
		page.on('load', () => loads++);
		await page.evaluate(() => ((window as unknown as { quickActionMarker: string }).quickActionMarker = 'still here'));
		const marker = () => page.evaluate(() => (window as unknown as { quickActionMarker?: string }).quickActionMarker);
		const field = (name: string) => page.locator(`[data-field="${name}"]`);
		// A select shows its choice in its input.
		const shown = (name: string) => field(name).locator('input').first().inputValue();

		// No unsaved edit: the action runs at once, the form shows the stored status.
		await actions.getByRole('button', { name: 'Mark unused' }).click();
		await page.getByText('Service marked unused').waitFor({ timeout: 15_000 });
		await expect.poll(() => shown('status'), { timeout: 10_000 }).toContain('Unused');
		expect((await data<{ status: string }>('GET', `/items/services/${id}?fields=status`)).status).toBe('unused');

		// Two unsaved edits: the name (no action writes it) and the status (Available again writes it).
		const name = field('name').locator('input');
		await name.fill(`${stored.name} (edited)`);
		await field('status').locator('.v-select, .v-input').first().click();
		await page.locator('.v-menu-content').getByText('Active', { exact: true }).click();
		await expect.poll(() => shown('status')).toContain('Active');

		await page.getByTestId('service-quick-actions').getByRole('button', { name: 'Mark unused' }).click();
		const confirm = page.getByTestId('quick-action-confirm');
		await confirm.waitFor({ timeout: 10_000 });
		expect(await confirm.innerText()).toContain('Status');
		await page.screenshot({ path: 'test-results/service-quick-action-warning.png' });
		await page.getByTestId('quick-action-replace').click();

		await page.getByText('Service marked unused').first().waitFor({ timeout: 15_000 });
		await expect.poll(() => shown('status'), { timeout: 10_000 }).toContain('Unused');
		await expect.poll(() => field('name').locator('input').inputValue(), { timeout: 10_000 }).toBe(`${stored.name} (edited)`);
		expect(await data('GET', `/items/services/${id}?fields=name,status`)).toEqual({ name: stored.name, status: 'unused' });

		// An action on fields the user did not touch asks nothing; the name edit still stays.
		await page.getByTestId('service-quick-actions').getByRole('button', { name: 'Mark temporarily unavailable' }).click();
		await page.getByText('Until the end of the week', { exact: true }).click();
		await page.getByText('Service marked temporarily unavailable').waitFor({ timeout: 15_000 });
		expect(await page.getByTestId('quick-action-confirm').count()).toBe(0);
		const until = (await data<{ unavailable_until: string | null }>('GET', `/items/services/${id}?fields=unavailable_until`)).unavailable_until;
		expect(until).not.toBeNull();
		// The date field shows the stored moment's digits where it showed mm/dd/yyyy.
		await expect.poll(() => field('unavailable_until').innerText(), { timeout: 10_000 }).toMatch(/\d{4}/);
		expect(await field('name').locator('input').inputValue()).toBe(`${stored.name} (edited)`);
		await page.screenshot({ path: 'test-results/service-form.png' });

		await page.getByTestId('service-quick-actions').getByRole('button', { name: 'Available again' }).click();
		await page.getByText('Service available again').waitFor({ timeout: 15_000 });
		await expect.poll(() => shown('status'), { timeout: 10_000 }).toContain('Active');
		expect(await data('GET', `/items/services/${id}?fields=status,unavailable_until`)).toEqual({ status: 'active', unavailable_until: null });

		expect(await marker()).toBe('still here');
		expect(loads).toBe(0);
	}, 150_000);

	it('the until-date is picked with Directus\' own date picker', async () => {
		const id = await serviceId('Pet grooming');
		await page.goto(`${base}/admin/content/services/${id}`);
		const until = page.getByTestId('service-until');
		await until.waitFor({ timeout: 20_000 });
		await dismissLicenseDialog(page);
		try {
			await until.locator('.today-icon').click();
			const picker = page.locator('.v-menu-content .v-date-picker');
			await picker.waitFor({ timeout: 10_000 });
			await picker.getByRole('button', { name: 'Next page' }).click();
			await picker.getByText('15', { exact: true }).first().click();
			await page.screenshot({ path: 'test-results/service-until-date-picker.png' });
			await page.keyboard.press('Escape');

			await until.getByRole('button', { name: 'Unavailable until this date' }).click();
			await page.getByText('Service marked temporarily unavailable').waitFor({ timeout: 15_000 });
			const stored = (await data<{ unavailable_until: string | null }>('GET', `/items/services/${id}?fields=unavailable_until`)).unavailable_until;
			// The 15th of next month, through that day: at least ten days ahead, at most two months.
			expect(Date.parse(stored!)).toBeGreaterThan(Date.now() + 10 * 86_400_000);
			expect(Date.parse(stored!)).toBeLessThan(Date.now() + 62 * 86_400_000);
		} finally {
			await data('PATCH', `/items/services/${id}`, { status: 'active', unavailable_until: null });
		}
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
			// Each service says how long it lasts and when it can be booked (Lawn care: 45–120 min, 08:00–17:00).
			const lawnCare = (await drawer.locator('.table-row', { hasText: 'Lawn care' }).first().innerText()).replace(/\s+/g, ' ');
			expect(lawnCare).toMatch(/\b45\b.*\b120\b/);
			expect(lawnCare).toMatch(/\b0?8:00\b.*\b(17:00|5:00)\b/);
		} finally {
			await data('DELETE', `/items/services/${paused.id}`);
		}
	});
});
