import { ForbiddenError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Request } from 'express';

/** The caller's accountability, or a 403 when the request is anonymous. */
export function requireUser(req: Request): Accountability {
	const accountability = (req as Request & { accountability?: Accountability }).accountability;
	if (!accountability?.user) throw new ForbiddenError();
	return accountability;
}
