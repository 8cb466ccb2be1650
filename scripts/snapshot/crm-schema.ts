/**
 * The CRM data model of SPEC §2, as the payloads that create it through the Directus API.
 */
import { boolean, choice, date, decimal, divider, email, integer, integerKey, json, multiChoice, presentation, tags, text, time, timestamp, timestamps, uuidKey } from './field-kit.js';
import { COLORS, Plan } from './plan.js';

const WEEKDAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']] as const;
const PRIORITIES = [['low', 'Low'], ['normal', 'Normal'], ['high', 'High']] as const;


export function crmSchema(plan: Plan): void {
	plan.collection('crm_settings', { singleton: true, icon: 'tune', note: 'Time zone, business hours and worksheet switch of the CRM', translations: [{ language: 'en-US', translation: 'CRM settings', singular: 'CRM settings', plural: 'CRM settings' }] }, (c) => c.add(
		integerKey(),
		text('timezone', { required: true, note: 'IANA time zone in which service hours, business hours and date triggers are read', placeholder: 'America/New_York' }),
		boolean('worksheets_enabled', { label: 'Require worksheets where services ask for them', note: 'When on, an appointment of a service that requires a worksheet cannot be completed without one' }),
		json('business_hours', {
			interface: 'list',
			note: 'Opening hours per weekday; a day that is not listed is closed',
			options: {
				template: '{{day}}: {{open}} – {{close}}',
				addLabel: 'Add opening hours',
				fields: [
					{ field: 'day', name: 'Day', type: 'string', meta: { field: 'day', type: 'string', width: 'full', interface: 'select-dropdown', required: true, options: { choices: WEEKDAYS.map(([value, label]) => ({ value, text: label })) } } },
					{ field: 'open', name: 'Opens', type: 'string', meta: { field: 'open', type: 'string', width: 'half', interface: 'input', required: true, options: { placeholder: '08:00' } } },
					{ field: 'close', name: 'Closes', type: 'string', meta: { field: 'close', type: 'string', width: 'half', interface: 'input', required: true, options: { placeholder: '18:00' } } },
				],
			},
		}),
	));

	plan.collection('accounts', { icon: 'domain', display_template: '{{name}}', archive_field: null, sort_field: null }, (c) => c
		.add(uuidKey(), text('name', { required: true, width: 'full' }), text('city'), text('address'))
		.owner('Account owner')
		.add(tags(), ...timestamps()));

	plan.collection('contacts', { icon: 'contacts', display_template: '{{first_name}} {{last_name}}' }, (c) => c
		.add(uuidKey(), text('first_name'), text('last_name', { required: true }), email('email'), text('phone', { placeholder: '+1 617 555 0100' }), text('city'), text('address'))
		.owner('Contact owner')
		.m2o('account', 'accounts', { template: '{{name}}' })
		.add(date('subscription_date', { index: true, note: 'Start of the customer subscription; renewal reminders are computed from it' }), tags(), ...timestamps()));

	plan.collection('leads', { icon: 'person_search', display_template: '{{name}}' }, (c) => c
		.add(uuidKey(), text('name', { required: true, width: 'full' }), email('email'), text('phone'), text('city'))
		.owner('Lead owner')
		.add(
			choice('priority', PRIORITIES, { default: 'normal', colors: { low: COLORS.grey, normal: COLORS.blue, high: COLORS.red } }),
			choice('status', [['new', 'New'], ['contacted', 'Contacted'], ['qualified', 'Qualified'], ['lost', 'Lost']], { default: 'new', index: true, colors: { new: COLORS.blue, contacted: COLORS.amber, qualified: COLORS.green, lost: COLORS.grey } }),
			integer('score', { default: 0 }),
			tags(), ...timestamps(),
		));

	plan.collection('deals', { icon: 'handshake', display_template: '{{name}}' }, (c) => c
		.add(
			uuidKey(), text('name', { required: true, width: 'full' }),
			choice('stage', [['qualification', 'Qualification'], ['proposal', 'Proposal'], ['negotiation', 'Negotiation'], ['closed_won', 'Closed won'], ['closed_lost', 'Closed lost']], { required: true, default: 'qualification', index: true, colors: { qualification: COLORS.grey, proposal: COLORS.blue, negotiation: COLORS.amber, closed_won: COLORS.green, closed_lost: COLORS.red } }),
			decimal('amount', { prefix: '$', precision: 12 }),
		)
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}' })
		.m2o('account', 'accounts', { template: '{{name}}' })
		.owner('Deal owner')
		.add(tags(), ...timestamps()));

	plan.collection('services', { icon: 'home_repair_service', display_template: '{{name}}', note: 'The service catalogue: what the team books' }, (c) => c
		.add(
			uuidKey(),
			text('name', { required: true }),
			choice('status', [['active', 'Active'], ['unused', 'Unused']], { required: true, default: 'active', index: true, colors: { active: COLORS.green, unused: COLORS.grey } }),
			timestamp('unavailable_until', { note: 'Temporarily unavailable until this moment; empty when available', index: true }),
			presentation('quick_actions', 'service-quick-actions', { note: 'Quick actions of the service catalogue' }),
		)
		.owner('Service owner')
		.members('Members who deliver this service')
		.add(
			divider('booking_divider', 'Booking'),
			integer('duration_min', { min: 1, suffix: 'min', note: 'Shortest bookable duration, in minutes' }),
			integer('duration_max', { min: 1, suffix: 'min', note: 'Longest bookable duration, in minutes' }),
			choice('location', [['business', 'At the business'], ['customer', 'At the customer'], ['both', 'Both']], { default: 'business' }),
			multiChoice('available_days', WEEKDAYS, { note: 'Days on which the service can be booked' }),
			time('available_from', { note: 'Earliest start time' }),
			time('available_to', { note: 'Latest end time' }),
			date('available_start_date', { note: 'First bookable date (optional)' }),
			date('available_end_date', { note: 'Last bookable date (optional)' }),
			divider('pricing_divider', 'Pricing and details'),
			decimal('price', { prefix: '$' }),
			decimal('tax_rate', { suffix: '%', precision: 5 }),
			boolean('worksheet_required', { label: 'A worksheet is required to complete an appointment' }),
		)
		.m2o('image', 'directus_files', { template: '{{title}}', width: 'full' })
		.add(text('description', { html: true }), tags(), ...timestamps()));

	plan.collection('appointments', { icon: 'event', display_template: '{{title}}' }, (c) => c
		.add(uuidKey(), text('title', { width: 'full' }))
		.m2o('service', 'services', {
			template: '{{name}}',
			required: true,
			// The picker offers what can be booked now: unused and temporarily unavailable services stay in the catalogue only.
			filter: { _and: [{ status: { _eq: 'active' } }, { _or: [{ unavailable_until: { _null: true } }, { unavailable_until: { _lte: '$NOW' } }] }] },
		})
		.add(
			choice('status', [['scheduled', 'Scheduled'], ['overdue', 'Overdue'], ['completed', 'Completed'], ['cancelled', 'Cancelled']], { required: true, default: 'scheduled', index: true, colors: { scheduled: COLORS.blue, overdue: COLORS.amber, completed: COLORS.green, cancelled: COLORS.grey } }),
			timestamp('start_at', { required: true, index: true }),
			timestamp('end_at', { required: true, index: true }),
		)
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}' })
		.m2o('account', 'accounts', { template: '{{name}}' })
		.m2o('lead', 'leads', { template: '{{name}}' })
		.owner('The member assigned to the appointment')
		.members('Other members attending')
		.add(
			choice('location', [['business', 'At the business'], ['customer', 'At the customer']], { default: 'business' }),
			text('address', { width: 'full' }),
			text('cancellation_reason', { multiline: true }),
			tags(), ...timestamps(),
		));

	plan.collection('calls', { icon: 'call', display_template: '{{subject}}' }, (c) => c
		.add(
			uuidKey(), text('subject', { width: 'full' }),
			choice('direction', [['inbound', 'Inbound'], ['outbound', 'Outbound']], { default: 'outbound' }),
			choice('status', [['scheduled', 'Scheduled'], ['ringing', 'Ringing'], ['on_hold', 'On hold'], ['completed', 'Completed'], ['missed', 'Missed'], ['cancelled', 'Cancelled'], ['overdue', 'Overdue']], { required: true, default: 'scheduled', index: true, colors: { scheduled: COLORS.blue, ringing: COLORS.purple, on_hold: COLORS.amber, completed: COLORS.green, missed: COLORS.red, cancelled: COLORS.grey, overdue: COLORS.amber } }),
			choice('caller_type', [['leads', 'Lead'], ['contacts', 'Contact'], ['accounts', 'Account'], ['unknown', 'Unknown']], { default: 'contacts' }),
		)
		.m2o('lead', 'leads', { template: '{{name}}' })
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}' })
		.m2o('account', 'accounts', { template: '{{name}}' })
		.owner('Call owner')
		.add(
			timestamp('start_at', { index: true }),
			integer('duration_seconds', { min: 0, suffix: 's' }),
			text('purpose'), text('result'),
			text('description', { multiline: true }),
			tags(), ...timestamps(),
		));

	plan.collection('tasks', { icon: 'task_alt', display_template: '{{subject}}' }, (c) => c
		.add(uuidKey(), text('subject', { required: true, width: 'full' }))
		.owner('Who does it')
		.add(
			timestamp('due_date', { index: true }),
			choice('status', [['open', 'Open'], ['in_progress', 'In progress'], ['completed', 'Completed']], { required: true, default: 'open', index: true, colors: { open: COLORS.blue, in_progress: COLORS.amber, completed: COLORS.green } }),
			choice('priority', PRIORITIES, { default: 'normal', colors: { low: COLORS.grey, normal: COLORS.blue, high: COLORS.red } }),
			text('related_collection', { note: 'Collection of the record this task is about', readonly: false }),
			text('related_item', { note: 'Key of the record this task is about' }),
			text('description', { multiline: true }),
			...timestamps(),
		));

	plan.collection('worksheets', { icon: 'assignment', display_template: '{{appointment.title}}', note: 'Service worksheets; add the fields your technicians fill in' }, (c) => c
		.add(uuidKey())
		.m2o('appointment', 'appointments', { template: '{{title}}', required: true, index: true, onDelete: 'CASCADE' })
		.add(
			text('model_number'), text('serial_number'), date('warranty_expiry'),
			text('spare_parts', { multiline: true }), text('notes', { multiline: true }),
			...timestamps(),
		));
}
