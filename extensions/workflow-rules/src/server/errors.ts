import { createError } from '@directus/errors';

/** One problem in a submitted rule; Directus answers 400 with one error per problem. */
export const InvalidRuleError = createError<{ path: string; problem: string }>(
	'INVALID_RULE',
	({ path, problem }) => `${path}: ${problem}`,
	400,
);

export const NotFoundError = createError<{ what: string }>('WORKFLOW_NOT_FOUND', ({ what }) => `${what} not found`, 404);

export const BadRequestError = createError<{ field: string; problem: string }>('INVALID_PAYLOAD', ({ field, problem }) => `${field}: ${problem}`, 400);

/** A booking the service catalogue does not allow; `reason` is machine-readable, the message says why. */
export const BookingRefusedError = createError<{ reason: string; field: string; problem: string }>('BOOKING_REFUSED', ({ field, problem }) => `${field}: ${problem}`, 400);

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
