import { createError } from '@directus/errors';

/** One problem in a submitted rule; Directus answers 400 with one error per problem. */
export const InvalidRuleError = createError<{ path: string; problem: string }>(
	'INVALID_RULE',
	({ path, problem }) => `${path}: ${problem}`,
	400,
);

export const NotFoundError = createError<{ what: string }>('WORKFLOW_NOT_FOUND', ({ what }) => `${what} not found`, 404);

export const BadRequestError = createError<{ field: string; problem: string }>('INVALID_PAYLOAD', ({ field, problem }) => `${field}: ${problem}`, 400);

/** A slot proposed instead of a refused booking: ISO times and the service's members free for it. */
export interface ProposedSlotJson {
	start: string;
	end: string;
	/** The service's members free for the slot: only for a caller who may read appointments, which hold their agendas. */
	members?: string[];
}

/**
 * One reason a booking is refused, shaped as Directus' own validation errors (code
 * FAILED_VALIDATION, `field`, `type` with `valid` or `invalid`) so the studio shows it at the
 * field; `collection` lets its form match the field, `validation_message` is the sentence the
 * form's notice lists, `reason` is machine-readable and `next_free` the slots proposed instead.
 * Refusals are thrown as an array, one error per reason, as Directus throws its validation errors.
 */
export interface BookingFieldExtensions {
	collection: string;
	field: string;
	path: string[];
	type: string;
	valid?: string;
	invalid?: string;
	reason: string;
	/** What the reason requires (`type` and `valid`/`invalid` may be borrowed for the studio's display). */
	constraint: { type: string; value: string };
	validation_message: string;
	next_free: ProposedSlotJson[];
}

export const BookingFieldError = createError<BookingFieldExtensions>('FAILED_VALIDATION', ({ validation_message }) => validation_message, 400);

/** A template that does not parse or render: where, and at which line and column of it. */
export const InvalidTemplateError = createError<{ path: string; problem: string; line: number | null; column: number | null }>(
	'INVALID_TEMPLATE',
	({ path, problem }) => `${path}: ${problem}`,
	400,
);

/** A saved action still associated to rules: deleting it would silently remove an action from each. */
export const SavedActionInUseError = createError<{ action: string; rules: string }>(
	'SAVED_ACTION_IN_USE',
	({ action, rules }) => `saved action "${action}" is used by the rules ${rules}: remove it from them first`,
	400,
);
