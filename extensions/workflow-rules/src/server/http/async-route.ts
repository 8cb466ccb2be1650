import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Hands a rejected promise to Express' error chain, where Directus turns typed errors into responses. */
export function asyncRoute(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
	return (req: Request, res: Response, next: NextFunction) => {
		handler(req, res).catch(next);
	};
}
