import { templateFields } from '../../../core/actions/template-fields.js';
import { createTaskOptions } from '../../../core/rule/action-options.js';
import { readCrmSettings } from '../../catalogue/crm-settings.js';
import { defineAction } from '../action-definition.js';
import { dueDate } from './due-date.js';
import { RECORD_OWNER, taskOwner } from './task-owner.js';

export const TASKS_COLLECTION = 'tasks';

/**
 * Creates a task about the triggering record (`related_collection`/`related_item`) for its owner
 * or a given user, due `due_in` from now in the CRM's time zone. Returns the task's key.
 */
export const createTask = defineAction({
	type: 'create_task',
	options: createTaskOptions,
	fields(options) {
		const paths = templateFields({ subject: options.subject, description: options.description });
		// Templates reading owner.<field> make `owner` an object: keep its key in it.
		return options.owner === RECORD_OWNER && paths.some((path) => path.startsWith('owner.')) ? [...paths, 'owner.id'] : paths;
	},
	writes: () => [],
	async run(options, run) {
		const task: Record<string, unknown> = {
			subject: await run.render(options.subject, 'subject'),
			owner: await taskOwner(options.owner, run),
			related_collection: run.collection,
			related_item: run.item,
		};
		if (options.description) task['description'] = await run.render(options.description, 'description');
		if (options.priority) task['priority'] = options.priority;
		if (options.due_in) task['due_date'] = dueDate(run.now, options.due_in, (await readCrmSettings(run.knex)).timezone)?.toISOString();

		// A retried job never makes a second task: this insert runs in the transaction that marks
		// the job succeeded (run-job.ts), so an attempt that fails takes its task back with it and
		// one that commits is never run again.
		const id = await run.items(TASKS_COLLECTION).createOne(task, { ...run.hold });
		return { task: id };
	},
});
