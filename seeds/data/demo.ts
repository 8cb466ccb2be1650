/**
 * Demo data set of the field-service CRM: a Boston-area home-services business with one service
 * manager and three field technicians. Everything is derived from `now` (dates spread over the three
 * past and three coming weeks) and from fixed tables, so the output is deterministic for a given
 * `now`. Every appointment is bookable under the rules of SPEC §7 (service active and available,
 * available day/hours/date range, business hours, duration bounds), all computed in DEMO_TIMEZONE.
 */
import { seedId } from '../ids.js';
import { addDaysYmd, zonedParts as coreZonedParts, zonedTimeToUtc as coreZonedTimeToUtc } from '../../extensions/workflow-rules/src/core/timing/zoned-time.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface DemoUser {
	id: string;
	first_name: string;
	last_name: string;
	email: string;
	title: string;
	kind: 'manager' | 'technician';
}

export interface DemoData {
	users: DemoUser[];
	services: Record<string, unknown>[];
	accounts: Record<string, unknown>[];
	contacts: Record<string, unknown>[];
	leads: Record<string, unknown>[];
	deals: Record<string, unknown>[];
	appointments: Record<string, unknown>[];
	calls: Record<string, unknown>[];
	tasks: Record<string, unknown>[];
	worksheets: Record<string, unknown>[];
	settings: {
		timezone: string;
		business_hours: { day: Weekday; open: string; close: string }[];
		worksheets_enabled: boolean;
	};
}

export const DEMO_TIMEZONE = 'America/New_York';

export const DEMO_BUSINESS_HOURS: { day: Weekday; open: string; close: string }[] = [
	{ day: 'mon', open: '08:00', close: '18:00' },
	{ day: 'tue', open: '08:00', close: '18:00' },
	{ day: 'wed', open: '08:00', close: '18:00' },
	{ day: 'thu', open: '08:00', close: '18:00' },
	{ day: 'fri', open: '08:00', close: '18:00' },
	{ day: 'sat', open: '09:00', close: '14:00' },
];

// ---------------------------------------------------------------------------------------------
// Time-zone and date helpers: the engine's own (DST-aware through Intl), with the demo zone
// ---------------------------------------------------------------------------------------------

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(date: Date, tz: string = DEMO_TIMEZONE): { ymd: string; hhmm: string; weekday: Weekday } {
	const { ymd, hhmm, weekday } = coreZonedParts(date, tz);
	return { ymd, hhmm, weekday };
}

/** The UTC instant of a local wall time ('YYYY-MM-DD', 'HH:MM') in `tz`, DST-aware. */
export function zonedTimeToUtc(dateYmd: string, hhmm: string, tz: string = DEMO_TIMEZONE): Date {
	return coreZonedTimeToUtc(dateYmd, hhmm, tz);
}

export const addDays = addDaysYmd;

export function weekdayOf(ymd: string): Weekday {
	return coreZonedParts(zonedTimeToUtc(ymd, '12:00', 'UTC'), 'UTC').weekday;
}

/** 'HH:MM' or 'HH:MM:SS' → minutes after midnight. */
export function toMinutes(time: string): number {
	const [h, m] = time.split(':').map(Number) as [number, number];
	return h * 60 + m;
}

function hhmm(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function iso(date: Date): string {
	return date.toISOString().replace('.000Z', 'Z');
}

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): (n: number) => number {
	let a = seed >>> 0;
	return (n: number) => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
	};
}

// ---------------------------------------------------------------------------------------------
// Fixed tables
// ---------------------------------------------------------------------------------------------

const USERS: DemoUser[] = [
	['maria', 'Lopez', 'Service manager', 'manager'],
	['daniel', 'Okafor', 'HVAC & appliance technician', 'technician'],
	['priya', 'Shah', 'Mobile stylist & pet groomer', 'technician'],
	['tom', 'Brennan', 'Grounds & cleaning technician', 'technician'],
].map(([first, last, title, kind]) => ({
	id: seedId(`user:${first}.${last!.toLowerCase()}`),
	first_name: first!.charAt(0).toUpperCase() + first!.slice(1),
	last_name: last!,
	email: `${first}.${last!.toLowerCase()}@fieldservice.example.com`,
	title: title!,
	kind: kind as DemoUser['kind'],
}));
const [MANAGER, DANIEL, PRIYA, TOM] = USERS.map((u) => u.id) as [string, string, string, string];
const OWNERS = [MANAGER, DANIEL, PRIYA, TOM];

type ServiceRow = {
	id: string; name: string; status: 'active' | 'unused'; owner: string; members: { directus_users_id: string }[];
	duration_min: number; duration_max: number; location: 'business' | 'customer' | 'both';
	available_days: Weekday[]; available_from: string; available_to: string;
	available_start_date: string | null; available_end_date: string | null; unavailable_until: string | null;
	price: number; tax_rate: number; worksheet_required: boolean; description: string; tags: string[];
};

interface ServiceDef {
	slug: string; name: string; members: string[]; min: number; max: number; location: ServiceRow['location'];
	days: Weekday[]; from: string; to: string; price: number; tax: number; worksheet: boolean;
	description: string; tags: string[]; status?: 'unused';
	/** Date range relative to today (days); end null = open-ended. */
	range?: [number, number | null];
	/** Temporarily unavailable until this many days after today, 18:00 local. */
	unavailableDays?: number;
}

const MON_FRI: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const MON_SAT: Weekday[] = [...MON_FRI, 'sat'];
const TUE_SAT: Weekday[] = ['tue', 'wed', 'thu', 'fri', 'sat'];

const SERVICE_DEFS: ServiceDef[] = [
	{ slug: 'lawn-care', name: 'Lawn care', members: [TOM, DANIEL], min: 45, max: 120, location: 'customer', days: MON_SAT,
		from: '08:00', to: '17:00', price: 65, tax: 0, worksheet: false, range: [-75, 150],
		description: '<p>Mowing, edging, trimming and clipping removal for residential lawns.</p>', tags: ['outdoor', 'seasonal'] },
	{ slug: 'haircut-at-home', name: 'Haircut at home', members: [PRIYA], min: 30, max: 60, location: 'customer', days: TUE_SAT,
		from: '09:00', to: '17:00', price: 75, tax: 0, worksheet: false,
		description: '<p>Wash, cut and style by our mobile stylist, in your home.</p>', tags: ['salon', 'mobile'] },
	{ slug: 'haircut-in-salon', name: 'Haircut in salon', members: [PRIYA], min: 30, max: 45, location: 'business', days: MON_SAT,
		from: '09:00', to: '18:00', price: 45, tax: 0, worksheet: false,
		description: '<p>Wash, cut and style at our Somerville salon.</p>', tags: ['salon'] },
	{ slug: 'home-deep-cleaning', name: 'Home deep cleaning', members: [TOM, PRIYA], min: 180, max: 300, location: 'customer',
		days: MON_FRI, from: '08:00', to: '17:00', price: 320, tax: 0, worksheet: false,
		description: '<p>Top-to-bottom cleaning: kitchen degreasing, bathrooms, baseboards, inside windows.</p>', tags: ['cleaning'] },
	{ slug: 'appliance-repair', name: 'Appliance repair', members: [DANIEL], min: 60, max: 180, location: 'customer', days: MON_FRI,
		from: '08:00', to: '17:00', price: 129, tax: 6.25, worksheet: true,
		description: '<p>Diagnosis and repair of washers, dryers, dishwashers, ovens and refrigerators. Parts billed separately.</p>',
		tags: ['repair'] },
	{ slug: 'hvac-maintenance', name: 'HVAC maintenance', members: [DANIEL, TOM], min: 60, max: 120, location: 'customer', days: MON_SAT,
		from: '08:00', to: '16:00', price: 189, tax: 6.25, worksheet: true,
		description: '<p>Seasonal tune-up of furnace, heat pump or central AC: filters, coils, refrigerant check, safety test.</p>',
		tags: ['repair', 'hvac'] },
	{ slug: 'plumbing-inspection', name: 'Plumbing inspection', members: [DANIEL], min: 45, max: 90, location: 'customer', days: MON_FRI,
		from: '09:00', to: '17:00', price: 149, tax: 0, worksheet: true,
		description: '<p>Leak detection, water heater and shut-off valve check, camera inspection of the main drain.</p>',
		tags: ['repair', 'plumbing'] },
	{ slug: 'window-cleaning', name: 'Window cleaning', members: [TOM], min: 90, max: 180, location: 'customer', days: TUE_SAT,
		from: '09:00', to: '16:00', price: 220, tax: 0, worksheet: false, unavailableDays: 3,
		description: '<p>Inside and outside window cleaning, screens and sills. Paused while the ladder truck is serviced.</p>',
		tags: ['cleaning', 'outdoor'] },
	{ slug: 'pest-control', name: 'Pest control', members: [TOM, DANIEL], min: 45, max: 90, location: 'customer', days: MON_FRI,
		from: '08:00', to: '17:00', price: 159, tax: 0, worksheet: false, range: [-45, 14],
		description: '<p>Spring treatment campaign: inspection and treatment for ants, mice and wasps.</p>', tags: ['outdoor', 'campaign'] },
	{ slug: 'pet-grooming', name: 'Pet grooming', members: [PRIYA], min: 60, max: 120, location: 'both', days: MON_SAT,
		from: '09:00', to: '17:00', price: 85, tax: 0, worksheet: false,
		description: '<p>Bath, brush, nail trim and haircut for dogs and cats, at our salon or in our grooming van.</p>',
		tags: ['pets', 'mobile'] },
	{ slug: 'snow-removal', name: 'Snow removal', members: [TOM], min: 30, max: 90, location: 'customer', days: MON_SAT,
		from: '06:00', to: '18:00', price: 90, tax: 0, worksheet: false, status: 'unused',
		description: '<p>Driveway and walkway plowing and salting. Retired from the catalogue this season.</p>', tags: ['outdoor', 'seasonal'] },
];

// [name, city, address]
const ACCOUNTS: [string, string, string][] = [
	['Beacon Hill Dental Group', 'Boston', '48 Charles St'],
	['Harborview Condominium Trust', 'Boston', '300 Atlantic Ave'],
	['Davis Square Bakery', 'Somerville', '12 Elm St'],
	['Coolidge Corner Yoga', 'Brookline', '1310 Beacon St'],
	['Newton Centre Pediatrics', 'Newton', '75 Union St'],
	['Quincy Bay Marina', 'Quincy', '1 Marina Dr'],
	['Back Bay Property Management', 'Boston', '221 Newbury St'],
	['Kendall Square Co-working', 'Cambridge', '245 Main St'],
	['Porter Square Veterinary Clinic', 'Cambridge', '1960 Massachusetts Ave'],
	['Jamaica Plain Food Co-op', 'Boston', '650 Centre St'],
	['Fenway Fitness Studio', 'Boston', '1270 Boylston St'],
	['Walsh Household', 'Brookline', '87 Fuller St'],
	['Nguyen Household', 'Quincy', '42 Hancock St'],
	['Medford Senior Living', 'Medford', '101 Riverside Ave'],
	['Arlington Family Dental', 'Arlington', '1400 Massachusetts Ave'],
	['Waltham Tech Park Facilities', 'Waltham', '1000 Winter St'],
	['Patel Household', 'Newton', '19 Walnut St'],
	['Union Square Coffee Roasters', 'Somerville', '14 Bow St'],
	['South End Loft Association', 'Boston', '560 Harrison Ave'],
	['Chestnut Hill Tennis Club', 'Newton', '200 Hammond Pond Pkwy'],
	['Russo Household', 'Boston', '33 Prince St'],
	['Watertown Montessori School', 'Watertown', '70 Mount Auburn St'],
];
const ACCOUNT_TAGS = [['dental', 'commercial'], ['condo', 'contract'], ['restaurant'], ['studio'], ['medical'], ['marina'],
	['property-manager', 'contract'], ['office'], ['veterinary'], ['retail'], ['gym'], ['residential'], ['residential'],
	['senior-living', 'contract'], ['dental'], ['office', 'contract'], ['residential', 'vip'], ['restaurant'], ['condo'],
	['club'], ['residential'], ['school']];

// [first, last, city, address, account index, subscription offset (days from today)]
const CONTACTS: [string, string, string, string, number, number][] = [
	['Emily', 'Carter', 'Boston', '112 Marlborough St', 0, -300],
	['James', 'Sullivan', 'Boston', '300 Atlantic Ave, Unit 8B', 1, -180],
	['Sofia', 'Rossi', 'Somerville', '12 Elm St', 2, 2],
	['Michael', 'Chen', 'Brookline', '41 Browne St', 3, -40],
	['Aisha', 'Rahman', 'Newton', '28 Chase St', 4, 5],
	['Robert', 'Murphy', 'Quincy', '15 Beach St', 5, -12],
	['Laura', 'Bennett', 'Boston', '221 Newbury St', 6, 1],
	['Kevin', 'Park', 'Cambridge', '88 Pearl St', 7, 35],
	['Hannah', 'Schultz', 'Cambridge', '16 Oxford St', 8, -3],
	['Marcus', 'Johnson', 'Boston', '14 Green St', 9, 3],
	['Olivia', 'Grant', 'Boston', '75 Peterborough St', 10, 60],
	['Patrick', 'Walsh', 'Brookline', '87 Fuller St', 11, 6],
	['Linh', 'Nguyen', 'Quincy', '42 Hancock St', 12, -90],
	['Dorothy', 'Greene', 'Medford', '101 Riverside Ave', 13, 12],
	['Samuel', 'Adler', 'Arlington', '9 Jason St', 14, 90],
	['Rachel', 'Kim', 'Waltham', '57 Moody St', 15, -25],
	['Arjun', 'Patel', 'Newton', '19 Walnut St', 16, 4],
	['Nina', 'Alvarez', 'Somerville', '30 Prospect St', 17, 150],
	['Ethan', 'Brooks', 'Boston', '560 Harrison Ave, Loft 4', 18, 20],
	['Grace', 'Liu', 'Newton', '11 Hammond St', 19, -150],
	['Anthony', 'Russo', 'Boston', '33 Prince St', 20, 7],
	['Claire', 'Dubois', 'Watertown', '70 Mount Auburn St', 21, 200],
	['Megan', 'Walsh', 'Brookline', '87 Fuller St', 11, 45],
	['David', 'Cohen', 'Boston', '300 Atlantic Ave, Unit 12C', 1, 8],
];

// [name, city, priority, status, score, tags]
type LeadDef = [string, string, 'low' | 'normal' | 'high', 'new' | 'contacted' | 'qualified' | 'lost', number, string[]];
const LEADS: LeadDef[] = [
	['Benjamin Foster', 'Boston', 'high', 'new', 82, ['web-form', 'hvac']],
	['Chloe Martin', 'Cambridge', 'normal', 'contacted', 55, ['referral']],
	['Diego Hernandez', 'Somerville', 'normal', 'qualified', 71, ['lawn-care']],
	['Fatima Yusuf', 'Brookline', 'low', 'new', 20, ['newsletter']],
	['George Whitman', 'Newton', 'high', 'qualified', 90, ['appliance-repair', 'referral']],
	['Isabella Costa', 'Quincy', 'normal', 'new', 40, ['web-form']],
	['Jack Donovan', 'Boston', 'low', 'lost', 10, ['price-shopper']],
	['Keiko Tanaka', 'Cambridge', 'normal', 'contacted', 63, ['salon']],
	['Liam Fitzgerald', 'Medford', 'high', 'contacted', 77, ['cleaning', 'web-form']],
	['Maya Goldberg', 'Newton', 'normal', 'qualified', 68, ['pet-grooming']],
	['Noah Williams', 'Boston', 'low', 'new', 25, ['trade-show']],
	['Paula Mendes', 'Somerville', 'normal', 'lost', 30, ['plumbing']],
	['Quinn Harper', 'Arlington', 'high', 'new', 85, ['hvac', 'commercial']],
	['Rosa Delgado', 'Boston', 'normal', 'contacted', 58, ['cleaning']],
	['Sean McCarthy', 'Quincy', 'low', 'new', 15, ['web-form']],
	['Tara Singh', 'Waltham', 'normal', 'qualified', 74, ['commercial', 'contract']],
	['Victor Popescu', 'Watertown', 'normal', 'new', 45, ['pest-control']],
	['Wendy Zhao', 'Brookline', 'high', 'qualified', 88, ['salon', 'vip']],
	['Yusuf Demir', 'Cambridge', 'low', 'contacted', 35, ['window-cleaning']],
	['Zoe Bennett', 'Boston', 'normal', 'new', 50, ['referral']],
];

// [name, stage, amount, contact index, owner, tags]
type DealDef = [string, 'qualification' | 'proposal' | 'negotiation' | 'closed_won' | 'closed_lost', number, number, string, string[]];
const DEALS: DealDef[] = [
	['Harborview – annual HVAC maintenance contract', 'negotiation', 14800, 1, DANIEL, ['contract', 'hvac']],
	['Beacon Hill Dental – quarterly deep cleaning', 'proposal', 3840, 0, MANAGER, ['cleaning']],
	['Medford Senior Living – pest control program', 'closed_won', 5200, 13, TOM, ['contract', 'pest-control']],
	['Back Bay Property Mgmt – 12 units appliance check', 'qualification', 6900, 6, DANIEL, ['repair']],
	['Walsh – lawn care season package', 'closed_won', 1560, 11, TOM, ['lawn-care', 'residential']],
	['Waltham Tech Park – window cleaning', 'closed_lost', 9400, 15, TOM, ['cleaning', 'commercial']],
	['Coolidge Corner Yoga – monthly cleaning', 'proposal', 2400, 3, MANAGER, ['cleaning']],
	['Patel – salon at home family plan', 'negotiation', 900, 16, PRIYA, ['salon', 'vip']],
	['Watertown Montessori – plumbing inspection', 'qualification', 1190, 21, DANIEL, ['plumbing']],
	['Porter Square Vet – grooming partnership', 'closed_won', 4300, 8, PRIYA, ['pets', 'partnership']],
];

const CANCELLATION_REASONS = [
	'Customer asked to reschedule (family emergency).',
	'Heavy rain forecast; visit postponed.',
	'Customer found another provider.',
	'No access to the property at the booked time.',
	'Duplicate booking made through the website.',
];

const WORKSHEET_EQUIPMENT: Record<string, [string, string, string][]> = {
	'appliance-repair': [
		['WF45-DRY-220', 'Replaced dryer drum belt and idler pulley', 'Drum belt, idler pulley'],
		['DW-5410-SS', 'Cleared drain pump blockage, replaced inlet valve', 'Water inlet valve'],
		['RF-2600-FD', 'Defrost heater failed; replaced and tested cooling cycle', 'Defrost heater, thermostat'],
	],
	'hvac-maintenance': [
		['GF-96-80K', 'Furnace tune-up: cleaned burners and flame sensor, replaced filter', 'MERV 11 filter 16x25x1'],
		['HP-3T-18SEER', 'Heat pump service: coils cleaned, refrigerant within spec', 'None'],
		['AC-2.5T-14', 'Condenser coil cleaned, capacitor weak and replaced', 'Run capacitor 45/5 µF'],
	],
	'plumbing-inspection': [
		['WH-50G-NG', 'Water heater anode 70% consumed; flushed tank, advised replacement within a year', 'None'],
		['MSV-3/4', 'Main shut-off valve seized; lubricated, recommend replacement', 'None'],
		['SP-1/3HP', 'Sump pump tested OK; camera inspection of main drain shows minor root intrusion', 'None'],
	],
};

const CALL_PURPOSES = ['Prospecting', 'Follow-up', 'Support', 'Negotiation', 'Scheduling', 'Feedback'];
const CALL_RESULTS = [
	'Interested, sending a quote by email.', 'Confirmed next visit.', 'Issue resolved over the phone.',
	'Asked for a call back next month.', 'Agreed on revised pricing.', 'Left satisfied, will refer a neighbour.',
];

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

export function buildDemoData(now: Date): DemoData {
	const rand = prng(20250611);
	const today = zonedParts(now).ymd;
	const nowMs = now.getTime();
	const hours = new Map(DEMO_BUSINESS_HOURS.map((h) => [h.day, h]));
	const emailDomains = ['example.com', 'example.org', 'example.net'];
	const phone = (n: number) => `(617) 555-${String(100 + (n % 100)).padStart(4, '0')}`;

	// Services ----------------------------------------------------------------------------------
	const services: ServiceRow[] = SERVICE_DEFS.map((s) => ({
		id: seedId(`service:${s.slug}`),
		name: s.name,
		status: s.status ?? 'active',
		owner: MANAGER,
		members: s.members.map((id) => ({ directus_users_id: id })),
		duration_min: s.min,
		duration_max: s.max,
		location: s.location,
		available_days: s.days,
		available_from: `${s.from}:00`,
		available_to: `${s.to}:00`,
		available_start_date: s.range ? addDays(today, s.range[0]) : addDays(today, -365),
		available_end_date: s.range && s.range[1] !== null ? addDays(today, s.range[1]) : null,
		unavailable_until: s.unavailableDays ? iso(zonedTimeToUtc(addDays(today, s.unavailableDays), '18:00')) : null,
		price: s.price,
		tax_rate: s.tax,
		worksheet_required: s.worksheet,
		description: s.description,
		tags: s.tags,
	}));
	const slugOf = new Map(SERVICE_DEFS.map((s) => [seedId(`service:${s.slug}`), s.slug]));

	// Accounts, contacts, leads, deals ------------------------------------------------------------
	const accounts = ACCOUNTS.map(([name, city, address], i) => ({
		id: seedId(`account:${i + 1}`), name, city, address, owner: OWNERS[i % 4]!, tags: ACCOUNT_TAGS[i] ?? [],
	}));
	const contacts = CONTACTS.map(([first, last, city, address, acc, sub], i) => ({
		id: seedId(`contact:${i + 1}`),
		first_name: first,
		last_name: last,
		email: `${first.toLowerCase()}.${last.toLowerCase()}@${emailDomains[i % 3]}`,
		phone: phone(i),
		city,
		address,
		owner: OWNERS[(i + 1) % 4]!,
		account: accounts[acc]!.id,
		subscription_date: addDays(today, sub),
		tags: sub >= 0 && sub <= 7 ? ['customer', 'renewal-due'] : ['customer'],
	}));
	const leads = LEADS.map(([name, city, priority, status, score, tags], i) => ({
		id: seedId(`lead:${i + 1}`),
		name,
		email: `${name.toLowerCase().replace(' ', '.')}@${emailDomains[(i + 1) % 3]}`,
		phone: phone(40 + i),
		city,
		owner: OWNERS[i % 4]!,
		priority,
		status,
		score,
		tags,
	}));
	const deals = DEALS.map(([name, stage, amount, contact, owner, tags], i) => ({
		id: seedId(`deal:${i + 1}`),
		name,
		stage,
		amount,
		contact: contacts[contact]!.id,
		account: contacts[contact]!.account,
		owner,
		tags,
	}));

	// Appointments ---------------------------------------------------------------------------------
	const busy = new Map<string, [number, number][]>(); // `${user}|${ymd}` → local minute intervals
	const isFree = (users: string[], ymd: string, from: number, to: number) =>
		users.every((u) => (busy.get(`${u}|${ymd}`) ?? []).every(([a, b]) => to + 30 <= a || from >= b + 30));
	// Rotation of active services; appliance repair, the core of the business, comes up twice.
	const active = services.filter((s) => s.status === 'active');
	const bookable = [...active, active.find((s) => s.name === 'Appliance repair')!];
	type Draft = { service: ServiceRow; contact: (typeof contacts)[number]; owner: string; members: string[];
		start: Date; end: Date; location: 'business' | 'customer' };
	const drafts: Draft[] = [];
	let rotation = 0;

	for (let offset = -21; offset <= 21; offset++) {
		const ymd = addDays(today, offset);
		const day = weekdayOf(ymd);
		const bh = hours.get(day);
		if (!bh) continue; // closed (Sunday)
		const perDay = offset % 3 === 0 ? 2 : 1;
		for (let k = 0; k < perDay; k++) {
			for (let attempt = 0; attempt < bookable.length; attempt++) {
				const service = bookable[(rotation + attempt) % bookable.length]!;
				if (!service.available_days.includes(day)) continue;
				if (service.available_start_date && ymd < service.available_start_date) continue;
				if (service.available_end_date && ymd > service.available_end_date) continue;
				const open = Math.max(toMinutes(bh.open), toMinutes(service.available_from));
				const close = Math.min(toMinutes(bh.close), toMinutes(service.available_to));
				if (close - open < service.duration_min) continue;
				const steps = Math.floor((Math.min(service.duration_max, close - open) - service.duration_min) / 15);
				const duration = service.duration_min + 15 * rand(steps + 1);
				const memberIds = service.members.map((m) => m.directus_users_id);
				const owner = memberIds[(rotation + k) % memberIds.length]!;
				const crew = service.duration_min >= 180 ? memberIds : [owner];
				const slots = Math.floor((close - open - duration) / 30) + 1;
				const first = rand(slots);
				let chosen: number | null = null;
				for (let s = 0; s < slots && chosen === null; s++) {
					const from = open + 30 * ((first + s) % slots);
					const start = zonedTimeToUtc(ymd, hhmm(from));
					if (service.unavailable_until && start.getTime() < Date.parse(service.unavailable_until)) continue;
					if (isFree(crew, ymd, from, from + duration)) chosen = from;
				}
				if (chosen === null) continue;
				for (const u of crew) busy.set(`${u}|${ymd}`, [...(busy.get(`${u}|${ymd}`) ?? []), [chosen, chosen + duration]]);
				const location = service.location === 'both' ? (rand(2) ? 'customer' : 'business') : service.location;
				drafts.push({
					service, owner, members: crew, location,
					contact: contacts[rand(contacts.length)]!,
					start: zonedTimeToUtc(ymd, hhmm(chosen)),
					end: zonedTimeToUtc(ymd, hhmm(chosen + duration)),
				});
				rotation += 1;
				break;
			}
		}
	}

	// Statuses: the two most recent past visits were never closed (overdue); every 6th past visit and
	// the 3rd and 8th future ones were cancelled; the rest of the past is completed.
	const past = drafts.filter((d) => d.end.getTime() <= nowMs);
	const future = drafts.filter((d) => d.end.getTime() > nowMs);
	const status = new Map<Draft, 'scheduled' | 'overdue' | 'completed' | 'cancelled'>();
	past.forEach((d, i) => status.set(d, i >= past.length - 2 ? 'overdue' : i % 6 === 4 ? 'cancelled' : 'completed'));
	future.forEach((d, i) => status.set(d, i === 2 || i === 7 ? 'cancelled' : 'scheduled'));
	const qualifiedLeads = leads.filter((l) => l.status === 'qualified');
	let cancelled = 0;
	let withLead = 0;

	const appointments = drafts.map((d, i) => {
		const st = status.get(d)!;
		const lead = st === 'scheduled' && withLead < 2 && i % 2 === 0 ? qualifiedLeads[withLead++]!.id : null;
		return {
			id: seedId(`appointment:${i + 1}`),
			title: `${d.service.name} – ${d.contact.first_name} ${d.contact.last_name}`,
			service: d.service.id,
			contact: d.contact.id,
			account: d.contact.account,
			lead,
			owner: d.owner,
			members: d.members.map((id) => ({ directus_users_id: id })),
			start_at: iso(d.start),
			end_at: iso(d.end),
			status: st,
			location: d.location,
			address: d.location === 'customer' ? `${d.contact.address}, ${d.contact.city}, MA` : null,
			cancellation_reason: st === 'cancelled' ? CANCELLATION_REASONS[cancelled++ % CANCELLATION_REASONS.length]! : null,
			tags: [...d.service.tags.slice(0, 1), ...(lead ? ['estimate'] : []), ...(st === 'overdue' ? ['needs-follow-up'] : [])],
		};
	});

	// Worksheets: one for every completed visit of a worksheet-required service --------------------
	const worksheets = appointments
		.filter((a) => a.status === 'completed' && services.find((s) => s.id === a.service)!.worksheet_required)
		.map((a, i) => {
			const table = WORKSHEET_EQUIPMENT[slugOf.get(a.service)!]!;
			const [model, notes, parts] = table[i % table.length]!;
			return {
				id: seedId(`worksheet:${i + 1}`),
				appointment: a.id,
				model_number: model,
				serial_number: `SN${String(830_000 + i * 7919).padStart(8, '0')}`,
				warranty_expiry: addDays(today, [-200, 120, 410, -30, 700][i % 5]!),
				spare_parts: parts,
				notes,
			};
		});

	// Calls ----------------------------------------------------------------------------------------
	const callerTypes = ['contacts', 'leads', 'contacts', 'accounts', 'leads', 'unknown'] as const;
	const pastStatuses = ['completed', 'completed', 'missed', 'completed', 'cancelled', 'completed', 'missed'] as const;
	const calls: Record<string, unknown>[] = [];
	for (let i = 0; i < 34; i++) { // one call a day from 16 days ago to 17 days ahead (Sunday → Monday)
		let ymd = addDays(today, -16 + i);
		if (weekdayOf(ymd) === 'sun') ymd = addDays(ymd, 1);
		const bh = hours.get(weekdayOf(ymd))!;
		const open = toMinutes(bh.open) + 30;
		const minute = open + 15 * rand(Math.floor((toMinutes(bh.close) - 30 - open) / 15));
		const start = zonedTimeToUtc(ymd, hhmm(minute));
		const isPast = start.getTime() < nowMs;
		const rawType = callerTypes[i % callerTypes.length]!;
		const callerType = !isPast && rawType === 'unknown' ? 'contacts' : rawType; // nobody schedules a call to nobody
		const direction = isPast && (callerType === 'unknown' || i % 3 === 0) ? 'inbound' : 'outbound';
		const st = isPast ? pastStatuses[i % pastStatuses.length]! : 'scheduled';
		const lead = callerType === 'leads' ? leads[(i * 7) % leads.length]! : null;
		const contact = callerType === 'contacts' ? contacts[(i * 5) % contacts.length]! : null;
		const account = callerType === 'accounts' ? accounts[(i * 3) % accounts.length]! : null;
		const party = lead?.name ?? (contact ? `${contact.first_name} ${contact.last_name}` : account?.name ?? 'unknown caller');
		const purpose = callerType === 'leads' ? (i % 2 ? 'Prospecting' : 'Follow-up')
			: callerType === 'unknown' ? 'Support' : CALL_PURPOSES[i % CALL_PURPOSES.length]!;
		calls.push({
			id: seedId(`call:${i + 1}`),
			subject: `${purpose} call ${direction === 'inbound' ? 'from' : 'with'} ${party}`,
			direction,
			status: st,
			caller_type: callerType,
			lead: lead?.id ?? null,
			contact: contact?.id ?? null,
			account: account?.id ?? null,
			owner: lead?.owner ?? contact?.owner ?? account?.owner ?? OWNERS[i % 4]!,
			start_at: iso(start),
			duration_seconds: st === 'completed' ? 60 + 15 * rand(60) : st === 'cancelled' ? 0 : null,
			purpose,
			result: st === 'completed' ? CALL_RESULTS[i % CALL_RESULTS.length]! : null,
			description: `${purpose} regarding ${callerType === 'unknown' ? 'a general enquiry' : 'their service plan'}.`,
			tags: st === 'missed' ? ['call-back'] : callerType === 'leads' ? ['sales'] : [],
		});
	}

	// Tasks ----------------------------------------------------------------------------------------
	const due = (days: number, time: string) => iso(zonedTimeToUtc(addDays(today, days), time));
	const task = (n: number, subject: string, owner: string, dueDate: string, st: 'open' | 'in_progress' | 'completed',
		priority: 'low' | 'normal' | 'high', collection: string, item: string, description: string) => ({
		id: seedId(`task:${n}`), subject, owner, due_date: dueDate, status: st, priority,
		related_collection: collection, related_item: item, description,
	});
	const firstOverdue = appointments.find((a) => a.status === 'overdue') ?? appointments[0]!;
	const tasks = [
		task(1, 'Send signed contract and onboarding pack', TOM, due(-2, '10:00'), 'completed', 'high', 'deals', deals[2]!.id,
			'Pest control program won: send the contract countersigned and schedule the first visit.'),
		task(2, 'Prepare HVAC contract redline', DANIEL, due(2, '12:00'), 'in_progress', 'high', 'deals', deals[0]!.id,
			'Harborview asked for a 4-hour emergency response clause.'),
		task(3, 'Quote quarterly deep cleaning', MANAGER, due(1, '17:00'), 'open', 'normal', 'deals', deals[1]!.id,
			'Four visits a year, after hours, two technicians.'),
		task(4, 'Call back about renewal', MANAGER, due(3, '09:30'), 'open', 'normal', 'contacts', contacts[2]!.id,
			'Subscription renews this week; offer the annual plan.'),
		task(5, 'Qualify commercial HVAC lead', DANIEL, due(0, '15:00'), 'open', 'high', 'leads', leads[12]!.id,
			'High-score lead from the website: ask about rooftop units.'),
		task(6, 'Close out overdue visit', firstOverdue.owner, due(0, '17:00'), 'open', 'high', 'appointments', firstOverdue.id,
			'The visit is past its end time and still open: check with the technician whether it took place, then close it.'),
		task(7, 'Order replacement ladder parts', TOM, due(-1, '11:00'), 'in_progress', 'normal', 'services',
			services.find((s) => s.unavailable_until)!.id, 'Window cleaning is paused until the ladder truck is back.'),
		task(8, 'Welcome call for new grooming partner', PRIYA, due(-5, '14:00'), 'completed', 'low', 'deals', deals[9]!.id,
			'Introduce the grooming van schedule to the clinic staff.'),
	];

	return {
		users: USERS.map((u) => ({ ...u })),
		services,
		accounts,
		contacts,
		leads,
		deals,
		appointments,
		calls,
		tasks,
		worksheets,
		settings: { timezone: DEMO_TIMEZONE, business_hours: DEMO_BUSINESS_HOURS.map((h) => ({ ...h })), worksheets_enabled: true },
	};
}
