/**
 * The demo data must be something a user could have entered: every appointment bookable under
 * SPEC §7 in the CRM's time zone, every reference pointing at a seeded item.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_BUSINESS_HOURS, DEMO_TIMEZONE, toMinutes, zonedParts } from './demo.js';

const NOWS = ['2026-11-23T01:00:00Z', '2025-03-09T12:00:00Z', '2025-11-02T05:30:00Z', '2024-02-29T23:00:00Z'];

describe.each(NOWS)('demo data built at %s', (now) => {
	const demo = buildDemoData(new Date(now));
	const services = new Map(demo.services.map((service) => [service['id'] as string, service]));

	it('is deterministic', () => {
		expect(buildDemoData(new Date(now))).toEqual(demo);
	});

	it('has unique ids', () => {
		const ids = Object.values(demo).filter(Array.isArray).flat().map((item) => (item as { id: string }).id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('books every appointment inside its service availability and business hours', () => {
		for (const appointment of demo.appointments) {
			const service = services.get(appointment['service'] as string)!;
			const start = new Date(appointment['start_at'] as string);
			const end = new Date(appointment['end_at'] as string);
			const from = zonedParts(start, DEMO_TIMEZONE);
			const to = zonedParts(end, DEMO_TIMEZONE);
			const minutes = (end.getTime() - start.getTime()) / 60_000;
			const hours = DEMO_BUSINESS_HOURS.find((day) => day.day === from.weekday);
			const label = `${appointment['title']} at ${appointment['start_at']}`;

			expect(service['status'], label).toBe('active');
			expect(hours, `${label}: business open`).toBeDefined();
			expect(service['available_days'], label).toContain(from.weekday);
			expect(to.ymd, label).toBe(from.ymd);
			expect(toMinutes(from.hhmm), label).toBeGreaterThanOrEqual(Math.max(toMinutes(hours!.open), toMinutes(service['available_from'] as string)));
			expect(toMinutes(to.hhmm), label).toBeLessThanOrEqual(Math.min(toMinutes(hours!.close), toMinutes(service['available_to'] as string)));
			expect(minutes, label).toBeGreaterThanOrEqual(service['duration_min'] as number);
			expect(minutes, label).toBeLessThanOrEqual(service['duration_max'] as number);

			const unavailableUntil = service['unavailable_until'] as string | null;
			if (unavailableUntil) expect(start.getTime(), label).toBeGreaterThanOrEqual(new Date(unavailableUntil).getTime());
		}
	});

	it('points every reference at a seeded item', () => {
		const ids = (items: Record<string, unknown>[]) => new Set(items.map((item) => item['id']));
		const contacts = ids(demo.contacts);
		const users = new Set(demo.users.map((user) => user.id));

		for (const appointment of demo.appointments) {
			expect(services.has(appointment['service'] as string)).toBe(true);
			expect(contacts.has(appointment['contact'])).toBe(true);
			expect(users.has(appointment['owner'] as string)).toBe(true);
		}

		for (const worksheet of demo.worksheets) expect(ids(demo.appointments).has(worksheet['appointment'])).toBe(true);
	});
});
