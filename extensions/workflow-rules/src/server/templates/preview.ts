import type { Accountability, SchemaOverview } from '@directus/types';
import { templateFields } from '../../core/actions/template-fields.js';
import { jobFields } from '../../core/engine/needed-fields.js';
import { ACTION_TYPES, type ActionType } from '../../core/rule/rule-types.js';
import { templateScope } from '../actions/action-definition.js';
import { parseActionOptions } from '../actions/parse-action-options.js';
import { actionDefinition } from '../actions/registry.js';
import type { Item, ItemsServiceClass } from '../engine/record-reader.js';
import { BadRequestError, InvalidTemplateError } from '../errors.js';
import { collectionOf, primaryKeyOf } from '../rules/schema-info-adapter.js';
import { isTemplate, renderTemplate, templateErrorPosition } from './liquid.js';

export interface PreviewRequest {
	collection?: unknown;
	item?: unknown;
	/** One template to render… */
	template?: unknown;
	/** …or every template of an action (`{ type, options }`). */
	action?: unknown;
	/** Values of the record before the write, for `previous`. */
	previous?: unknown;
	event?: unknown;
}

export interface PreviewDeps {
	schema: SchemaOverview;
	ItemsService: ItemsServiceClass;
	accountability: Accountability;
}

/** Every template text of some options, by its path (`options.values.title`). */
function templatesOf(value: unknown, path: string, found: [string, string][] = []): [string, string][] {
	if (isTemplate(value)) found.push([path, value]);
	else if (Array.isArray(value)) value.forEach((entry, index) => templatesOf(entry, `${path}[${index}]`, found));
	else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) templatesOf(entry, `${path}.${key}`, found);
	return found;
}

/** Templates one preview may render: each may take up to the render limit, back to back. */
const MAX_TEMPLATES = 20;

function templatesToRender(body: PreviewRequest): [string, string][] {
	if (typeof body.template === 'string') return [['template', body.template]];
	if (body.template !== undefined) throw new BadRequestError({ field: 'template', problem: 'must be a Liquid template (text)' });
	const action = body.action as { type?: unknown; options?: unknown } | null | undefined;
	if (!action || typeof action !== 'object') throw new BadRequestError({ field: 'template', problem: 'a template, or an action ({ type, options }), is required' });
	if (!(ACTION_TYPES as readonly unknown[]).includes(action.type)) throw new BadRequestError({ field: 'action.type', problem: `must be one of ${ACTION_TYPES.join(', ')}` });
	const definition = actionDefinition(action.type as ActionType);
	if (!definition) throw new BadRequestError({ field: 'action.type', problem: `action type "${String(action.type)}" is not available in this version` });
	const parsed = parseActionOptions(definition, action.options);
	if (!parsed.ok) throw new BadRequestError({ field: `action.${parsed.issues[0]!.path}`, problem: parsed.issues[0]!.problem });
	const templates = templatesOf(parsed.options, 'action.options');
	if (templates.length > MAX_TEMPLATES) throw new BadRequestError({ field: 'action.options', problem: `at most ${MAX_TEMPLATES} templates can be previewed at once` });
	return templates;
}

/**
 * Renders a template, or every template of an action, against a real item as the action would:
 * the relations the templates name are loaded, `record`, `previous`, `event`, `rule`, `now` are in
 * scope. The item is read with the caller's own permissions (403/404 as `GET /items` answers).
 * A template that fails answers 400 with its path, message, line and column.
 */
export async function previewTemplates(body: PreviewRequest, deps: PreviewDeps, now = new Date()): Promise<{ rendered: Record<string, string> }> {
	if (typeof body.collection !== 'string' || !collectionOf(deps.schema, body.collection)) throw new BadRequestError({ field: 'collection', problem: 'must name a collection' });
	if (body.item === undefined || body.item === null || body.item === '' || typeof body.item === 'object') throw new BadRequestError({ field: 'item', problem: 'the key of the item to render against is required' });
	if (body.previous !== undefined && body.previous !== null && (typeof body.previous !== 'object' || Array.isArray(body.previous))) throw new BadRequestError({ field: 'previous', problem: 'must be an object of field values' });
	const templates = templatesToRender(body);

	const collection = body.collection;
	const item = String(body.item);
	const fields = ['*', ...jobFields(null, templates.flatMap(([, text]) => templateFields(text)))];
	const record = (await new deps.ItemsService(collection, { schema: deps.schema, accountability: deps.accountability }).readOne(item, { fields })) as Item;

	const scope = templateScope({
		record,
		previous: (body.previous as Item | undefined) ?? null,
		event: typeof body.event === 'string' ? body.event : null,
		collection,
		item: String(record[primaryKeyOf(deps.schema, collection)] ?? item),
		rule: null,
		now,
	});
	const rendered: Record<string, string> = {};
	for (const [path, text] of templates) {
		try {
			// An email's body is HTML: the values put into it are escaped, as when it is sent.
			rendered[path] = await renderTemplate(text, scope, path, { html: path === 'action.options.body' && (body.action as { type?: unknown }).type === 'email' });
		} catch (error) {
			const position = templateErrorPosition(error);
			throw new InvalidTemplateError({ path, problem: error instanceof Error ? error.message.replace(`${path}: `, '') : String(error), line: position?.line ?? null, column: position?.column ?? null });
		}
	}
	return { rendered };
}
