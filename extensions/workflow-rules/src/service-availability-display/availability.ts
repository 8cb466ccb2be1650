/**
 * What a service's availability is at a moment: temporarily unavailable while `unavailable_until`
 * is in the future, whatever its status; otherwise its status. Pure, for the display and its tests.
 */
export interface ServiceAvailabilityFields {
	status?: string | null;
	unavailable_until?: string | null;
}

export type Availability = { state: 'unavailable'; until: Date } | { state: 'active' } | { state: 'unused' } | { state: 'unknown' };

export function availabilityAt(service: ServiceAvailabilityFields | null | undefined, now: Date): Availability {
	if (!service) return { state: 'unknown' };
	const until = service.unavailable_until ? new Date(service.unavailable_until) : null;
	if (until && !Number.isNaN(until.getTime()) && until.getTime() > now.getTime()) return { state: 'unavailable', until };
	if (service.status === 'active') return { state: 'active' };
	if (service.status === 'unused') return { state: 'unused' };
	return { state: 'unknown' };
}

/** The chips of the schema's status labels (scripts/snapshot/plan.ts COLORS): readable on both themes. */
export const AVAILABILITY_CHIPS = {
	unavailable: { foreground: '#7A4500', background: '#FFECCF' },
	active: { foreground: '#0B5E45', background: '#D3F5E9' },
	unused: { foreground: '#3A4A5C', background: '#E4EAF1' },
	unknown: { foreground: '#3A4A5C', background: '#E4EAF1' },
} as const;

export const AVAILABILITY_MESSAGES = {
	en: { unavailable: 'Unavailable until {until}', active: 'Active', unused: 'Unused', unknown: '—' },
	fr: { unavailable: 'Indisponible jusqu’au {until}', active: 'Actif', unused: 'Inutilisé', unknown: '—' },
} as const;
