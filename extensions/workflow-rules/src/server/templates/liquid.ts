import { Liquid, Tag, type FS } from 'liquidjs';
import { PermanentActionError } from '../../core/actions/action-errors.js';

/**
 * Liquid rendering for action options. Record values are data: they are passed in the scope and
 * never parsed as templates. liquidjs' limits are off by default; here they bound what one
 * template may cost.
 *
 * liquidjs reads partials and layouts from the process' working directory by default, so a rule
 * author could copy any project file (secrets, the SQLite database) into a record. Templates are
 * written by API users, not deployed with the code: they get no file system at all.
 */
const NO_FILES = 'templates cannot read files';

/** The tags that load another template from disk; each one refuses at parse time, with its position. */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Backs any lookup a future liquidjs tag might make: nothing exists and nothing can be read. */
const noFileSystem: FS = {
	exists: async () => false,
	existsSync: () => false,
	contains: async () => false,
	containsSync: () => false,
	readFile: async () => {
		throw new Error(NO_FILES);
	},
	readFileSync: () => {
		throw new Error(NO_FILES);
	},
	resolve: (_dir, file) => file,
};

/**
 * Every engine is built here, so that all share the limits and the absence of files; they differ
 * only in how `{{ }}` output is escaped.
 */
function createEngine(outputEscape?: 'escape'): Liquid {
	const engine = new Liquid({
		strictFilters: true,
		ownPropertyOnly: true,
		parseLimit: 100_000,
		// A render holds the event loop: kept far under Directus' pressure limiter (500 ms of
		// event-loop delay by default), past which every request of every user answers 503.
		renderLimit: 100,
		memoryLimit: 10_000_000,
		cache: 200,
		fs: noFileSystem,
		root: [],
		partials: [],
		layouts: [],
		relativeReference: false,
		...(outputEscape ? { outputEscape } : {}),
	});

	for (const name of FILE_TAGS) {
		engine.registerTag(
			name,
			class extends Tag {
				constructor(...args: ConstructorParameters<typeof Tag>) {
					super(...args);
					throw new Error(`${NO_FILES}: {% ${name} %} is not available`);
				}

				*render(): Generator<never, void, unknown> {}
			},
		);
	}
	return engine;
}

const engines = {
	text: createEngine(),
	// Record values printed into an HTML mail body are text: `<script>` in a record arrives as
	// `&lt;script&gt;`. A rule author who means to print HTML from a record writes `| raw`.
	html: createEngine('escape'),
};

export type TemplateScope = Record<string, unknown>;

export function isTemplate(value: unknown): value is string {
	return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

export interface RenderOptions {
	/** HTML-escape every `{{ }}` output: for templates whose result is HTML. */
	html?: boolean;
}

/** Renders a template; a broken template fails for good, since retrying cannot mend it. */
export async function renderTemplate(template: string, scope: TemplateScope, where = 'template', { html = false }: RenderOptions = {}): Promise<string> {
	try {
		return await (html ? engines.html : engines.text).parseAndRender(template, scope);
	} catch (error) {
		throw new PermanentActionError(`${where}: ${error instanceof Error ? error.message : String(error)}`, { kind: 'template' }, { cause: error });
	}
}

/** Where in its template a Liquid error happened (1-based), when liquidjs knows. */
export function templateErrorPosition(error: unknown): { line: number; column: number } | null {
	const token = ((error as { cause?: unknown } | null)?.cause ?? error) as { token?: { getPosition?: () => [number, number] } } | null;
	const position = token?.token?.getPosition?.();
	return position ? { line: position[0], column: position[1] } : null;
}
