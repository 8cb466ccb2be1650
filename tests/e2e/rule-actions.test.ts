/**
 * The actions step of the rule wizard in a real Chromium: an invalid webhook URL is refused at its
 * field (client check, then the API's 400), "Test on a record" shows each condition with ✓/✗ and
 * the value seen, the Liquid preview renders a real record and points at a broken template's line,
 * and a saved rule opened and saved again keeps what the form may not show (a credential header)
 * or cannot state in one unit (offsets as written).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';
import { eventually } from '../support/rules.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SHOTS = 'test-results/actions';
const suffix = Date.now().toString(36);
const lastName = `Actions${suffix}`;

async function shoot(page: Page, step: string) {
	await mkdir(SHOTS, { recursive: true });
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await page.screenshot({ path: `${SHOTS}/${step}-${scheme}.png`, fullPage: true });
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

async function openStudio(browser: Browser, path: string): Promise<Page> {
	const page = await signIn(browser);
	await page.goto(`${page.url().split('/admin/')[0]}/admin/${path}`);
	await page.getByTestId('rule-wizard').waitFor({ timeout: 30_000 });
	await dismissLicenseDialog(page);
	return page;
}

// A busy machine makes signing in and opening the studio slow: room for three page loads per test.
describe('rule actions in the wizard', { timeout: 180_000 }, () => {
	let browser: Browser;
	let contact: { id: string | number };
	let rule: { id: string };

	beforeAll(async () => {
		browser = await launchBrowser();
		contact = await data('POST', '/items/contacts', { first_name: 'Zoe', last_name: lastName, city: 'Lyon' });
		rule = await data('POST', '/items/workflow_rules', {
			name: `Actions e2e ${suffix}`,
			status: 'inactive',
			collection: 'contacts',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { _and: [{ first_name: { _eq: 'Zoe' } }, { city: { _eq: 'Paris' } }] },
			execution: 'every_time',
			actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: ['owner'], subject: 'Hello {{ record.first_name }} {{ record.last_name }}', body: '<p>Hi</p>' } }],
		});
	});

	afterAll(async () => {
		await browser?.close();
		const leftovers = await data<{ id: string }[]>('GET', `/items/workflow_rules?filter[name][_contains]=${suffix}&fields=id`);
		for (const row of leftovers) await data('DELETE', `/items/workflow_rules/${row.id}`);
		if (contact) await data('DELETE', `/items/contacts/${contact.id}`);
	});

	it('shows an invalid webhook URL at its field: the client check, then the API 400', async () => {
		const page = await openStudio(browser, 'workflow-rules/new');
		const collection = page.getByTestId('wizard-collection');
		const value = await collection.evaluate((select: HTMLSelectElement) => Array.from(select.options).find((option) => /contacts/i.test(option.text))?.value);
		await collection.selectOption(value!);
		await page.getByTestId('wizard-name').fill(`Webhook e2e ${suffix}`);
		await page.getByTestId('wizard-step-when').click();
		await page.getByTestId('wizard-event-updated').click();
		await page.getByTestId('wizard-step-actions').click();

		await page.getByTestId('action-add-webhook').click();
		const card = page.getByTestId('action-card-0');
		await card.getByTestId('action-webhook-url').fill('not a url');
		const error = card.locator('[data-testid="action-error"][data-path="actions[0].options.url"]');
		await expect.poll(() => error.getAttribute('data-source')).toBe('client');
		expect(await error.innerText()).toContain('must be an absolute http(s) URL');
		await shoot(page, 'webhook-client-error');

		await page.getByTestId('wizard-save').click();
		await expect.poll(() => error.getAttribute('data-source'), { timeout: 15_000 }).toBe('api');
		expect(await error.innerText()).toContain('must be an absolute http(s) URL');
		await shoot(page, 'webhook-api-error');
		expect(await data('GET', `/items/workflow_rules?filter[name][_eq]=Webhook e2e ${suffix}`)).toEqual([]);

		// Fixing the field clears its message.
		await card.getByTestId('action-webhook-url').fill('https://contractor.example.com/hooks');
		await error.waitFor({ state: 'detached' });
		await page.close();
	});

	it('"Test on a record" shows ✓ on the passing condition and ✗ on the failing one', async () => {
		const page = await openStudio(browser, `workflow-rules/${rule.id}`);
		await page.getByTestId('wizard-step-review').click();
		const tester = page.getByTestId('test-on-record');
		await tester.getByTestId('test-record-search').fill(lastName);
		await tester.getByTestId('test-record-option').filter({ hasText: lastName }).first().click();
		await tester.getByTestId('test-run').click();
		const result = tester.getByTestId('test-result');
		await result.waitFor({ timeout: 15_000 });

		const passing = result.locator('[data-testid="trace-node"][data-kind="leaf"][data-path="first_name"]');
		const failing = result.locator('[data-testid="trace-node"][data-kind="leaf"][data-path="city"]');
		expect(await passing.getAttribute('data-result')).toBe('true');
		expect(await passing.innerText()).toContain('✓');
		expect(await failing.getAttribute('data-result')).toBe('false');
		expect(await failing.innerText()).toContain('✗');
		expect(await failing.getByTestId('trace-actual').innerText()).toBe('"Lyon"');
		expect(await result.getAttribute('data-verdict')).toBe('no_match');
		expect(await tester.getByTestId('test-action').first().getAttribute('data-would-run')).toBe('false');
		await shoot(page, 'test-on-record');
		// Nothing written: the rule never ran.
		expect(await data('GET', `/items/workflow_runs?filter[rule][_eq]=${rule.id}&fields=id`)).toEqual([]);
		await page.close();
	});

	it('previews Liquid with a real record and shows a broken template line', async () => {
		const page = await openStudio(browser, `workflow-rules/${rule.id}`);
		await page.getByTestId('wizard-step-actions').click();
		const preview = page.getByTestId('liquid-preview-0');
		await preview.locator('summary').click();
		await preview.getByTestId('liquid-preview-0-record-search').fill(lastName);
		await preview.getByTestId('liquid-preview-0-record-option').filter({ hasText: lastName }).first().click();

		const subject = preview.locator('[data-testid="liquid-preview-0-output"][data-key="subject"]');
		await expect.poll(() => subject.innerText(), { timeout: 15_000 }).toContain(`Hello Zoe ${lastName}`);
		await shoot(page, 'liquid-preview');

		await page.getByTestId('action-card-0').getByTestId('action-email-subject').fill('Hello\n{{ record.first_name ');
		const problem = subject.getByTestId('liquid-preview-error');
		await problem.waitFor({ timeout: 15_000 });
		expect(await problem.innerText()).toMatch(/Line \d+, column \d+/);
		await shoot(page, 'liquid-preview-error');
		await page.close();
	});

	it('saves an opened rule without rewriting its stored credential header or its offsets', async () => {
		const receiver = await startReceiver();
		const token = `tok-${randomBytes(8).toString('hex')}`;
		const keepName = `Keep${suffix}`;
		const keeper = await data<{ id: string | number }>('POST', '/items/contacts', { first_name: 'Kim', last_name: keepName, city: 'Lyon' });
		const kept = await data<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Keep secrets ${suffix}`,
			status: 'active',
			collection: 'contacts',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { last_name: { _eq: keepName } },
			execution: 'every_time',
			actions: [
				{ type: 'webhook', timing: { type: 'instant' }, options: { url: receiver.url('/keep'), method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Source': 'crm' } } },
				{ type: 'email', timing: { type: 'relative_to_field', field: 'subscription_date', offset: '-PT24H' }, options: { to: ['owner'], subject: 'Renewal', body: 'x' } },
				{ type: 'email', timing: { type: 'after_trigger', offset: 'P1DT12H' }, options: { to: ['owner'], subject: 'Follow up', body: 'x' } },
			],
		});
		try {
			const page = await openStudio(browser, `workflow-rules/${kept.id}`);
			await page.getByTestId('wizard-step-actions').click();
			const header = page.getByTestId('action-card-0').getByTestId('action-webhook-header-value').first();
			await header.waitFor({ timeout: 15_000 });
			await expect.poll(() => header.getAttribute('placeholder')).toMatch(/Stored value kept/);
			expect(await header.inputValue()).toBe('');
			expect(await header.getAttribute('type')).toBe('password');
			expect(await page.getByTestId('action-card-0').getByTestId('action-webhook-header-value').nth(1).inputValue()).toBe('crm');
			expect(await page.getByTestId('action-timing-1-amount').inputValue()).toBe('24');
			expect(await page.getByTestId('action-timing-2-raw').inputValue()).toBe('P1DT12H');
			await shoot(page, 'kept-secret-and-offsets');

			await page.getByTestId('wizard-step-details').click();
			await page.getByTestId('wizard-name').fill(`Keep secrets renamed ${suffix}`);
			await page.getByTestId('wizard-save').click();
			const stored = await eventually(
				() => data<{ name: string; actions: unknown }>('GET', `/items/workflow_rules/${kept.id}?fields=name,actions`),
				(rule) => rule.name.startsWith('Keep secrets renamed'),
				20_000,
				'the renamed rule',
			);
			const actions = (typeof stored.actions === 'string' ? JSON.parse(stored.actions) : stored.actions) as { timing: { offset?: string }; options: Record<string, unknown> }[];
			expect(actions[1]!.timing.offset).toBe('-PT24H');
			expect(actions[2]!.timing.offset).toBe('P1DT12H');
			await page.close();

			// The receiver gets the credential stored before the save, not the mask the studio was sent.
			await data('PATCH', `/items/contacts/${keeper.id}`, { city: 'Nice' });
			const [request] = await eventually(async () => receiver.received('/keep'), (requests) => requests.length > 0, 20_000, 'the webhook');
			expect(request!.headers['authorization']).toBe(`Bearer ${token}`);

			// Replacing it, key by key as a user types, keeps one hidden input and sends the new value.
			const again = await openStudio(browser, `workflow-rules/${kept.id}`);
			await again.getByTestId('wizard-step-actions').click();
			const value = again.getByTestId('action-card-0').getByTestId('action-webhook-header-value').first();
			await expect.poll(() => value.getAttribute('placeholder'), { timeout: 15_000 }).toMatch(/Stored value kept/);
			await value.click();
			await value.pressSequentially(`Bearer new-${token}`);
			expect(await value.inputValue()).toBe(`Bearer new-${token}`);
			expect(await value.getAttribute('type')).toBe('password');
			const before = (await data<{ date_updated: string | null }>('GET', `/items/workflow_rules/${kept.id}?fields=date_updated`)).date_updated;
			await again.getByTestId('wizard-save').click();
			await eventually(() => data<{ date_updated: string | null }>('GET', `/items/workflow_rules/${kept.id}?fields=date_updated`), (rule) => rule.date_updated !== before, 20_000, 'the save');
			await data('PATCH', `/items/contacts/${keeper.id}`, { city: 'Nantes' });
			await eventually(async () => receiver.received('/keep'), (requests) => requests.length > 1, 20_000, 'the second webhook');
			expect(receiver.received('/keep')[1]!.headers['authorization']).toBe(`Bearer new-${token}`);
			await again.close();
		} finally {
			await receiver.close();
			await data('DELETE', `/items/workflow_rules/${kept.id}`);
			await data('DELETE', `/items/contacts/${keeper.id}`);
		}
	});
});
