/**
 * The Workflow rules module in a real Chromium: rules grouped by collection with status toggles,
 * a run that reads as a person wants it (its record's title, each action's real outcome), a failed
 * webhook job retried from the run view until it succeeds, a role without access to rules seeing
 * the notice, and French labels. Screenshots in light and dark to test-results/module/.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn, signInAs } from '../support/browser.js';
import { cleanUpRules, createRule, runsOf, settledJobs } from '../support/rules.js';
import { studioUser } from '../support/roles.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

cleanUpRules('all');

const SHOTS = 'test-results/module';
let browser: Browser;
let receiver: Receiver;
let rule: string;
let lead: string;
let healthy = false;

beforeAll(async () => {
	await mkdir(SHOTS, { recursive: true });
	browser = await launchBrowser();
	receiver = await startReceiver();
	// The contractor's endpoint refuses until it is mended (a 400 is not retried: the job fails at once).
	receiver.answer('/contractor', () => (healthy ? { status: 200, body: 'ok' } : { status: 400, body: 'contractor unknown' }));
	rule = await createRule({
		name: 'E2E module: tell the contractor',
		collection: 'leads',
		trigger: { type: 'event', events: ['created'] },
		conditions: { city: { _eq: 'Moduleville' } },
		actions: [
			{ type: 'tag', timing: { type: 'instant' }, options: { add: ['contractor'] } },
			{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url('/contractor'), method: 'POST' } },
		],
	});
	lead = (await data<{ id: string }>('POST', '/items/leads', { name: 'Margot Lawn', city: 'Moduleville' })).id;
	await settledJobs(rule, lead, 2);
});

afterAll(async () => {
	await browser?.close();
	await receiver?.close();
	if (lead) await api('DELETE', `/items/leads/${lead}`);
});

const base = () => inject('directusUrl');

async function shoot(page: Page, step: string) {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await page.screenshot({ path: `${SHOTS}/${step}-${scheme}.png`, fullPage: true });
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

describe('the Workflow rules module', { timeout: 180_000 }, () => {
	it('is in the module bar and lists rules grouped by collection, with a status toggle that saves', async () => {
		const page = await signIn(browser);
		await page.goto(`${base()}/admin/workflow-rules`);
		await dismissLicenseDialog(page);
		await page.locator('.module-bar a[href$="/admin/workflow-rules"], a[href$="/admin/workflow-rules"]').first().waitFor({ timeout: 20_000 });

		const group = page.getByTestId('rule-group-leads');
		const row = group.getByTestId(`rule-row-${rule}`);
		await row.waitFor({ timeout: 20_000 });
		expect(await row.getByRole('link', { name: /E2E module: tell the contractor/ }).isVisible()).toBe(true);
		// The seeded rules on appointments come before leads: CRM collections first.
		const groups = await page.locator('[data-testid^="rule-group-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
		expect(groups.indexOf('rule-group-appointments')).toBeLessThan(groups.indexOf('rule-group-leads'));
		await expect.poll(() => row.getByTestId('rule-last-run').innerText(), { timeout: 10_000 }).not.toMatch(/Never ran/);
		expect(await row.getByTestId('rule-sparkline').getAttribute('aria-label')).toMatch(/Runs per day over the last 14 days: [1-9]/);
		await shoot(page, '01-rules');

		const toggle = page.getByTestId(`rule-status-${rule}`);
		expect(await toggle.getAttribute('aria-label')).toBe('Active: E2E module: tell the contractor');
		await toggle.click();
		await expect.poll(async () => (await data<{ status: string }>('GET', `/items/workflow_rules/${rule}?fields=status`)).status, { timeout: 10_000 }).toBe('inactive');
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect.poll(async () => (await data<{ status: string }>('GET', `/items/workflow_rules/${rule}?fields=status`)).status, { timeout: 10_000 }).toBe('active');
		await page.close();
	});

	it('offers a role that may only read rules, runs and jobs none of the controls the API would refuse it', async () => {
		const [, webhookJob] = await settledJobs(rule, lead, 2);
		expect(webhookJob!.status).toBe('failed');
		const reader = await studioUser('E2E read rules', ['workflow_rules', 'workflow_runs', 'workflow_jobs', 'leads'].map((collection) => ({ collection, action: 'read' })));
		try {
			const page = await signInAs(browser, reader.email, reader.password);
			await page.goto(`${base()}/admin/workflow-rules`);
			await dismissLicenseDialog(page);
			const row = page.getByTestId(`rule-row-${rule}`);
			await row.waitFor({ timeout: 20_000 });
			expect(await page.getByTestId('new-rule').count()).toBe(0);
			const toggle = page.getByTestId(`rule-status-${rule}`);
			expect(await toggle.evaluate((node) => node.hasAttribute('disabled') || node.classList.contains('disabled') || node.closest('.disabled') !== null)).toBe(true);

			await row.getByRole('link', { name: /E2E module: tell the contractor/ }).click();
			await page.getByTestId(`job-row-${webhookJob!.id}`).waitFor({ timeout: 20_000 });
			expect(await page.getByTestId(`job-row-${webhookJob!.id}`).getAttribute('data-status')).toBe('failed');
			expect(await page.getByTestId(`job-retry-${webhookJob!.id}`).count()).toBe(0);
			await page.getByTestId('wizard-step-review').click();
			await page.getByTestId('wizard-read-only').waitFor({ timeout: 10_000 });
			expect(await page.getByTestId('wizard-save').locator('button').isDisabled()).toBe(true);
			await shoot(page, '01b-read-only');
			await page.close();
		} finally {
			await reader.remove();
		}
	});

	it('shows a run with its record’s title and each action’s real outcome, and a failed job retried there succeeds', async () => {
		const [run] = await runsOf(rule, lead);
		const [tagJob, webhookJob] = await settledJobs(rule, lead, 2);
		expect(tagJob!.status).toBe('succeeded');
		expect(webhookJob!.status).toBe('failed');

		const page = await signIn(browser);
		await page.goto(`${base()}/admin/workflow-rules/${rule}`);
		await dismissLicenseDialog(page);
		await page.getByTestId(`job-row-${webhookJob!.id}`).waitFor({ timeout: 20_000 });
		expect(await page.getByTestId(`job-row-${webhookJob!.id}`).getAttribute('data-status')).toBe('failed');
		await page.getByTestId(`run-row-${run!.id}`).click();

		const view = page.getByTestId('run-view');
		await view.getByTestId('run-record').waitFor({ timeout: 20_000 });
		await expect.poll(() => view.getByTestId('run-record').innerText()).toBe('Margot Lawn');
		expect(await view.getByTestId('run-record').getAttribute('href')).toBe(`/admin/content/leads/${lead}`);
		expect(await view.getByTestId('run-events').innerText()).toContain('Created');
		expect(await view.getByTestId('run-result').innerText()).toBe('Conditions matched: the actions were planned');

		const tag = view.getByTestId('action-outcome-0');
		const webhook = view.getByTestId('action-outcome-1');
		await expect.poll(() => webhook.getAttribute('data-status'), { timeout: 10_000 }).toBe('failed');
		expect(await tag.getAttribute('data-status')).toBe('succeeded');
		expect(await tag.getByTestId('action-outcome-status').innerText()).toBe('Done');
		expect(await webhook.getByTestId('action-outcome-status').innerText()).toBe('Failed');
		expect(await webhook.getByTestId('action-outcome-message').innerText()).toMatch(/400/);
		await shoot(page, '02-run-failed');

		healthy = true;
		const retry = webhook.getByTestId(`job-retry-${webhookJob!.id}`);
		expect(await retry.innerText()).toMatch(/Retry/);
		await retry.click();
		await expect.poll(() => webhook.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
		expect(await webhook.getByTestId('action-outcome-status').innerText()).toBe('Sent');
		const [, replayed] = await settledJobs(rule, lead, 2);
		expect(replayed).toMatchObject({ id: webhookJob!.id, status: 'succeeded' });
		expect(receiver.received('/contractor').length).toBe(2);
		await shoot(page, '03-run-retried');
		await page.close();
	});

	it('shows the usage report with its chart and date range', async () => {
		const page = await signIn(browser);
		await page.goto(`${base()}/admin/workflow-rules/usage`);
		await dismissLicenseDialog(page);
		const report = page.getByTestId('usage-report');
		await report.getByTestId(`usage-row-${rule}`).waitFor({ timeout: 20_000 });
		expect(await report.getByTestId('usage-chart').locator('rect').count()).toBeGreaterThan(0);
		expect(await report.getByTestId(`usage-row-${rule}`).innerText()).toMatch(/E2E module: tell the contractor/);
		await shoot(page, '04-usage');

		// A range before anything ran shows nothing for the rule.
		// Directus' v-input puts the test id on its <input> (or its wrapper, in other versions).
		const dateInput = (id: string) => report.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
		await dateInput('usage-to').fill('2020-01-31');
		await dateInput('usage-from').fill('2020-01-01');
		await report.getByText('Nothing ran in this period.').waitFor({ timeout: 10_000 });
		await page.close();
	});

	it('tells a role without access to rules so, instead of a broken page', async () => {
		const outsider = await studioUser('E2E no rules', []);
		try {
			const page = await signInAs(browser, outsider.email, outsider.password);
			await page.goto(`${base()}/admin/workflow-rules`);
			await dismissLicenseDialog(page);
			const notice = page.getByTestId('workflow-no-access');
			await notice.waitFor({ timeout: 20_000 });
			expect(await notice.innerText()).toMatch(/You do not have access to workflow rules/);
			expect(await page.getByTestId('workflow-rules-module').count()).toBe(0);
			await shoot(page, '05-no-access');
			await page.close();
		} finally {
			await outsider.remove();
		}
	});

	it('speaks French to a user whose language is fr-FR', async () => {
		const me = await data<{ id: string; language: string | null }>('GET', '/users/me?fields=id,language');
		await data('PATCH', '/users/me', { language: 'fr-FR' });
		try {
			const page = await signIn(browser);
			await page.goto(`${base()}/admin/workflow-rules`);
			await dismissLicenseDialog(page);
			await page.getByTestId(`rule-row-${rule}`).waitFor({ timeout: 20_000 });
			expect(await page.getByTestId('rule-group-leads').locator('h2').innerText()).toMatch(/^Règles sur /);
			expect(await page.getByTestId(`rule-status-${rule}`).getAttribute('aria-label')).toBe('Active : E2E module: tell the contractor');
			expect(await page.getByTestId(`rule-row-${rule}`).getByTestId('rule-last-run').innerText()).toMatch(/Dernière exécution/);

			const [run] = await runsOf(rule, lead);
			await page.goto(`${base()}/admin/workflow-rules/runs/${run!.id}`);
			await page.getByTestId('action-outcome-1').waitFor({ timeout: 20_000 });
			expect(await page.getByTestId('run-result').innerText()).toBe('Conditions remplies : les actions ont été planifiées');
			expect(await page.getByTestId('action-outcome-1').getByTestId('action-outcome-status').innerText()).toBe('Envoyé');
			await shoot(page, '06-run-fr');
			await page.close();
		} finally {
			await data('PATCH', '/users/me', { language: me.language });
		}
	});
});
