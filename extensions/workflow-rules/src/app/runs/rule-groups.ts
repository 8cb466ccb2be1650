/** Rules of the module page, grouped by the collection they watch (CRM collections first, then by name). */
export interface RuleListRow {
	id: string;
	name: string;
	status: 'active' | 'inactive' | string;
	collection: string;
	description?: string | null;
	trigger?: { type?: string; events?: string[]; field?: string; cron?: string } | null;
	sort?: number | null;
}

export interface RuleGroup<R extends RuleListRow = RuleListRow> {
	collection: string;
	rules: R[];
}

const CRM_ORDER = ['appointments', 'calls', 'services', 'contacts', 'accounts', 'leads', 'deals', 'tasks', 'worksheets'];

export function groupByCollection<R extends RuleListRow>(rules: readonly R[]): RuleGroup<R>[] {
	const groups = new Map<string, R[]>();
	for (const rule of rules) groups.set(rule.collection, [...(groups.get(rule.collection) ?? []), rule]);
	const rank = (collection: string) => {
		const index = CRM_ORDER.indexOf(collection);
		return index === -1 ? CRM_ORDER.length : index;
	};
	return [...groups.entries()]
		.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
		.map(([collection, members]) => ({ collection, rules: [...members].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.name.localeCompare(b.name)) }));
}

/** The newest run per rule, from `aggregate[max]=date_created&groupBy[]=rule` rows. */
export function lastRunByRule(rows: readonly { rule: string | null; max?: { date_created?: string | null } | null }[]): Map<string, string> {
	const last = new Map<string, string>();
	for (const row of rows) if (row.rule && row.max?.date_created) last.set(String(row.rule), row.max.date_created);
	return last;
}
