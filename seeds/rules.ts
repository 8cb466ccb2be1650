/**
 * The sample rules of SPEC §6, taken from the reference pages. Rules that send mail or call
 * out are seeded inactive: nothing reaches a customer or a contractor until an admin has set up
 * mail and switched the rule on. The call rule only tidies data, so it starts active.
 */
import { seedId } from './ids.js';

const SUPERVISOR = 'maria.lopez@fieldservice.example.com';

export const SAMPLE_RULES: Record<string, unknown>[] = [
	{
		id: seedId('rule:missed-call'),
		name: 'Missed call: alert the supervisor',
		description: 'Email the service manager as soon as a call is missed, so that someone calls back quickly.',
		status: 'inactive',
		collection: 'calls',
		sort: 10,
		trigger: { type: 'event', events: ['missed'] },
		conditions: null,
		execution: 'every_time',
		actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: [SUPERVISOR], subject: 'Missed call: {{ record.subject }}', body: '<p>A call was missed at {{ record.start_at }}.</p><p>Purpose: {{ record.purpose }}</p>' } }],
	},
	{
		id: seedId('rule:call-answered'),
		name: 'Call answered: mark it completed',
		description: 'When the result of a call is filled in while it is still ringing, on hold or scheduled, set its status to completed to avoid calling the customer twice.',
		status: 'active',
		collection: 'calls',
		sort: 20,
		trigger: { type: 'event', events: ['modified'], fields: ['result'] },
		conditions: { _and: [{ result: { _nempty: true } }, { status: { _in: ['scheduled', 'ringing', 'on_hold'] } }] },
		execution: 'every_time',
		actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: 'completed' } } }],
	},
	{
		id: seedId('rule:lawn-care-contractor'),
		name: 'Lawn care: tell the contractor',
		description: 'Webhook to the contractor when a lawn-care appointment is booked, so they can prepare the equipment.',
		status: 'inactive',
		collection: 'appointments',
		sort: 10,
		trigger: { type: 'event', events: ['scheduled'] },
		conditions: { service: { name: { _eq: 'Lawn care' } } },
		execution: 'every_time',
		actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://contractor.example.com/hooks/appointments', method: 'POST' } }],
	},
	{
		id: seedId('rule:appointment-changed'),
		name: 'Appointment cancelled or rescheduled: tell the customer',
		description: 'Keep customers informed of every cancellation or new time, well in advance.',
		status: 'inactive',
		collection: 'appointments',
		sort: 20,
		trigger: { type: 'event', events: ['cancelled', 'rescheduled'] },
		conditions: { contact: { email: { _nnull: true } } },
		execution: 'every_time',
		actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: ['{{ record.contact.email }}'], subject: 'Your appointment {{ record.title }}', body: '<p>Hello {{ record.contact.first_name }},</p><p>Your appointment is now {{ record.status }}, starting {{ record.start_at }}.</p>' } }],
	},
	{
		id: seedId('rule:deal-won'),
		name: 'Deal won: task for the owner, follow-up a few days later',
		description: 'The first time a deal reaches Closed won, give its owner a task at once and send a follow-up email five days later.',
		status: 'inactive',
		collection: 'deals',
		sort: 10,
		trigger: { type: 'event', events: ['created', 'updated'] },
		conditions: { stage: { _eq: 'closed_won' } },
		execution: 'first_time',
		actions: [
			{ type: 'create_task', timing: { type: 'instant' }, options: { subject: 'Kick off {{ record.name }}', owner: 'record_owner', due_in: 'P2D', priority: 'high' } },
			{ type: 'email', timing: { type: 'after_trigger', offset: 'P5D' }, options: { to: ['owner'], subject: 'Follow up on {{ record.name }}', body: '<p>Five days ago {{ record.name }} was won. Time to follow up.</p>' } },
		],
	},
	{
		id: seedId('rule:renewal-reminder'),
		name: 'Subscription renewal reminder',
		description: 'Every year, two days before the subscription date, remind the contact that their subscription renews.',
		status: 'inactive',
		collection: 'contacts',
		sort: 10,
		trigger: { type: 'date', field: 'subscription_date', offset: '-P2D', time: '09:00', recurrence: 'yearly' },
		conditions: { email: { _nnull: true } },
		execution: 'every_time',
		actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: ['{{ record.email }}'], subject: 'Your subscription renews soon', body: '<p>Hello {{ record.first_name }}, your subscription renews in two days.</p>' } }],
	},
	{
		id: seedId('rule:hot-lead'),
		name: 'High-priority lead: notify the manager, mark contacted',
		description: 'When a high-priority lead comes in, alert the service manager and set the lead to contacted once they have been told.',
		status: 'inactive',
		collection: 'leads',
		sort: 10,
		trigger: { type: 'event', events: ['created'] },
		conditions: { priority: { _eq: 'high' } },
		execution: 'every_time',
		actions: [
			{ type: 'email', timing: { type: 'instant' }, options: { to: [SUPERVISOR], subject: 'New high-priority lead: {{ record.name }}', body: '<p>{{ record.name }} ({{ record.email }}, {{ record.phone }}) needs a call today.</p>' } },
			{ type: 'update_fields', timing: { type: 'instant' }, options: { values: { status: 'contacted' } } },
		],
	},
];
