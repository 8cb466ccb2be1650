import { Liquid } from 'liquidjs';
import { PermanentActionError } from '../../core/actions/action-errors.js';

/**
 * Liquid rendering for action options. Record values are data: they are passed in the scope and
 * never parsed as templates. liquidjs' limits are off by default; here they bound what one
 * template may cost.
 */
const engine = new Liquid({
	strictFilters: true,
	ownPropertyOnly: true,
	parseLimit: 100_000,
	renderLimit: 1_000,
	memoryLimit: 10_000_000,
	cache: 200,
});

export type TemplateScope = Record<string, unknown>;

export function isTemplate(value: unknown): value is string {
	return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

/** Renders a template; a broken template fails for good, since retrying cannot mend it. */
export async function renderTemplate(template: string, scope: TemplateScope, where = 'template'): Promise<string> {
	try {
		return await engine.parseAndRender(template, scope);
	} catch (error) {
		throw new PermanentActionError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
	}
}
