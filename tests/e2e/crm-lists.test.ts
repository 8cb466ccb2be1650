/** The CRM's lists as a back-office user opens them: chosen columns, newest first, bookmarks and calendars. */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { data } from '../support/api.js';
import { dismissLicenseDialog, launchBrowser, signIn } from '../support/browser.js';

interface Preset {
	id: number;
	collection: string;
	bookmark: string | null;
	layout: string;
	filter: Record<string, unknown> | null;
}
interface Appointment {
	title: string;
	start_at: string;
	end_at: string;
	status: string;
	service: { name: string } | null;
	contact: { last_name: string } | null;
}

const DAY = 86_400_000;

describe('CRM lists in the studio', () => {
	let browser: Browser;
	let page: Page;
	let base: string;
	let bookmarks: Map<string, Preset>;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await signIn(browser);
		base = page.url().split('/admin/')[0]!;
		await mkdir('test-results', { recursive: true });
		const presets = await data<Preset[]>('GET', '/presets?limit=-1&filter[user][_null]=true&filter[role][_null]=true&filter[bookmark][_nnull]=true&fields=id,collection,bookmark,layout,filter');
		bookmarks = new Map(presets.map((preset) => [preset.bookmark!, preset]));
	});

	afterAll(async () => {
		await browser?.close();
	});

	const open = async (route: string) => {
		await page.goto(`${base}/admin/content/${route}`);
		await dismissLicenseDialog(page);
	};

	it('the appointments list shows when, service, customer, owner and status, newest first', async () => {
		await open('appointments');
		const table = page.locator('table');
		await table.locator('tbody tr').first().waitFor({ timeout: 20_000 });
		await page.screenshot({ path: 'test-results/appointments-list.png' });

		const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
		expect(headers.slice(0, 5).map((header) => header.toLowerCase())).toEqual([
			expect.stringMatching(/start|when/),
			expect.stringMatching(/service/),
			expect.stringMatching(/contact|customer/),
			expect.stringMatching(/owner|assigned/),
			expect.stringMatching(/status/),
		]);

		const newest = await data<Appointment[]>('GET', '/items/appointments?sort=-start_at&limit=5&fields=start_at,service.name,contact.last_name');
		const rows = await table.locator('tbody tr').allInnerTexts();
		newest.forEach((appointment, index) => {
			expect(rows[index], `row ${index + 1}`).toContain(appointment.service!.name);
			expect(rows[index], `row ${index + 1}`).toContain(appointment.contact!.last_name);
		});
	});

	it('bookmarks for today, overdue visits, missed calls and both calendars are there for everyone', () => {
		expect([...bookmarks.keys()]).toEqual(expect.arrayContaining(["Today's appointments", 'Overdue', 'Missed calls this week', 'Appointments calendar', 'Calls calendar']));
		expect(bookmarks.get('Appointments calendar')).toMatchObject({ collection: 'appointments', layout: 'calendar' });
		expect(bookmarks.get('Calls calendar')).toMatchObject({ collection: 'calls', layout: 'calendar' });
	});

	it('"Overdue" lists the visits still open after their end, and only those', async () => {
		const filter = encodeURIComponent(JSON.stringify(bookmarks.get('Overdue')!.filter));
		const listed = await data<Appointment[]>('GET', `/items/appointments?limit=-1&fields=title,status,end_at&filter=${filter}`);
		const all = await data<Appointment[]>('GET', '/items/appointments?limit=-1&fields=title,status,end_at');
		const stillOpen = all.filter((a) => a.status === 'overdue' || (a.status === 'scheduled' && Date.parse(a.end_at) < Date.now()));
		expect(listed.map((a) => a.title).sort()).toEqual(stillOpen.map((a) => a.title).sort());
		expect(listed.length).toBeGreaterThan(0);

		await open(`appointments?bookmark=${bookmarks.get('Overdue')!.id}`);
		await page.locator('table tbody tr').first().waitFor({ timeout: 20_000 });
		await expect.poll(() => page.locator('table tbody tr').count(), { timeout: 10_000 }).toBe(Math.min(listed.length, 25));
		await page.screenshot({ path: 'test-results/appointments-overdue.png' });
	});

	it('"Missed calls this week" shows the missed calls of the last seven days only', async () => {
		const stamp = Date.now().toString(36);
		const subjects = { recent: `Missed recently ${stamp}`, old: `Missed long ago ${stamp}`, answered: `Answered yesterday ${stamp}` };
		const created = await data<{ id: string }[]>('POST', '/items/calls', [
			{ subject: subjects.recent, status: 'missed', direction: 'inbound', caller_type: 'unknown', start_at: new Date(Date.now() - 2 * DAY).toISOString() },
			{ subject: subjects.old, status: 'missed', direction: 'inbound', caller_type: 'unknown', start_at: new Date(Date.now() - 10 * DAY).toISOString() },
			{ subject: subjects.answered, status: 'completed', direction: 'inbound', caller_type: 'unknown', start_at: new Date(Date.now() - DAY).toISOString() },
		]);
		try {
			await open(`calls?bookmark=${bookmarks.get('Missed calls this week')!.id}`);
			await page.getByText(subjects.recent).waitFor({ timeout: 20_000 });
			await page.screenshot({ path: 'test-results/calls-missed-this-week.png' });
			expect(await page.getByText(subjects.old).count()).toBe(0);
			expect(await page.getByText(subjects.answered).count()).toBe(0);
		} finally {
			await data('DELETE', '/items/calls', created.map((call) => call.id));
		}
	});

	it('the appointments calendar shows this week’s appointments', async () => {
		const now = new Date();
		// The calendar's week starts on Monday, in the browser's time zone (the machine's, as Directus reads it).
		const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
		const nextMonday = new Date(monday.getTime() + 7 * DAY);
		const week = await data<Appointment[]>('GET', `/items/appointments?limit=-1&sort=start_at&fields=title,start_at&filter[start_at][_gte]=${monday.toISOString()}&filter[start_at][_lt]=${nextMonday.toISOString()}`);
		expect(week.length, 'the demo data has appointments this week').toBeGreaterThan(0);

		await open(`appointments?bookmark=${bookmarks.get('Appointments calendar')!.id}`);
		const calendar = page.locator('.fc');
		await calendar.locator('.fc-event').first().waitFor({ timeout: 20_000 });
		await page.screenshot({ path: 'test-results/appointments-calendar.png' });
		expect(await calendar.locator('.fc-timeGridWeek-view').count()).toBe(1);
		const shown = await calendar.locator('.fc-event').allInnerTexts();
		for (const appointment of week) expect(shown.join('\n'), appointment.title).toContain(appointment.title);
	});

	it('"Today\'s appointments" lists today’s visits', async () => {
		const now = new Date();
		const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
		const end = new Date(start.getTime() + DAY);
		const today = await data<Appointment[]>('GET', `/items/appointments?limit=-1&fields=title&filter[status][_neq]=cancelled&filter[start_at][_gte]=${start.toISOString()}&filter[start_at][_lt]=${end.toISOString()}`);
		const other = await data<Appointment[]>('GET', `/items/appointments?limit=1&fields=title&filter[start_at][_gte]=${new Date(end.getTime() + DAY).toISOString()}`);

		await open(`appointments?bookmark=${bookmarks.get("Today's appointments")!.id}`);
		const calendar = page.locator('.fc');
		await calendar.locator('.fc-listDay-view').waitFor({ timeout: 20_000 });
		await page.screenshot({ path: 'test-results/appointments-today.png' });
		if (today.length === 0) {
			await calendar.locator('.fc-list-empty').waitFor({ timeout: 10_000 });
		} else {
			await calendar.getByText(today[0]!.title).first().waitFor({ timeout: 20_000 });
			expect(await calendar.locator('.fc-list-event').count()).toBe(today.length);
		}
		if (other[0]) expect(await calendar.getByText(other[0].title).count()).toBe(0);
	});

	it('the Automation dashboard shows the rule wizard panel and the usage charts', async () => {
		const [dashboard] = await data<{ id: string }[]>('GET', '/dashboards?filter[name][_eq]=Automation&fields=id');
		expect(dashboard).toBeDefined();
		await page.goto(`${base}/admin/insights/${dashboard!.id}`);
		await dismissLicenseDialog(page);
		await page.getByTestId('workflow-rule-wizard').waitFor({ timeout: 20_000 });
		for (const title of ['Rule runs, last 24 hours', 'Failed actions, last 7 days', 'Rule runs per day', 'Actions run per day', 'Latest failed actions', 'Latest rule runs']) {
			await page.getByText(title, { exact: true }).first().waitFor({ timeout: 20_000 });
		}
		await page.screenshot({ path: 'test-results/automation-dashboard.png' });
	});
});
