import { WIZARD_PANEL_ID } from '../../shared/identity.js';

/**
 * The "Automation" Insights dashboard: the rule wizard beside charts of what rules did, all with
 * Directus' own panels (metric, time-series, list) over the run log and the job queue.
 * Fixed ids, so that every instance and restart finds the dashboard it shipped.
 */
export const AUTOMATION_DASHBOARD = {
	id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d50',
	name: 'Automation',
	icon: 'account_tree',
	note: 'Create workflow rules and follow what they do',
	color: '#6644FF',
} as const;

export interface PanelDefault {
	id: string;
	/** The collections the panel reads: it is only added where they exist. */
	reads: string[];
	name: string;
	icon: string;
	type: string;
	position_x: number;
	position_y: number;
	width: number;
	height: number;
	options: Record<string, unknown>;
	note?: string;
}

export const AUTOMATION_PANELS: PanelDefault[] = [
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d51',
		reads: [],
		name: 'New rule',
		icon: 'account_tree',
		type: WIZARD_PANEL_ID,
		position_x: 1,
		position_y: 1,
		width: 30,
		height: 24,
		options: { collection: 'appointments' },
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d52',
		reads: ['workflow_runs'],
		name: 'Rule runs, last 24 hours',
		icon: 'play_circle',
		type: 'metric',
		position_x: 31,
		position_y: 1,
		width: 14,
		height: 6,
		options: { collection: 'workflow_runs', field: 'id', function: 'count', filter: { date_created: { _gte: '$NOW(-1 day)' } } },
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d53',
		reads: ['workflow_jobs'],
		name: 'Failed actions, last 7 days',
		icon: 'error',
		type: 'metric',
		position_x: 45,
		position_y: 1,
		width: 14,
		height: 6,
		options: {
			collection: 'workflow_jobs',
			field: 'id',
			function: 'count',
			filter: { _and: [{ status: { _eq: 'failed' } }, { date_updated: { _gte: '$NOW(-7 days)' } }] },
			conditionalFormatting: [{ operator: '>', value: 0, color: '#E35169' }],
		},
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d54',
		reads: ['workflow_runs'],
		name: 'Rule runs per day',
		icon: 'show_chart',
		type: 'time-series',
		position_x: 31,
		position_y: 7,
		width: 28,
		height: 9,
		options: { collection: 'workflow_runs', function: 'count', valueField: 'id', dateField: 'date_created', precision: 'day', range: '1 month', color: '#6644FF', missingData: 'null' },
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d55',
		reads: ['workflow_jobs'],
		name: 'Actions run per day',
		icon: 'show_chart',
		type: 'time-series',
		position_x: 31,
		position_y: 16,
		width: 28,
		height: 9,
		options: { collection: 'workflow_jobs', function: 'count', valueField: 'id', dateField: 'finished_at', precision: 'day', range: '1 month', color: '#2ECDA7', missingData: 'null' },
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d56',
		reads: ['workflow_jobs'],
		name: 'Latest failed actions',
		icon: 'report',
		type: 'list',
		position_x: 1,
		position_y: 25,
		width: 29,
		height: 12,
		options: { collection: 'workflow_jobs', limit: 10, sortField: 'date_updated', sortDirection: 'desc', displayTemplate: '{{action_type}} on {{collection}} {{item}}: {{last_error}}', linkToItem: true, filter: { status: { _eq: 'failed' } } },
	},
	{
		id: 'c0a5e5f2-3d5b-4e1c-9d0e-6a1f2b3c4d57',
		reads: ['workflow_runs'],
		name: 'Latest rule runs',
		icon: 'receipt_long',
		type: 'list',
		position_x: 30,
		position_y: 25,
		width: 29,
		height: 12,
		options: { collection: 'workflow_runs', limit: 10, sortField: 'date_created', sortDirection: 'desc', displayTemplate: '{{rule.name}} · {{outcome}} · {{event}} {{collection}}', linkToItem: true },
	},
];
