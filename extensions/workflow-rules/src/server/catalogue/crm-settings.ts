import type { Knex } from 'knex';
import type { BusinessHours } from '../../core/catalogue/booking-check.js';
import { isValidTimeZone } from '../../core/timing/zoned-time.js';
import { fromJson, isTrue } from '../db/rows.js';

export interface CrmSettings {
	timezone: string;
	business_hours: BusinessHours[] | null;
	worksheets_enabled: boolean;
}

/** The CRM settings singleton; UTC and no business hours until an admin fills it in. */
export async function readCrmSettings(knex: Knex): Promise<CrmSettings> {
	const row = (await knex('crm_settings').first()) as Record<string, unknown> | undefined;
	const timezone = row?.['timezone'];
	const hours = fromJson<BusinessHours[] | null>(row?.['business_hours'], null);
	return {
		timezone: isValidTimeZone(timezone) ? timezone : 'UTC',
		business_hours: Array.isArray(hours) && hours.length > 0 ? hours : null,
		worksheets_enabled: isTrue(row?.['worksheets_enabled']),
	};
}
