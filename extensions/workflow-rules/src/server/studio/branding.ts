/** The product's name and colour, and the values Directus ships with (which mean "never branded"). */
export const BRANDING = {
	project_name: 'Workflow Rules',
	project_descriptor: 'CRM automation',
	project_color: '#2F80ED',
} as const;

const DIRECTUS_DEFAULTS: Record<keyof typeof BRANDING, (string | null)[]> = {
	project_name: ['Directus', null, ''],
	project_descriptor: [null, ''],
	project_color: ['#6644FF', null, ''],
};

/** The branding values still at Directus' defaults; what an admin set is left alone. */
export function brandingToApply(settings: Record<string, unknown>): Partial<Record<keyof typeof BRANDING, string>> {
	const changes: Partial<Record<keyof typeof BRANDING, string>> = {};
	for (const key of Object.keys(BRANDING) as (keyof typeof BRANDING)[]) {
		const current = settings[key];
		const isDefault = current === undefined || DIRECTUS_DEFAULTS[key].some((value) => (typeof value === 'string' && typeof current === 'string' ? value.toLowerCase() === current.toLowerCase() : value === current));
		if (isDefault) changes[key] = BRANDING[key];
	}
	return changes;
}
