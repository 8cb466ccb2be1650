/** The rule wizard panel can be added to an Insights dashboard and renders in a real Chromium. */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';

describe('rule wizard panel in Insights', () => {
	let browser: Browser;
	let dashboard: { id: string };

	beforeAll(async () => {
		browser = await launchBrowser();
		dashboard = await data('POST', '/dashboards', { name: 'Workflow rules', icon: 'account_tree' });
		await data('POST', '/panels', {
			dashboard: dashboard.id,
			name: 'Rule wizard',
			icon: 'account_tree',
			type: 'workflow-rule-wizard',
			show_header: true,
			position_x: 1,
			position_y: 1,
			width: 30,
			height: 16,
			options: { collection: 'appointments' },
		});
	});

	afterAll(async () => {
		await browser?.close();
		if (dashboard) await data('DELETE', `/dashboards/${dashboard.id}`);
	});

	it('hosts the rule wizard with its steps, the panel\'s default collection and the engine status', async () => {
		const page = await signIn(browser);
		await page.goto(`${page.url().split('/admin/')[0]}/admin/insights/${dashboard.id}`);

		const panel = page.getByTestId('workflow-rule-wizard');
		await panel.getByTestId('rule-wizard').waitFor({ timeout: 20_000 });
		await panel.getByTestId('workflow-engine-status').waitFor({ timeout: 20_000 });
		await dismissLicenseDialog(page);

		const steps = panel.locator('nav.steps');
		for (const step of ['Basic details', 'When', 'Which records', 'Actions', 'Review and save']) {
			expect(await steps.getByText(step, { exact: true }).isVisible(), step).toBe(true);
		}
		// The panel's option is the collection new rules start on.
		expect(await panel.getByTestId('wizard-collection').inputValue()).toBe('appointments');
		expect(await panel.getByTestId('wizard-name').isVisible()).toBe(true);
		expect(await panel.getByTestId('workflow-engine-status').innerText()).toMatch(/Workflow engine \S+ running · new rules start on appointments/);

		await mkdir('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/insights-panel.png' });
	});
});
