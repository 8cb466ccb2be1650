/**
 * A refused booking in the studio (issue 11): creating an appointment through the form at a time
 * the service does not allow shows each reason at its field, as Directus shows validation errors,
 * with the next free slots at the start time; no raw error code.
 */
import { mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';

const probe = randomBytes(4).toString('hex');
const SERVICE = `Window cleaning ${probe}`;

describe('a refused booking in the studio', () => {
	let browser: Browser;
	let page: Page;
	let base: string;
	let service: string;
	let originalSettings: Record<string, unknown>;

	beforeAll(async () => {
		originalSettings = await data('GET', '/items/crm_settings?fields=timezone,business_hours');
		// Paris, closed on Sundays; the service runs on Mondays and Wednesdays, 10:00–12:00, for an hour, in March 2032.
		await data('PATCH', '/items/crm_settings', { timezone: 'Europe/Paris', business_hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => ({ day, open: '08:00', close: '18:00' })) });
		service = (await data<{ id: string }>('POST', '/items/services', { name: SERVICE, status: 'active', worksheet_required: false, available_days: ['mon', 'wed'], available_from: '10:00:00', available_to: '12:00:00', duration_min: 60, duration_max: 60, available_start_date: '2032-03-03', available_end_date: '2032-03-10' })).id;
		browser = await launchBrowser();
		page = await signIn(browser);
		base = page.url().split('/admin/')[0]!;
		await mkdir('test-results', { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
		if (service) await api('DELETE', `/items/services/${service}`);
		await data('PATCH', '/items/crm_settings', originalSettings);
	});

	/** Types a value through the field's own "Edit Raw Value" dialog, as a user can for any field. */
	async function enterRaw(field: string, value: string): Promise<void> {
		await page.locator(`[data-field="${field}"] .field-label`).first().click();
		await page.getByText('Edit Raw Value', { exact: true }).click();
		const dialog = page.locator('.v-card').filter({ hasText: 'Edit Raw Value' }).last();
		// The dialog's editor is a code editor: focus it and type, as a user does.
		await dialog.locator('.CodeMirror, .cm-editor, textarea, input').first().click();
		await page.keyboard.press('Control+a');
		await page.keyboard.type(value);
		await dialog.getByRole('button', { name: 'Done' }).click();
		await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
	}

	it('shows every reason at its field and the next free slots', async () => {
		await page.goto(`${base}/admin/content/appointments/+`);
		await page.locator('[data-field="title"]').waitFor({ timeout: 20_000 });
		await dismissLicenseDialog(page);

		await page.locator('[data-field="title"] input').first().fill(`Refused in the studio ${probe}`);
		// The service through its picker, as a receptionist picks it.
		await page.locator('[data-field="service"]').getByText('Select an item...').click();
		const drawer = page.locator('.v-drawer');
		await drawer.getByText(SERVICE, { exact: true }).first().click();
		await drawer.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async () => {
			// Some Directus versions keep the drawer open until the selection is confirmed.
			await drawer.getByRole('button', { name: /save|done|select/i }).last().click();
		});
		// Sunday 7 March 2032, 07:00–07:30 in Paris: not a service day, before its hours, the business closed, too short.
		await enterRaw('start_at', '2032-03-07T06:00:00.000Z');
		await enterRaw('end_at', '2032-03-07T06:30:00.000Z');

		const saved = page.waitForResponse((response) => response.url().includes('/items/appointments') && response.request().method() === 'POST');
		await page.keyboard.press('Control+s');
		expect((await saved).status()).toBe(400);

		const notice = page.locator('.validation-errors');
		await notice.waitFor({ timeout: 15_000 });
		const startError = page.locator('[data-field="start_at"] .validation-error');
		const endError = page.locator('[data-field="end_at"] .validation-error');
		await startError.waitFor({ timeout: 10_000 });
		await page.screenshot({ path: 'test-results/booking-refusal.png', fullPage: true });

		const listed = await notice.innerText();
		expect(listed).toContain(`The service "${SERVICE}" is not available on Sundays (only Monday, Wednesday). Next free: Mon 8 Mar 10:00, Mon 8 Mar 10:30, Mon 8 Mar 11:00 (Europe/Paris).`);
		expect(listed).toContain(`The service "${SERVICE}" is available from 10:00 to 12:00 (Europe/Paris).`);
		expect(listed).toContain('The business is closed on Sundays.');
		expect(listed).toContain(`The service "${SERVICE}" lasts 60 to 60 minutes; this appointment lasts 30.`);

		// At the fields themselves: the times to pick at the start, the bound at the end.
		expect(await startError.innerText()).toContain('Mon 8 Mar 10:00, Mon 8 Mar 10:30, Mon 8 Mar 11:00');
		expect(await endError.innerText()).toContain('2032-03-07 08:00');

		expect(await page.locator('body').innerText()).not.toContain('BOOKING_REFUSED');
		expect(await data('GET', `/items/appointments?filter[title][_eq]=${encodeURIComponent(`Refused in the studio ${probe}`)}&fields=id`)).toEqual([]);
	});
});
