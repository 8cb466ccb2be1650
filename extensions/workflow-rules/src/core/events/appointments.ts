import { defineEvents } from './define-events.js';

/** Semantic events of `appointments` (SPEC §4). */
export const APPOINTMENT_EVENTS = defineEvents([
	{
		name: 'scheduled',
		label: 'Scheduled',
		description: 'An appointment was created with status "scheduled".',
		on: 'create',
		after: { status: 'scheduled' },
	},
	{
		name: 'rescheduled',
		label: 'Rescheduled',
		description: 'The start or end of an appointment that is not cancelled changed.',
		on: 'update',
		changed: ['start_at', 'end_at'],
		after: { status: { not: 'cancelled' } },
	},
	{
		name: 'cancelled',
		label: 'Cancelled',
		description: 'The appointment status became "cancelled".',
		becomes: { status: 'cancelled' },
	},
	{
		name: 'completed',
		label: 'Completed',
		description: 'The appointment status became "completed".',
		becomes: { status: 'completed' },
	},
	{
		name: 'reassigned',
		label: 'Reassigned',
		description: 'The appointment was given to another owner.',
		on: 'update',
		changed: ['owner'],
	},
	{
		name: 'modified',
		label: 'Modified',
		description: 'An update changed at least one field (narrow it with the trigger\'s fields).',
		on: 'update',
		changed: '*',
	},
	{
		name: 'overdue',
		label: 'Overdue',
		description: 'The end passed while still scheduled: the engine set status "overdue".',
		becomes: { status: 'overdue' },
	},
	{
		name: 'deleted',
		label: 'Deleted',
		description: 'The appointment was deleted.',
		on: 'delete',
	},
]);
