/**
 * How the CRM's lists open for everyone (global presets: no user, no role) and the bookmarks
 * everyone finds beside them. Fixed ids: every instance and every restart recognises its own rows.
 * Ids sit in a range of their own; Directus moves the presets' id sequence past them.
 */
export interface PresetDefault {
	id: number;
	collection: string;
	/** null: the collection's default view; a name: a bookmark. */
	bookmark: string | null;
	layout: 'tabular' | 'calendar';
	layout_query: Record<string, unknown> | null;
	layout_options: Record<string, unknown> | null;
	filter: Record<string, unknown> | null;
	icon?: string;
	color?: string;
}

const tabular = (id: number, collection: string, fields: string[], sort: string[], widths?: Record<string, number>): PresetDefault => ({
	id,
	collection,
	bookmark: null,
	layout: 'tabular',
	layout_query: { tabular: { fields, sort, page: 1, limit: 25 } },
	layout_options: { tabular: { spacing: 'cozy', ...(widths ? { widths } : {}) } },
	filter: null,
});

/** The collection's list: the columns a back office looks for, newest dates first where dates matter. */
export const LIST_DEFAULTS: PresetDefault[] = [
	tabular(910_001, 'appointments', ['start_at', 'service', 'contact', 'owner', 'status'], ['-start_at']),
	tabular(910_002, 'calls', ['start_at', 'contact', 'direction', 'status', 'subject'], ['-start_at']),
	// Availability rather than status: a service unavailable until a date reads as such, not as Active. Its
	// durations and hours are what the appointment's service picker (a drawer of this list) shows.
	tabular(910_003, 'services', ['name', 'availability', 'duration_min', 'duration_max', 'available_from', 'available_to', 'available_days', 'price'], ['name'], { name: 220, availability: 260 }),
	// Tasks: the most pressing first.
	tabular(910_004, 'tasks', ['due_date', 'subject', 'owner', 'priority', 'status'], ['due_date']),
	tabular(910_005, 'contacts', ['first_name', 'last_name', 'email', 'phone', 'account', 'owner'], ['last_name']),
	tabular(910_006, 'accounts', ['name', 'city', 'owner', 'date_created'], ['name']),
	tabular(910_007, 'leads', ['name', 'status', 'priority', 'score', 'owner', 'date_created'], ['-date_created']),
	tabular(910_008, 'deals', ['name', 'stage', 'amount', 'contact', 'account', 'owner'], ['-date_created']),
	tabular(910_009, 'worksheets', ['appointment', 'model_number', 'serial_number', 'date_created'], ['-date_created']),
	tabular(910_010, 'workflow_runs', ['date_created', 'rule', 'outcome', 'event', 'collection', 'record_title'], ['-date_created']),
	tabular(910_011, 'workflow_jobs', ['due_at', 'rule', 'action_type', 'status', 'attempts', 'finished_at'], ['-due_at']),
];

const calendar = (template: string, startDateField: string, endDateField: string | null, view: string) => ({
	calendar: { template, startDateField, ...(endDateField ? { endDateField } : {}), firstDay: 1, viewInfo: { type: view } },
});

/**
 * Directus' filters know `$NOW` with offsets but no start of day or week: "today" is the calendar
 * layout's day list (the browser's today, exactly), "this week" the last seven days.
 */
export const BOOKMARK_DEFAULTS: PresetDefault[] = [
	{
		id: 910_101,
		collection: 'appointments',
		bookmark: "Today's appointments",
		layout: 'calendar',
		layout_query: null,
		layout_options: calendar('{{title}}', 'start_at', 'end_at', 'listDay'),
		filter: { status: { _neq: 'cancelled' } },
		icon: 'today',
	},
	{
		id: 910_102,
		collection: 'appointments',
		bookmark: 'Overdue',
		layout: 'tabular',
		layout_query: { tabular: { fields: ['start_at', 'service', 'contact', 'owner', 'status'], sort: ['start_at'], page: 1, limit: 25 } },
		layout_options: null,
		// Marked overdue by the engine, or still scheduled after its end.
		filter: { _or: [{ status: { _eq: 'overdue' } }, { _and: [{ status: { _eq: 'scheduled' } }, { end_at: { _lt: '$NOW' } }] }] },
		icon: 'schedule',
		color: '#FFA439',
	},
	{
		id: 910_103,
		collection: 'calls',
		bookmark: 'Missed calls this week',
		layout: 'tabular',
		layout_query: { tabular: { fields: ['start_at', 'contact', 'direction', 'status', 'subject'], sort: ['-start_at'], page: 1, limit: 25 } },
		layout_options: null,
		filter: { _and: [{ status: { _eq: 'missed' } }, { start_at: { _gte: '$NOW(-7 days)' } }] },
		icon: 'phone_missed',
		color: '#E35169',
	},
	{
		id: 910_104,
		collection: 'appointments',
		bookmark: 'Appointments calendar',
		layout: 'calendar',
		layout_query: null,
		layout_options: calendar('{{title}}', 'start_at', 'end_at', 'timeGridWeek'),
		filter: null,
		icon: 'calendar_month',
	},
	{
		id: 910_105,
		collection: 'calls',
		bookmark: 'Calls calendar',
		layout: 'calendar',
		layout_query: null,
		layout_options: calendar('{{subject}}', 'start_at', null, 'timeGridWeek'),
		filter: null,
		icon: 'calendar_month',
	},
];
