/** Debian's Chromium driven by playwright-core, signed in to the studio under test. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		// This machine has no network beyond loopback: keep Chromium from calling home.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

export async function signIn(browser: Browser): Promise<Page> {
	return signInAs(browser, inject('adminEmail'), inject('adminPassword'));
}

/** A new page signed in to the studio as the given user. */
export async function signInAs(browser: Browser, email: string, password: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`${inject('directusUrl')}/admin/login`);
	await page.locator('input[type="email"]').fill(email);
	await page.locator('input[type="password"]').fill(password);
	await page.locator('button[type="submit"]').click();
	// Directus returns a user to the page they last had open, whichever it was.
	await page.waitForURL((url) => url.pathname.startsWith('/admin/') && !url.pathname.startsWith('/admin/login'), { timeout: 30_000 });
	// The studio's own "skip" cookies for its license and project-owner dialogs (a login clears them):
	// the pages a test opens next do not get a dialog over them, which on a busy machine can come
	// seconds after the page. dismissLicenseDialog stays for the page open at login.
	await page.context().addCookies(LICENSE_DIALOG_COOKIES.map((name) => ({ name, value: 'true', url: inject('directusUrl') })));
	return page;
}

const LICENSE_DIALOG_COOKIES = ['license-banner-dismissed', 'license-onboarding-dismissed', 'license-login-modal-dismissed'];

/** Directus 12 greets a new instance with license and project-owner dialogs; a Core user skips them. */
export async function dismissLicenseDialog(page: Page): Promise<void> {
	// They open a moment after the page: give them that moment, then clear whichever came.
	const buttons = page.getByRole('button', { name: /^(Skip|Remind Later)$/ });
	await buttons.first().waitFor({ timeout: 2500 }).catch(() => undefined);
	for (let i = 0; i < 3 && (await buttons.count()) > 0; i++) {
		await buttons.first().click().catch(() => undefined);
		await page.waitForTimeout(300);
	}
}
