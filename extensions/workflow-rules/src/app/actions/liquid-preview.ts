/**
 * The Liquid preview of an action: which of its texts are templates worth rendering, the request
 * for each (`POST /workflows/templates/preview` with one template), and the error the API answers
 * for a broken one (its message, line and column).
 */
import { actionTypeOf, isSavedReference, recipientList, type EditorAction } from './action-model';

export interface TemplateText {
	/** The option it comes from: `subject`, `body`, `to[0]`, `values.status`, `headers.X-Id`. */
	key: string;
	text: string;
}

export interface PreviewProblem {
	message: string;
	line: number | null;
	column: number | null;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isLiquid = (value: unknown): value is string => isText(value) && (value.includes('{{') || value.includes('{%'));

/** The texts of an action the preview renders: subjects and bodies always, other options when they hold Liquid. */
export function templateTexts(action: EditorAction): TemplateText[] {
	if (isSavedReference(action)) return [];
	const options = (action['options'] as Record<string, unknown> | undefined) ?? {};
	const found: TemplateText[] = [];
	const push = (key: string, value: unknown, always = false) => {
		if (always ? isText(value) : isLiquid(value)) found.push({ key, text: value as string });
	};
	switch (actionTypeOf(action)) {
		case 'email':
			for (const key of ['to', 'cc', 'bcc']) recipientList(options[key]).forEach((entry, index) => push(`${key}[${index}]`, entry));
			push('subject', options['subject'], true);
			push('body', options['body'], true);
			break;
		case 'webhook':
			push('url', options['url']);
			for (const [name, value] of Object.entries((options['headers'] as Record<string, unknown> | null) ?? {})) push(`headers.${name}`, value);
			push('body', options['body'], true);
			break;
		case 'update_fields':
			for (const [field, value] of Object.entries((options['values'] as Record<string, unknown> | null) ?? {})) push(`values.${field}`, value);
			break;
		case 'create_task':
			push('subject', options['subject'], true);
			push('description', options['description'], true);
			break;
		default:
			break;
	}
	return found;
}

export function hasTemplates(action: EditorAction): boolean {
	const type = actionTypeOf(action);
	return !isSavedReference(action) && (type === 'email' || type === 'webhook' || type === 'update_fields' || type === 'create_task');
}

export function previewBody(collection: string, item: string | number, template: string): Record<string, unknown> {
	return { collection, item: String(item), template };
}

/** The API's answer to a preview that failed, in words (INVALID_TEMPLATE carries line and column). */
export function previewProblem(error: unknown): PreviewProblem {
	const response = (error as { response?: { data?: { errors?: { message?: string; extensions?: Record<string, unknown> }[] } } } | null)?.response;
	const first = response?.data?.errors?.[0];
	if (!first) return { message: error instanceof Error ? error.message : String(error), line: null, column: null };
	const extensions = first.extensions ?? {};
	const line = typeof extensions['line'] === 'number' ? extensions['line'] : null;
	const column = typeof extensions['column'] === 'number' ? extensions['column'] : null;
	const message = typeof extensions['problem'] === 'string' ? extensions['problem'] : (first.message ?? 'preview failed');
	return { message, line, column };
}
