/**
 * The CRM data model of SPEC §2, as the payloads that create it through the Directus API.
 */
import { boolean, choice, date, decimal, divider, email, integer, integerKey, json, multiChoice, presentation, tags, text, time, timestamp, timestamps, tr, uuidKey } from './field-kit.js';
import { COLORS, Plan, SERVICE_AVAILABILITY_DISPLAY } from './plan.js';

const WEEKDAYS = [['mon', tr('Monday', 'Lundi')], ['tue', tr('Tuesday', 'Mardi')], ['wed', tr('Wednesday', 'Mercredi')], ['thu', tr('Thursday', 'Jeudi')], ['fri', tr('Friday', 'Vendredi')], ['sat', tr('Saturday', 'Samedi')], ['sun', tr('Sunday', 'Dimanche')]] as const;
const PRIORITIES = [['low', tr('Low', 'Basse')], ['normal', tr('Normal', 'Normale')], ['high', tr('High', 'Haute')]] as const;
const LOCATION = { business: tr('At the business', 'Dans l’entreprise'), customer: tr('At the customer', 'Chez le client') };
/** Shown with every service offered in a picker: what a booker needs to choose one. */
export const SERVICE_PICKER_TEMPLATE = '{{name}} · {{duration_min}}–{{duration_max}} min · {{available_from}}–{{available_to}}';


export function crmSchema(plan: Plan): void {
	// In navigation order: the everyday screens first (Content opens on the first one).
	plan.collection('appointments', { icon: 'event', display_template: '{{title}}', names: { en: ['Appointment', 'Appointments'], fr: ['Rendez-vous', 'Rendez-vous'] } }, (c) => c
		.add(uuidKey(), text('title', { width: 'full', fr: 'Titre' }))
		.m2o('service', 'services', {
			template: '{{name}}',
			pickerTemplate: SERVICE_PICKER_TEMPLATE,
			required: true,
			fr: 'Service',
			// The picker offers what can be booked now: unused and temporarily unavailable services stay in the catalogue only.
			filter: { _and: [{ status: { _eq: 'active' } }, { _or: [{ unavailable_until: { _null: true } }, { unavailable_until: { _lte: '$NOW' } }] }] },
		})
		.add(
			choice('status', [['scheduled', tr('Scheduled', 'Planifié')], ['overdue', tr('Overdue', 'En retard')], ['completed', tr('Completed', 'Terminé')], ['cancelled', tr('Cancelled', 'Annulé')]], { required: true, default: 'scheduled', index: true, fr: 'Statut', colors: { scheduled: COLORS.blue, overdue: COLORS.amber, completed: COLORS.green, cancelled: COLORS.grey } }),
			timestamp('start_at', { required: true, index: true, fr: 'Début' }),
			timestamp('end_at', { required: true, index: true, fr: 'Fin' }),
		)
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}', fr: 'Contact' })
		.m2o('account', 'accounts', { template: '{{name}}', fr: 'Compte' })
		.m2o('lead', 'leads', { template: '{{name}}', fr: 'Lead' })
		.owner(tr('The member assigned to the appointment', 'Le membre affecté au rendez-vous'))
		.members(tr('Other members attending', 'Autres membres présents'))
		.add(
			choice('location', [['business', LOCATION.business], ['customer', LOCATION.customer]], { default: 'business', fr: 'Lieu' }),
			text('address', { width: 'full', fr: 'Adresse' }),
			text('cancellation_reason', { multiline: true, fr: 'Motif d’annulation' }),
			tags(), ...timestamps(),
		));

	plan.collection('calls', { icon: 'call', display_template: '{{subject}}', names: { en: ['Call', 'Calls'], fr: ['Appel', 'Appels'] } }, (c) => c
		.add(
			uuidKey(), text('subject', { width: 'full', fr: 'Objet' }),
			choice('direction', [['inbound', tr('Inbound', 'Entrant')], ['outbound', tr('Outbound', 'Sortant')]], { default: 'outbound', fr: 'Direction', colors: { inbound: COLORS.purple, outbound: COLORS.blue } }),
			choice('status', [['scheduled', tr('Scheduled', 'Planifié')], ['ringing', tr('Ringing', 'Sonne')], ['on_hold', tr('On hold', 'En attente')], ['completed', tr('Completed', 'Terminé')], ['missed', tr('Missed', 'Manqué')], ['cancelled', tr('Cancelled', 'Annulé')], ['overdue', tr('Overdue', 'En retard')]], { required: true, default: 'scheduled', index: true, fr: 'Statut', colors: { scheduled: COLORS.blue, ringing: COLORS.purple, on_hold: COLORS.amber, completed: COLORS.green, missed: COLORS.red, cancelled: COLORS.grey, overdue: COLORS.amber } }),
			choice('caller_type', [['leads', tr('Lead', 'Lead')], ['contacts', tr('Contact', 'Contact')], ['accounts', tr('Account', 'Compte')], ['unknown', tr('Unknown', 'Inconnu')]], { default: 'contacts', fr: 'Type d’appelant', colors: { leads: COLORS.amber, contacts: COLORS.green, accounts: COLORS.blue, unknown: COLORS.grey } }),
		)
		.m2o('lead', 'leads', { template: '{{name}}', fr: 'Lead' })
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}', fr: 'Contact' })
		.m2o('account', 'accounts', { template: '{{name}}', fr: 'Compte' })
		.owner(tr('Call owner', 'Propriétaire de l’appel'))
		.add(
			timestamp('start_at', { index: true, fr: 'Début' }),
			integer('duration_seconds', { min: 0, suffix: 's', fr: 'Durée (secondes)' }),
			text('purpose', { fr: 'Objectif' }), text('result', { fr: 'Résultat' }),
			text('description', { multiline: true, fr: 'Description' }),
			tags(), ...timestamps(),
		));

	plan.collection('services', { icon: 'home_repair_service', display_template: '{{name}}', note: 'The service catalogue: what the team books', names: { en: ['Service', 'Services'], fr: ['Service', 'Services'] } }, (c) => c
		.add(
			uuidKey(),
			text('name', { required: true, fr: 'Nom' }),
			choice('status', [['active', tr('Active', 'Actif')], ['unused', tr('Unused', 'Inutilisé')]], { required: true, default: 'active', index: true, fr: 'Statut', colors: { active: COLORS.green, unused: COLORS.grey } }),
			timestamp('unavailable_until', { fr: 'Indisponible jusqu’au', note: tr('Temporarily unavailable until this moment; empty when available', 'Temporairement indisponible jusqu’à ce moment ; vide quand le service est disponible'), index: true }),
			presentation('quick_actions', 'service-quick-actions', { fr: 'Actions rapides', note: tr('Quick actions of the service catalogue', 'Actions rapides du catalogue de services') }),
		)
		// The service itself, as a relation: the list's Availability column reads its status and
		// unavailable_until together through it (a display only receives its own field's value).
		.m2o('availability', 'services', { template: '{{status}}', hidden: true, readonly: true, fr: 'Disponibilité', onDelete: 'SET NULL', display: SERVICE_AVAILABILITY_DISPLAY })
		.owner(tr('Service owner', 'Propriétaire du service'))
		.members(tr('Members who deliver this service', 'Membres qui assurent ce service'))
		.add(
			divider('booking_divider', tr('Booking', 'Réservation')),
			integer('duration_min', { min: 1, suffix: 'min', fr: 'Durée minimale', note: tr('Shortest bookable duration, in minutes', 'Durée réservable la plus courte, en minutes') }),
			integer('duration_max', { min: 1, suffix: 'min', fr: 'Durée maximale', note: tr('Longest bookable duration, in minutes', 'Durée réservable la plus longue, en minutes') }),
			choice('location', [['business', LOCATION.business], ['customer', LOCATION.customer], ['both', tr('Both', 'Les deux')]], { default: 'business', fr: 'Lieu' }),
			multiChoice('available_days', WEEKDAYS, { fr: 'Jours disponibles', note: tr('Days on which the service can be booked', 'Jours où le service peut être réservé') }),
			time('available_from', { fr: 'Disponible à partir de', note: tr('Earliest start time', 'Heure de début au plus tôt') }),
			time('available_to', { fr: 'Disponible jusqu’à', note: tr('Latest end time', 'Heure de fin au plus tard') }),
			date('available_start_date', { fr: 'Date de début', note: tr('First bookable date (optional)', 'Première date réservable (facultatif)') }),
			date('available_end_date', { fr: 'Date de fin', note: tr('Last bookable date (optional)', 'Dernière date réservable (facultatif)') }),
			divider('pricing_divider', tr('Pricing and details', 'Tarif et détails')),
			decimal('price', { prefix: '$', fr: 'Prix' }),
			decimal('tax_rate', { suffix: '%', precision: 5, fr: 'Taux de taxe' }),
			boolean('worksheet_required', { fr: 'Fiche de travail requise', label: tr('A worksheet is required to complete an appointment', 'Une fiche de travail est requise pour terminer un rendez-vous') }),
		)
		.m2o('image', 'directus_files', { template: '{{title}}', width: 'full', fr: 'Image' })
		.add(text('description', { html: true, fr: 'Description' }), tags(), ...timestamps()));

	plan.collection('contacts', { icon: 'contacts', display_template: '{{first_name}} {{last_name}}', names: { en: ['Contact', 'Contacts'], fr: ['Contact', 'Contacts'] } }, (c) => c
		.add(uuidKey(), text('first_name', { fr: 'Prénom' }), text('last_name', { required: true, fr: 'Nom' }), email('email', { fr: 'E-mail' }), text('phone', { placeholder: '+1 617 555 0100', fr: 'Téléphone' }), text('city', { fr: 'Ville' }), text('address', { fr: 'Adresse' }))
		.owner(tr('Contact owner', 'Propriétaire du contact'))
		.m2o('account', 'accounts', { template: '{{name}}', fr: 'Compte' })
		.add(date('subscription_date', { index: true, fr: 'Date d’abonnement', note: tr('Start of the customer subscription; renewal reminders are computed from it', 'Début de l’abonnement du client ; les rappels de renouvellement sont calculés à partir de cette date') }), tags(), ...timestamps()));

	plan.collection('accounts', { icon: 'domain', display_template: '{{name}}', archive_field: null, sort_field: null, names: { en: ['Account', 'Accounts'], fr: ['Compte', 'Comptes'] } }, (c) => c
		.add(uuidKey(), text('name', { required: true, width: 'full', fr: 'Nom' }), text('city', { fr: 'Ville' }), text('address', { fr: 'Adresse' }))
		.owner(tr('Account owner', 'Propriétaire du compte'))
		.add(tags(), ...timestamps()));

	plan.collection('leads', { icon: 'person_search', display_template: '{{name}}', names: { en: ['Lead', 'Leads'], fr: ['Lead', 'Leads'] } }, (c) => c
		.add(uuidKey(), text('name', { required: true, width: 'full', fr: 'Nom' }), email('email', { fr: 'E-mail' }), text('phone', { fr: 'Téléphone' }), text('city', { fr: 'Ville' }))
		.owner(tr('Lead owner', 'Propriétaire du lead'))
		.add(
			choice('priority', PRIORITIES, { default: 'normal', fr: 'Priorité', colors: { low: COLORS.grey, normal: COLORS.blue, high: COLORS.red } }),
			choice('status', [['new', tr('New', 'Nouveau')], ['contacted', tr('Contacted', 'Contacté')], ['qualified', tr('Qualified', 'Qualifié')], ['lost', tr('Lost', 'Perdu')]], { default: 'new', index: true, fr: 'Statut', colors: { new: COLORS.blue, contacted: COLORS.amber, qualified: COLORS.green, lost: COLORS.grey } }),
			integer('score', { default: 0, fr: 'Score' }),
			tags(), ...timestamps(),
		));

	plan.collection('deals', { icon: 'handshake', display_template: '{{name}}', names: { en: ['Deal', 'Deals'], fr: ['Affaire', 'Affaires'] } }, (c) => c
		.add(
			uuidKey(), text('name', { required: true, width: 'full', fr: 'Nom' }),
			choice('stage', [['qualification', tr('Qualification', 'Qualification')], ['proposal', tr('Proposal', 'Proposition')], ['negotiation', tr('Negotiation', 'Négociation')], ['closed_won', tr('Closed won', 'Conclue gagnée')], ['closed_lost', tr('Closed lost', 'Conclue perdue')]], { required: true, default: 'qualification', index: true, fr: 'Étape', colors: { qualification: COLORS.grey, proposal: COLORS.blue, negotiation: COLORS.amber, closed_won: COLORS.green, closed_lost: COLORS.red } }),
			decimal('amount', { prefix: '$', precision: 12, fr: 'Montant' }),
		)
		.m2o('contact', 'contacts', { template: '{{first_name}} {{last_name}}', fr: 'Contact' })
		.m2o('account', 'accounts', { template: '{{name}}', fr: 'Compte' })
		.owner(tr('Deal owner', 'Propriétaire de l’affaire'))
		.add(tags(), ...timestamps()));

	plan.collection('tasks', { icon: 'task_alt', display_template: '{{subject}}', names: { en: ['Task', 'Tasks'], fr: ['Tâche', 'Tâches'] } }, (c) => c
		.add(uuidKey(), text('subject', { required: true, width: 'full', fr: 'Objet' }))
		.owner(tr('Who does it', 'Qui s’en charge'))
		.add(
			timestamp('due_date', { index: true, fr: 'Échéance' }),
			choice('status', [['open', tr('Open', 'Ouverte')], ['in_progress', tr('In progress', 'En cours')], ['completed', tr('Completed', 'Terminée')]], { required: true, default: 'open', index: true, fr: 'Statut', colors: { open: COLORS.blue, in_progress: COLORS.amber, completed: COLORS.green } }),
			choice('priority', PRIORITIES, { default: 'normal', fr: 'Priorité', colors: { low: COLORS.grey, normal: COLORS.blue, high: COLORS.red } }),
			text('related_collection', { fr: 'Collection liée', note: tr('Collection of the record this task is about', 'Collection de l’enregistrement concerné par cette tâche'), readonly: false }),
			text('related_item', { fr: 'Élément lié', note: tr('Key of the record this task is about', 'Clé de l’enregistrement concerné par cette tâche') }),
			text('description', { multiline: true, fr: 'Description' }),
			...timestamps(),
		));

	plan.collection('worksheets', { icon: 'assignment', display_template: '{{appointment.title}}', note: 'Service worksheets; add the fields your technicians fill in', names: { en: ['Worksheet', 'Worksheets'], fr: ['Fiche de travail', 'Fiches de travail'] } }, (c) => c
		.add(uuidKey())
		.m2o('appointment', 'appointments', { template: '{{title}}', required: true, index: true, onDelete: 'CASCADE', fr: 'Rendez-vous' })
		.add(
			text('model_number', { fr: 'Numéro de modèle' }), text('serial_number', { fr: 'Numéro de série' }), date('warranty_expiry', { fr: 'Fin de garantie' }),
			text('spare_parts', { multiline: true, fr: 'Pièces de rechange' }), text('notes', { multiline: true, fr: 'Notes' }),
			...timestamps(),
		));

	// Last of the CRM: Content opens on the first collection, and settings are not where a user starts.
	plan.collection('crm_settings', { singleton: true, icon: 'tune', note: 'Time zone, business hours and worksheet switch of the CRM', names: { en: ['CRM settings', 'CRM settings'], fr: ['Paramètres CRM', 'Paramètres CRM'] } }, (c) => c.add(
		integerKey(),
		text('timezone', { required: true, fr: 'Fuseau horaire', note: tr('IANA time zone in which service hours, business hours and date triggers are read', 'Fuseau horaire IANA dans lequel sont lues les heures des services, les heures d’ouverture et les déclencheurs de date'), placeholder: 'America/New_York' }),
		boolean('worksheets_enabled', { fr: 'Fiches de travail activées', label: tr('Require worksheets where services ask for them', 'Exiger les fiches de travail là où les services les demandent'), note: tr('When on, an appointment of a service that requires a worksheet cannot be completed without one', 'Activé, un rendez-vous d’un service qui exige une fiche de travail ne peut pas être terminé sans elle') }),
		json('business_hours', {
			interface: 'list',
			fr: 'Heures d’ouverture',
			note: tr('Opening hours per weekday; a day that is not listed is closed', 'Heures d’ouverture par jour de la semaine ; un jour absent de la liste est fermé'),
			options: {
				template: '{{day}}: {{open}} – {{close}}',
				addLabel: tr('Add opening hours', 'Ajouter des heures d’ouverture'),
				fields: [
					{ field: 'day', name: tr('Day', 'Jour'), type: 'string', meta: { field: 'day', type: 'string', width: 'full', interface: 'select-dropdown', required: true, options: { choices: WEEKDAYS.map(([value, label]) => ({ value, text: label })) } } },
					{ field: 'open', name: tr('Opens', 'Ouverture'), type: 'string', meta: { field: 'open', type: 'string', width: 'half', interface: 'input', required: true, options: { placeholder: '08:00' } } },
					{ field: 'close', name: tr('Closes', 'Fermeture'), type: 'string', meta: { field: 'close', type: 'string', width: 'half', interface: 'input', required: true, options: { placeholder: '18:00' } } },
				],
			},
		}),
	));
}
