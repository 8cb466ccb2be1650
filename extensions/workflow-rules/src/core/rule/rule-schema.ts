/**
 * The structure of a rule (SPEC §3) as one zod schema, and its parse into a `RuleDefinition` with
 * defaults applied and issues at JSON paths (`actions[1].options.url: must be an absolute http(s)
 * URL`). Checks that need the data model (collections, fields, events) live in validate-rule.ts.
 */
import { CronPattern } from 'croner';
import { z } from 'zod';
import { ACTION_OPTIONS, isoDuration, nonBlank } from './action-options.js';
import { jsonLimitIssue } from './json-limits.js';
import { ACTION_TYPES, type RuleDefinition, type RuleIssue } from './rule-types.js';

export const TRIGGER_TYPES = ['event', 'date', 'schedule'] as const;
export const TIMING_TYPES = ['instant', 'after_trigger', 'relative_to_field'] as const;
export const MAX_NAME_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_ACTIONS = 50;
/** Directus item fields a stored rule carries besides its definition: accepted and dropped. */
export const ITEM_METADATA_KEYS = ['id', 'user_created', 'date_created', 'user_updated', 'date_updated'] as const;

/** Error for a discriminated union whose `type` is missing or unknown. */
function unknownType(noun: string, expected: readonly string[]) {
	return (issue: { code: string; input?: unknown }): string | undefined => {
		if (issue.code !== 'invalid_union') return undefined;
		const type = (issue.input as { type?: unknown } | null | undefined)?.type;
		const list = `expected one of ${expected.join(', ')}`;
		return type === undefined ? `is required; ${list}` : `unknown ${noun} type ${JSON.stringify(type)}; ${list}`;
	};
}

/** Why `cron` is not a cron expression croner accepts (5 or 6 fields), or null. */
export function cronProblem(cron: string): string | null {
	try {
		new CronPattern(cron);
		return null;
	} catch (error) {
		const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '');
		return `must be a valid cron expression such as "0 9 * * 1" (${reason})`;
	}
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (24 h), such as 09:00');
const cron = z.string().superRefine((value, ctx) => {
	const problem = cronProblem(value);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const filter = z.record(z.string(), z.unknown()).nullable();

/** JSON fields may reach validation as JSON text (SQLite, raw payloads): parse it first. */
function jsonField<T extends z.ZodType>(schema: T) {
	return z.preprocess((value) => {
		if (typeof value !== 'string') return value;
		try {
			return JSON.parse(value) as unknown;
		} catch {
			return value;
		}
	}, schema);
}

export const triggerSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject({ type: z.literal('event'), events: z.array(nonBlank).min(1), fields: z.array(nonBlank).nullish() }),
		z.strictObject({
			type: z.literal('date'),
			field: nonBlank,
			offset: isoDuration.nullish(),
			time: time.nullish(),
			recurrence: z.enum(['none', 'monthly', 'yearly']).nullish().transform((value) => value ?? 'none'),
		}),
		z.strictObject({ type: z.literal('schedule'), cron }),
	],
	{ error: unknownType('trigger', TRIGGER_TYPES) },
);

export const timingSchema = z.discriminatedUnion(
	'type',
	[
		z.strictObject({ type: z.literal('instant') }),
		z.strictObject({ type: z.literal('after_trigger'), offset: isoDuration }),
		z.strictObject({ type: z.literal('relative_to_field'), field: nonBlank, offset: isoDuration }),
	],
	{ error: unknownType('timing', TIMING_TYPES) },
);

function actionVariant<T extends keyof typeof ACTION_OPTIONS>(type: T) {
	// `use`: the saved action this one was resolved from (server/actions/saved-actions.ts).
	return z.strictObject({ type: z.literal(type), timing: timingSchema, options: ACTION_OPTIONS[type], name: z.string().nullish(), use: z.string().nullish() });
}

export const actionSchema = z.discriminatedUnion(
	'type',
	[
		actionVariant('email'),
		actionVariant('webhook'),
		actionVariant('update_fields'),
		actionVariant('tag'),
		actionVariant('create_task'),
		actionVariant('run_flow'),
	],
	{ error: unknownType('action', ACTION_TYPES) },
);

// Every run snapshots its rule and every job carries its action: their size is paid on each write.
const actions = z
	.array(actionSchema)
	.max(MAX_ACTIONS)
	.superRefine((list, ctx) => {
		const issue = jsonLimitIssue(list, '');
		if (issue) ctx.addIssue({ code: 'custom', message: issue.message });
	});

export const ruleSchema = z.strictObject({
	name: nonBlank.max(MAX_NAME_LENGTH),
	description: z.string().max(MAX_DESCRIPTION_LENGTH).nullish(),
	status: z.enum(['active', 'inactive']).default('active'),
	collection: nonBlank,
	trigger: jsonField(triggerSchema),
	conditions: jsonField(filter.default(null)),
	previous_conditions: jsonField(filter.optional()),
	execution: z.enum(['every_time', 'first_time', 'on_change']).default('every_time'),
	actions: jsonField(actions.default([])),
	sort: z.number().int().nullish(),
});

/** Parses the structure of a rule: the rule with defaults applied, or the issues found. */
export function parseRuleStructure(input: unknown): { rule: RuleDefinition | null; issues: RuleIssue[] } {
	const result = ruleSchema.safeParse(withoutItemMetadata(input), { error: issueMessage });
	if (result.success) return { rule: result.data, issues: [] };
	return { rule: null, issues: toRuleIssues(result.error.issues) };
}

/** Zod issues as rule issues, one per unknown key, at paths such as `actions[1].options.url`. */
export function toRuleIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): RuleIssue[] {
	return issues.flatMap((issue) => {
		const path = [...prefix, ...issue.path];
		if (issue.code !== 'unrecognized_keys') return [{ path: formatPath(path), message: issue.message }];
		const noun = path[path.length - 1] === 'options' ? 'option' : 'property';
		return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: `unknown ${noun} ${JSON.stringify(key)}; ${issue.message}` }));
	});
}

/** `['actions', 1, 'options', 'url']` → `actions[1].options.url`. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((text, key) => {
		if (typeof key === 'number') return `${text}[${key}]`;
		const name = String(key);
		return text === '' ? name : `${text}.${name}`;
	}, '');
}

const TYPE_NAMES: Record<string, string> = {
	string: 'a string',
	number: 'a number',
	int: 'an integer',
	boolean: 'a boolean',
	array: 'an array',
	object: 'an object',
	record: 'an object',
};

/** Plain-language messages for zod's built-in issues; refinements carry their own. */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
	if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return 'is required';
	switch (issue.code) {
		case 'invalid_type':
			return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}${issue.input === null ? ', not null' : ''}`;
		case 'too_small':
			if (issue.origin === 'string' || issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must have at least ${issue.minimum} ${issue.origin === 'string' ? 'characters' : 'items'}`;
			return `must be at least ${issue.minimum}`;
		case 'too_big':
			return `must be at most ${issue.maximum}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
		case 'invalid_value':
			return `must be one of ${issue.values.map(String).join(', ')}`;
		case 'unrecognized_keys': {
			const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
			return shape ? `expected one of ${Object.keys(shape).join(', ')}` : 'not allowed here';
		}
		default:
			return undefined;
	}
}

function withoutItemMetadata(input: unknown): unknown {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
	const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
	for (const key of ITEM_METADATA_KEYS) delete copy[key];
	return copy;
}
