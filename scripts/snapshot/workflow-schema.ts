/**
 * The rule engine's collections (SPEC §3 and §6): rules as items, one run row per evaluation,
 * per-record rule state for the execution modes, and the durable job table.
 */
import { boolean, choice, code, collectionName, filter, integer, integerKey, json, oneToMany, text, textKey, timestamp, timestamps, tr, uniqueKey, uuidKey } from './field-kit.js';
import { COLORS, Plan } from './plan.js';

const RULE_TEMPLATE = JSON.stringify({ type: 'event', events: ['created'] }, null, 2);

/** How a run is named wherever it is listed or linked: its rule, then the record it ran on. */
export const RUN_TEMPLATE = '{{rule.name}} · {{record_title}}';

export function workflowSchema(plan: Plan): void {
	// Below the CRM in the navigation, folded: the engine's log and configuration, not daily work.
	plan.startFolder('workflow', { icon: 'account_tree', note: 'Workflow rules and what they did', names: { en: ['Workflow', 'Workflow'], fr: ['Workflow', 'Workflow'] } });

	plan.collection('workflow_rules', { icon: 'account_tree', display_template: '{{name}}', sort_field: 'sort', note: 'Workflow rules: when a record event or date occurs and conditions hold, run actions', names: { en: ['Workflow rule', 'Workflow rules'], fr: ['Règle de workflow', 'Règles de workflow'] } }, (c) => c.add(
		uuidKey(),
		choice('status', [['active', tr('Active', 'Active')], ['inactive', tr('Inactive', 'Inactive')]], { required: true, default: 'active', index: true, fr: 'Statut', colors: { active: COLORS.green, inactive: COLORS.grey } }),
		text('name', { required: true, fr: 'Nom' }),
		text('description', { multiline: true, fr: 'Description' }),
		collectionName('collection', { required: true, index: true, fr: 'Module', note: tr('The module the rule applies to', 'Le module auquel la règle s’applique') }),
		choice('execution', [['every_time', tr('Every time', 'À chaque fois')], ['first_time', tr('Only the first time', 'Uniquement la première fois')], ['on_change', tr('When the conditions become true', 'Quand les conditions deviennent vraies')]], { required: true, default: 'every_time', fr: 'Exécution' }),
		code('trigger', { required: true, fr: 'Déclencheur', note: tr('When: record events, a date field, or a schedule', 'Quand : des événements d’enregistrement, un champ date ou une planification'), template: RULE_TEMPLATE }),
		filter('conditions', 'collection', { fr: 'Conditions', note: tr('Which records: empty means all records', 'Quels enregistrements : vide signifie tous les enregistrements') }),
		filter('previous_conditions', 'collection', { fr: 'Conditions précédentes', note: tr('Optional: the record must have matched this before the change (from → to)', 'Facultatif : l’enregistrement devait y correspondre avant la modification (de → à)') }),
		code('actions', { required: true, fr: 'Actions', note: tr('Instant and scheduled actions', 'Actions instantanées et planifiées') }),
		integer('sort', { hidden: true }),
		boolean('trace_evaluations', { fr: 'Journaliser chaque évaluation', label: tr('Log every evaluation', 'Journaliser chaque évaluation'), note: tr('Also log the evaluations that do not match, with their trace, for 24 hours', 'Journalise aussi les évaluations sans correspondance, avec leur trace, pendant 24 heures') }),
		timestamp('trace_until', { readonly: true, fr: 'Journalisé jusqu’au', note: tr('Evaluations that do not match are logged until then', 'Les évaluations sans correspondance sont journalisées jusqu’à ce moment') }),
		{ field: 'user_created', type: 'uuid', meta: { special: ['user-created'], interface: 'select-dropdown-m2o', readonly: true, hidden: true, width: 'half', display: 'user' }, schema: {} },
		...timestamps(),
	));

	plan.collection('workflow_actions', { icon: 'bolt', display_template: '{{name}} · {{type}}', note: 'Saved actions: defined once, associated to several rules ({ "use": id }); a change applies to every rule that uses it', names: { en: ['Saved action', 'Saved actions'], fr: ['Action enregistrée', 'Actions enregistrées'] } }, (c) => c.add(
		uuidKey(),
		text('name', { required: true, fr: 'Nom' }),
		choice('type', [['email', tr('Send email', 'Envoyer un e-mail')], ['webhook', tr('Call webhook', 'Appeler un webhook')], ['update_fields', tr('Update fields', 'Mettre à jour des champs')], ['tag', tr('Tag record', 'Étiqueter l’enregistrement')], ['create_task', tr('Create task', 'Créer une tâche')], ['run_flow', tr('Run Flow', 'Exécuter un Flow')]], { required: true, fr: 'Type' }),
		code('options', { required: true, fr: 'Options', note: tr('The action’s options (SPEC §5)', 'Les options de l’action (SPEC §5)') }),
		code('timing', { fr: 'Moment', note: tr('Default timing of the rules that use it; a rule may set its own', 'Moment par défaut des règles qui l’utilisent ; une règle peut fixer le sien') }),
		text('description', { multiline: true, fr: 'Description' }),
		...timestamps(),
	));

	plan.collection('workflow_runs', { icon: 'receipt_long', display_template: RUN_TEMPLATE, sort_field: null, note: 'Rule evaluations that matched, were skipped, failed or were cut (and every evaluation while a rule logs them all): what was seen and what was planned', names: { en: ['Run', 'Runs'], fr: ['Exécution', 'Exécutions'] } }, (c) => c
		.add(integerKey())
		.m2o('rule', 'workflow_rules', { template: '{{name}}', index: true, onDelete: 'SET NULL', fr: 'Règle' })
		.add(
			choice('outcome', [['matched', tr('Matched', 'Correspondance')], ['not_matched', tr('Not matched', 'Aucune correspondance')], ['skipped', tr('Skipped', 'Ignorée')], ['depth_limit', tr('Cascade cut', 'Cascade interrompue')], ['error', tr('Error', 'Erreur')]], { required: true, index: true, fr: 'Résultat', colors: { matched: COLORS.green, not_matched: COLORS.grey, skipped: COLORS.blue, depth_limit: COLORS.amber, error: COLORS.red } }),
			boolean('matched', { readonly: true, fr: 'Correspond' }),
			text('collection', { readonly: true, index: true, fr: 'Collection' }),
			text('item', { readonly: true, index: true, fr: 'Élément' }),
			text('record_title', { readonly: true, fr: 'Enregistrement', note: tr('The record as its collection names it (display template), when the run was written', 'L’enregistrement tel que sa collection le nomme (modèle d’affichage), au moment de l’exécution') }),
			text('event', { readonly: true, fr: 'Événement' }),
			json('events', { readonly: true, fr: 'Événements', note: tr('Every event of the write the rule listened to: a rule fires once per write', 'Chaque événement de l’écriture que la règle écoutait : une règle se déclenche une fois par écriture') }),
			integer('depth', { readonly: true, fr: 'Profondeur', note: tr('Cascade depth: 0 for a user write, n for a write made by a rule action', 'Profondeur de cascade : 0 pour une écriture d’un utilisateur, n pour une écriture faite par une action de règle') }),
			integer('duration_ms', { readonly: true, suffix: 'ms', fr: 'Durée (ms)' }),
			text('message', { multiline: true, readonly: true, fr: 'Message', note: tr('Why the run was skipped or cut, or the error', 'Pourquoi l’exécution a été ignorée ou interrompue, ou l’erreur') }),
			json('trace', { readonly: true, fr: 'Trace', note: tr('Each condition with the value it saw', 'Chaque condition avec la valeur qu’elle a vue') }),
			json('actions', { readonly: true, fr: 'Actions', note: tr('The actions planned by this run', 'Les actions planifiées par cette exécution') }),
			json('rule_snapshot', { readonly: true, fr: 'Règle exécutée', note: tr('The rule as it ran', 'La règle telle qu’elle s’est exécutée') }),
			oneToMany('jobs', { template: '{{action_type}} · {{status}}', readonly: true, fr: 'Jobs' }),
			{ field: 'date_created', type: 'timestamp', meta: { special: ['date-created'], interface: 'datetime', readonly: true, width: 'half', display: 'datetime', display_options: { relative: true }, translations: [{ language: 'fr-FR', translation: 'Date de création' }] }, schema: { is_indexed: true } },
		));

	plan.collection('workflow_usage', { icon: 'query_stats', hidden: true, note: 'Per rule and UTC day: how many evaluations, matches, skips and errors (what the usage report reads)', names: { en: ['Usage', 'Usage'], fr: ['Utilisation', 'Utilisation'] } }, (c) => c.add(
		integerKey(),
		uniqueKey('key', { note: 'rule:day' }),
		text('rule', { readonly: true, index: true }),
		text('day', { readonly: true, index: true }),
		integer('evaluations', { default: 0, readonly: true }),
		integer('matched', { default: 0, readonly: true }),
		integer('not_matched', { default: 0, readonly: true }),
		integer('skipped', { default: 0, readonly: true }),
		integer('errors', { default: 0, readonly: true }),
		integer('cascade_cut', { default: 0, readonly: true }),
	));

	plan.collection('workflow_rule_state', { icon: 'flag', hidden: true, note: 'Per rule and record: first-time and on-change bookkeeping', names: { en: ['Rule state', 'Rule states'], fr: ['État de règle', 'États de règle'] } }, (c) => c.add(
		integerKey(),
		uniqueKey('key', { note: 'mode:rule:collection:item' }),
		text('rule', { readonly: true, index: true }),
		text('collection', { readonly: true }),
		text('item', { readonly: true }),
		boolean('matched', { readonly: true }),
		timestamp('fired_at', { readonly: true }),
		...timestamps(),
	));

	plan.collection('workflow_intents', { icon: 'hourglass_top', hidden: true, note: 'Records of writes whose rule evaluation is still owed: recovered by the worker when a process died before storing it', names: { en: ['Write intent', 'Write intents'], fr: ['Écriture en attente', 'Écritures en attente'] } }, (c) => c.add(
		textKey(),
		text('write_id', { readonly: true, index: true }),
		text('collection', { readonly: true }),
		text('item', { readonly: true, index: true }),
		text('kind', { readonly: true }),
		json('before', { readonly: true }),
		json('written', { readonly: true }),
		text('user', { readonly: true }),
		text('role', { readonly: true }),
		integer('depth', { default: 0, readonly: true }),
		text('locked_by', { readonly: true }),
		timestamp('locked_until', { readonly: true, index: true }),
		timestamp('date_created', { readonly: true }),
	));

	plan.collection('workflow_jobs', { icon: 'pending_actions', display_template: '{{rule.name}} · {{action_type}} · {{status}}', note: 'Durable action jobs: due now or later, retried, leased to one instance', names: { en: ['Job', 'Jobs'], fr: ['Job', 'Jobs'] } }, (c) => c
		.add(integerKey())
		.m2o('run', 'workflow_runs', { template: RUN_TEMPLATE, type: 'integer', index: true, onDelete: 'SET NULL', oneField: 'jobs', fr: 'Exécution' })
		.m2o('rule', 'workflow_rules', { template: '{{name}}', index: true, onDelete: 'SET NULL', fr: 'Règle' })
		.add(
			uniqueKey('idempotency_key', { note: tr('rule:collection:item:occurrence:action — one job per action per event occurrence', 'règle:collection:élément:occurrence:action — un job par action et par occurrence d’événement') }),
			choice('status', [['pending', tr('Pending', 'En attente')], ['running', tr('Running', 'En cours')], ['succeeded', tr('Succeeded', 'Réussi')], ['failed', tr('Failed', 'Échoué')], ['skipped', tr('Skipped', 'Ignoré')], ['cancelled', tr('Cancelled', 'Annulé')]], { required: true, default: 'pending', index: true, fr: 'Statut', colors: { pending: COLORS.blue, running: COLORS.purple, succeeded: COLORS.green, failed: COLORS.red, skipped: COLORS.grey, cancelled: COLORS.grey } }),
			integer('action_index', { readonly: true }),
			text('action_type', { readonly: true, fr: 'Type d’action' }),
			text('timing', { readonly: true, fr: 'Moment' }),
			text('collection', { readonly: true, index: true, fr: 'Collection' }),
			text('item', { readonly: true, index: true, fr: 'Élément' }),
			text('event', { readonly: true, fr: 'Événement' }),
			timestamp('due_at', { required: true, index: true, fr: 'Échéance' }),
			integer('attempts', { default: 0, readonly: true, fr: 'Tentatives' }),
			integer('max_attempts', { default: 5, readonly: true }),
			timestamp('locked_until', { readonly: true }),
			text('locked_by', { readonly: true }),
			integer('depth', { default: 0, readonly: true }),
			json('context', { readonly: true, fr: 'Contexte', note: tr('Event, record key, previous values: what the action needs when it runs', 'Événement, clé de l’enregistrement, valeurs précédentes : ce dont l’action a besoin quand elle s’exécute') }),
			json('result', { readonly: true, fr: 'Résultat' }),
			text('last_error', { multiline: true, readonly: true, fr: 'Dernière erreur' }),
			text('error_class', { readonly: true, fr: 'Type d’erreur', note: tr('What failed last: timeout, connection, http, smtp, template, refused, …', 'Ce qui a échoué en dernier : timeout, connection, http, smtp, template, refused, …') }),
			integer('error_status', { readonly: true, fr: 'Code d’erreur', note: tr('The HTTP or SMTP status of the last failure, when the other side answered', 'Le statut HTTP ou SMTP du dernier échec, quand l’autre partie a répondu') }),
			timestamp('finished_at', { readonly: true, fr: 'Terminé le' }),
			...timestamps(),
		));

	plan.endFolder();
}
