/**
 * The rule wizard in a real Chromium against a real Directus: rules built through the UI alone save
 * to the JSON of SPEC §3, and the main scenario runs once saved ("appointment rescheduled →
 * tag `moved`, and email the contact 1 day before start_at").
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';
import { eventually } from '../support/rules.js';

const SHOTS = 'test-results/wizard';
const mark = () => randomBytes(4).toString('hex');
const iso = (value: string | number | Date) => new Date(value).toISOString();

let browser: Browser;
const cleanup: string[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
	await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
	await browser?.close();
	for (const path of cleanup.reverse()) await api('DELETE', path);
});

/** The wizard of the Workflow rules module, on a new rule of `collection`. */
async function openNewRule(page: Page, collection: string): Promise<void> {
	await page.goto(`${inject('directusUrl')}/admin/workflow-rules/new?collection=${collection}`);
	await page.getByTestId('rule-wizard').waitFor({ timeout: 30_000 });
	await dismissLicenseDialog(page);
	await expect.poll(() => page.getByTestId('wizard-collection').inputValue()).not.toBe('-1');
}

async function shoot(page: Page, step: string): Promise<void> {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await page.screenshot({ path: `${SHOTS}/${step}-${scheme}.png`, fullPage: true });
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

async function step(page: Page, id: 'details' | 'when' | 'which' | 'actions' | 'review'): Promise<void> {
	await page.getByTestId(`wizard-step-${id}`).click();
	await page.getByTestId(`wizard-body-${id}`).waitFor();
}

/** Picks an entry of one of Directus' v-select menus (the actions editor uses them). */
async function pickFromMenu(page: Page, testid: string, text: string): Promise<void> {
	await page.getByTestId(testid).click();
	await page.locator('.v-menu-content .v-list-item').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).first().click();
}

async function addChip(page: Page, testid: string, value: string): Promise<void> {
	const input = page.getByTestId(`${testid}-input`).first();
	await input.fill(value);
	await input.press('Enter');
}

/** Saves and returns the id of the saved rule: the module opens the rule's page. */
async function saveRule(page: Page): Promise<string> {
	await page.getByTestId('wizard-save').click();
	await page.waitForURL(/\/admin\/workflow-rules\/[0-9a-f-]{36}$/, { timeout: 20_000 });
	const id = page.url().split('/').pop()!;
	cleanup.push(`/items/workflow_rules/${id}`);
	return id;
}

async function storedRule(id: string): Promise<Record<string, unknown>> {
	const rule = await data<Record<string, unknown>>('GET', `/items/workflow_rules/${id}?fields=name,description,status,collection,trigger,conditions,previous_conditions,execution,actions`);
	for (const key of ['trigger', 'conditions', 'previous_conditions', 'actions']) if (typeof rule[key] === 'string') rule[key] = JSON.parse(rule[key] as string);
	return rule;
}

describe('rule wizard', () => {
	it('builds "rescheduled → tag moved, email the contact 1 day before start_at" through the UI, and the rule runs', async () => {
		const page = await signIn(browser);
		await openNewRule(page, 'appointments');
		const name = `Rescheduled ${mark()}`;

		await page.getByTestId('wizard-name').fill(name);
		await page.getByTestId('wizard-description').locator('textarea').fill('Tag moved appointments and remind the contact');
		await shoot(page, '1-details');

		await page.getByTestId('wizard-next').click();
		await page.getByTestId('wizard-event-rescheduled').click();
		await shoot(page, '2-when');

		await page.getByTestId('wizard-next').click();
		await page.getByTestId('wizard-body-which').waitFor();
		await shoot(page, '3-which');

		await page.getByTestId('wizard-next').click();
		await page.getByTestId('action-add-tag').click();
		await addChip(page, 'action-tag-add', 'moved');
		await page.getByTestId('action-add-email').click();
		await addChip(page, 'action-email-to', '{{ record.contact.email }}');
		await page.getByTestId('action-email-subject').fill('Your appointment moved');
		await page.getByTestId('action-email-body').locator('textarea').fill('<p>See you on {{ record.start_at }}</p>');
		await page.getByTestId('action-timing-1-relative_to_field').check();
		await pickFromMenu(page, 'action-timing-1-direction', 'before');
		await pickFromMenu(page, 'action-timing-1-field', 'start_at');
		await shoot(page, '4-actions');

		await page.getByTestId('wizard-next').click();
		await expect.poll(() => page.getByTestId('wizard-summary').innerText()).toContain('Rescheduled');
		await shoot(page, '5-review');
		const id = await saveRule(page);

		expect(await storedRule(id)).toEqual({
			name,
			description: 'Tag moved appointments and remind the contact',
			status: 'active',
			collection: 'appointments',
			trigger: { type: 'event', events: ['rescheduled'] },
			conditions: null,
			previous_conditions: null,
			execution: 'every_time',
			actions: [
				{ type: 'tag', timing: { type: 'instant' }, options: { add: ['moved'] } },
				{
					type: 'email',
					timing: { type: 'relative_to_field', field: 'start_at', offset: '-P1D' },
					options: { to: ['{{ record.contact.email }}'], subject: 'Your appointment moved', body: '<p>See you on {{ record.start_at }}</p>' },
				},
			],
		});

		// Reschedule over REST: the tag is added, the reminder is due 1 day before the new start.
		const contact = await data<{ id: string }>('POST', '/items/contacts', { first_name: 'Wizard', last_name: mark(), email: `wizard-${mark()}@example.com` });
		cleanup.push(`/items/contacts/${contact.id}`);
		const first = await slot('Haircut in salon', { nth: 3 });
		const moved = await slot('Haircut in salon', { nth: 5 });
		const appointment = await data<{ id: string }>('POST', '/items/appointments', { title: `Wizard ${mark()}`, contact: contact.id, status: 'scheduled', ...first });
		cleanup.push(`/items/appointments/${appointment.id}`);
		await data('PATCH', `/items/appointments/${appointment.id}`, { start_at: moved.start_at, end_at: moved.end_at });

		const tags = await eventually(
			async () => (await data<{ tags: string[] | null }>('GET', `/items/appointments/${appointment.id}?fields=tags`)).tags ?? [],
			(found) => found.includes('moved'),
			20_000,
			'the tag moved',
		);
		expect(tags).toContain('moved');
		const filter = encodeURIComponent(JSON.stringify({ rule: { _eq: id }, item: { _eq: String(appointment.id) }, action_type: { _eq: 'email' } }));
		const [job] = await eventually(
			() => data<{ due_at: string; status: string }[]>('GET', `/items/workflow_jobs?filter=${filter}&fields=due_at,status`),
			(jobs) => jobs.length === 1,
			20_000,
			'the reminder job',
		);
		expect(job!.status).toBe('pending');
		expect(iso(job!.due_at)).toBe(iso(Date.parse(moved.start_at) - 86_400_000));
		await page.close();
	});
});
