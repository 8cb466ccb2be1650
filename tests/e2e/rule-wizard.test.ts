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
	await dismissDialogs(page);
	await expect.poll(() => page.getByTestId('wizard-collection').inputValue(), { timeout: 30_000 }).toBe(collection);
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

describe('rule wizard', { timeout: 240_000 }, () => {
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

	it('builds a date-trigger rule, shows the API error at its field and step, and saves the expected JSON', async () => {
		const page = await signIn(browser);
		await openNewRule(page, 'appointments');
		const name = `Two hours before ${mark()}`;
		await page.getByTestId('wizard-name').fill(name);

		await step(page, 'when');
		await page.getByTestId('wizard-trigger-date').click();
		await page.getByTestId('wizard-date-field').selectOption('start_at');
		await page.getByTestId('wizard-date-direction').selectOption('before');
		await page.getByTestId('wizard-date-amount').fill('2');
		await page.getByTestId('wizard-date-unit').selectOption('hours');
		// A time of day the API refuses: its 400 shows at the field, the step is marked.
		await page.getByTestId('wizard-date-time').fill('25:00');
		await expect.poll(() => page.getByTestId('wizard-date-summary').innerText()).toMatch(/2 hours before/);
		await shoot(page, 'date-when');

		await step(page, 'actions');
		await page.getByTestId('action-add-tag').click();
		await addChip(page, 'action-tag-add', 'due-soon');
		await step(page, 'review');
		await page.getByTestId('wizard-save').click();

		await page.getByTestId('wizard-save-failed').waitFor({ timeout: 15_000 });
		await page.getByTestId('wizard-body-when').waitFor();
		expect(await page.getByTestId('wizard-step-when').getAttribute('class')).toContain('invalid');
		expect(await page.getByTestId('wizard-body-when').locator('.field-error').innerText()).toMatch(/time of day/i);
		await shoot(page, 'date-api-error');

		await page.getByTestId('wizard-date-time').fill('');
		const id = await saveRule(page);
		expect(await storedRule(id)).toMatchObject({
			name,
			collection: 'appointments',
			trigger: { type: 'date', field: 'start_at', offset: '-PT2H', recurrence: 'none' },
			conditions: null,
			execution: 'every_time',
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['due-soon'] } }],
		});
		expect((await storedRule(id))['trigger']).not.toHaveProperty('time');
		await page.close();
	});

	it('builds a from → to rule with Directus\' filter interface and saves the expected JSON', async () => {
		const page = await signIn(browser);
		await openNewRule(page, 'appointments');
		const name = `Scheduled to completed ${mark()}`;
		await page.getByTestId('wizard-name').fill(name);

		await step(page, 'when');
		await page.getByTestId('wizard-event-modified').click();
		await page.getByTestId('wizard-event-field-status').click();

		await step(page, 'which');
		await page.getByTestId('wizard-filter-some').click();
		await addStatusFilter(page, 'wizard-conditions', 'completed');
		await page.getByTestId('wizard-use-previous').click();
		await addStatusFilter(page, 'wizard-previous-conditions', 'scheduled');
		await page.getByTestId('wizard-execution-on_change').click();
		await shoot(page, 'from-to-which');

		await step(page, 'actions');
		await page.getByTestId('action-add-tag').click();
		await addChip(page, 'action-tag-add', 'done');
		await step(page, 'review');
		const id = await saveRule(page);

		const rule = await storedRule(id);
		expect(rule).toMatchObject({
			name,
			trigger: { type: 'event', events: ['modified'], fields: ['status'] },
			execution: 'on_change',
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['done'] } }],
		});
		expect(JSON.stringify(rule['conditions'])).toMatch(/"status":\{"_eq":"completed"\}/);
		expect(JSON.stringify(rule['previous_conditions'])).toMatch(/"status":\{"_eq":"scheduled"\}/);
		await page.close();
	});

	it('edits an existing rule in the same wizard and guards unsaved changes', async () => {
		const saved = await data<{ id: string }>('POST', '/items/workflow_rules', {
			name: `Edit me ${mark()}`,
			status: 'inactive',
			collection: 'appointments',
			trigger: { type: 'date', field: 'start_at', offset: '-P1D', recurrence: 'none' },
			conditions: null,
			execution: 'every_time',
			actions: [],
		});
		cleanup.push(`/items/workflow_rules/${saved.id}`);
		const page = await signIn(browser);
		await page.goto(`${inject('directusUrl')}/admin/workflow-rules/${saved.id}`);
		await page.getByTestId('rule-wizard').waitFor({ timeout: 30_000 });
		await dismissLicenseDialog(page);
		await expect.poll(() => page.getByTestId('wizard-name').inputValue()).toMatch(/^Edit me/);

		await step(page, 'when');
		expect(await page.getByTestId('wizard-date-field').inputValue()).toBe('start_at');
		expect(await page.getByTestId('wizard-date-amount').inputValue()).toBe('1');
		await page.getByTestId('wizard-date-amount').fill('3');

		// Leaving asks first; keeping on editing keeps the change.
		await page.getByTestId('wizard-cancel').click();
		await page.getByTestId('wizard-unsaved-dialog').waitFor();
		await shoot(page, 'unsaved-dialog');
		await page.getByTestId('wizard-keep-editing').click();
		await page.getByTestId('wizard-unsaved-dialog').waitFor({ state: 'hidden' });
		expect(await page.getByTestId('wizard-date-amount').inputValue()).toBe('3');

		await page.getByTestId('wizard-save').click();
		await eventually(() => storedRule(saved.id), (rule) => (rule['trigger'] as { offset?: string }).offset === '-P3D', 15_000, 'the PATCHed offset');
		expect(await storedRule(saved.id)).toMatchObject({ status: 'inactive', trigger: { type: 'date', field: 'start_at', offset: '-P3D', recurrence: 'none' } });

		// Saved: leaving does not ask.
		await page.getByTestId('wizard-cancel').click();
		await page.waitForURL(/\/admin\/workflow-rules$/, { timeout: 10_000 });
		await page.close();
	});

	it('is usable with the keyboard alone', async () => {
		const page = await signIn(browser);
		await openNewRule(page, 'appointments');
		const name = `Keyboard ${mark()}`;

		await tabTo(page, 'wizard-name');
		await page.keyboard.type(name);
		await tabTo(page, 'wizard-next');
		await page.keyboard.press('Enter');
		await page.getByTestId('wizard-body-when').waitFor();
		await tabTo(page, 'wizard-event-rescheduled');
		await page.keyboard.press('Space');
		await tabTo(page, 'wizard-step-actions');
		await page.keyboard.press('Enter');
		await tabTo(page, 'action-add-tag');
		await page.keyboard.press('Enter');
		await tabTo(page, 'action-tag-add-input');
		await page.keyboard.type('moved');
		await page.keyboard.press('Enter');
		await tabTo(page, 'wizard-step-review');
		await page.keyboard.press('Enter');
		await tabTo(page, 'wizard-status-inactive');
		await page.keyboard.press('Space');
		await shoot(page, 'keyboard-review');
		await tabTo(page, 'wizard-save');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/admin\/workflow-rules\/[0-9a-f-]{36}$/, { timeout: 20_000 });
		const id = page.url().split('/').pop()!;
		cleanup.push(`/items/workflow_rules/${id}`);

		expect(await storedRule(id)).toMatchObject({
			name,
			status: 'inactive',
			trigger: { type: 'event', events: ['rescheduled'] },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['moved'] } }],
		});
		await page.close();
	});

	it('speaks French to a user whose language is fr-FR', async () => {
		const me = await data<{ role: string }>('GET', '/users/me?fields=role');
		const email = `wizard-fr-${mark()}@example.com`;
		const password = `Fr-${mark()}-pass`;
		const user = await data<{ id: string }>('POST', '/users', { email, password, role: me.role, language: 'fr-FR', first_name: 'Amélie' });
		cleanup.push(`/users/${user.id}`);

		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${inject('directusUrl')}/admin/login`);
		await page.locator('input[type="email"]').fill(email);
		await page.locator('input[type="password"]').fill(password);
		await page.locator('button[type="submit"]').click();
		await page.waitForURL((url) => url.pathname.startsWith('/admin/') && !url.pathname.startsWith('/admin/login'), { timeout: 30_000 });
		await openNewRule(page, 'appointments');

		const steps = page.locator('nav.steps');
		for (const title of ['Informations de base', 'Quand', 'Quels enregistrements', 'Actions', 'Vérifier et enregistrer']) {
			await steps.getByText(title, { exact: true }).waitFor();
		}
		expect(await page.locator('label', { hasText: 'Nom de la règle' }).count()).toBe(1);
		await step(page, 'when');
		expect(await page.getByTestId('wizard-event-rescheduled').innerText()).toContain('Replanifié');
		expect(await page.getByTestId('wizard-body-when').innerText()).toContain('Ce qui déclenche la règle');
		await step(page, 'which');
		expect(await page.getByTestId('wizard-execution-on_change').innerText()).toContain('se met à remplir');
		await shoot(page, 'french-which');
		await page.close();
	});
});

/** Clears the studio's greeting dialogs (license, owner), whichever language they speak. */
async function dismissDialogs(page: Page): Promise<void> {
	await dismissLicenseDialog(page);
	const buttons = page.locator('#dialog-outlet button').filter({ hasText: /skip|remind|passer|ignorer|plus tard|rappeler/i });
	for (let i = 0; i < 3 && (await buttons.count()) > 0; i++) {
		await buttons.first().click().catch(() => undefined);
		await buttons.first().waitFor({ state: 'detached', timeout: 2000 }).catch(() => undefined);
	}
}

/** Presses Tab until the focus is in the element with that test id. */
async function tabTo(page: Page, testid: string, max = 200): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((id) => Boolean(document.activeElement?.closest(`[data-testid="${id}"]`)), testid)) return;
	}
	throw new Error(`Tab never reached ${testid}`);
}

/** Adds "Status equals <value>" with Directus' own filter interface inside the given wizard block. */
async function addStatusFilter(page: Page, testid: string, value: string): Promise<void> {
	const block = page.getByTestId(testid);
	await block.getByText(/add filter/i).first().click();
	await page.locator('.v-menu-content .v-list-item').filter({ hasText: /^\s*Status\s*$/ }).first().click();
	const input = block.locator('input[placeholder="--"]').first();
	if (await input.isVisible().catch(() => false)) {
		await input.fill(value);
	} else {
		// A field with choices: its value is one of Directus' inline selects.
		await block.locator('button.inline-display.placeholder').last().click();
		await page.locator('.v-menu-content .v-list-item').filter({ hasText: new RegExp(value, 'i') }).first().click();
	}
	// The filter interface emits after a short debounce.
	await expect.poll(async () => (await block.innerText()).toLowerCase()).toContain(value);
}
