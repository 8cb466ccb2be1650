import { defineEvents } from './define-events.js';
import type { EventDefinition } from './event-types.js';

/** `<status>`: the call's status became that value. */
function statusBecomes(status: string, label: string): EventDefinition {
	return { name: status, label, description: `The call status became "${status}".`, becomes: { status } };
}

/** Semantic events of `calls` (SPEC §4). */
export const CALL_EVENTS = defineEvents([
	{
		name: 'logged',
		label: 'Logged',
		description: 'A call was created with a status other than "scheduled" (a call that took place).',
		on: 'create',
		after: { status: { not: 'scheduled' } },
	},
	{
		name: 'scheduled',
		label: 'Scheduled',
		description: 'A call was created with status "scheduled".',
		on: 'create',
		after: { status: 'scheduled' },
	},
	statusBecomes('ringing', 'Ringing'),
	statusBecomes('on_hold', 'On hold'),
	statusBecomes('completed', 'Completed'),
	statusBecomes('missed', 'Missed'),
	statusBecomes('cancelled', 'Cancelled'),
	{
		name: 'rescheduled',
		label: 'Rescheduled',
		description: 'The start of a scheduled call changed.',
		on: 'update',
		changed: ['start_at'],
		after: { status: 'scheduled' },
	},
	{
		name: 'reassigned',
		label: 'Reassigned',
		description: 'The call was given to another owner.',
		on: 'update',
		changed: ['owner'],
	},
	{
		name: 'overdue',
		label: 'Overdue',
		description: 'The start passed by the overdue delay while still scheduled: the engine set status "overdue".',
		becomes: { status: 'overdue' },
	},
	{
		name: 'modified',
		label: 'Modified',
		description: 'An update changed at least one field (narrow it with the trigger\'s fields).',
		on: 'update',
		changed: '*',
	},
	{
		name: 'deleted',
		label: 'Deleted',
		description: 'The call was deleted.',
		on: 'delete',
	},
]);
