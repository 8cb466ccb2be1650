/**
 * Which messages the editor shows, keyed by rule path, and where each comes from: the API's
 * errors always (until their field changes), the client's checks for the fields the user has
 * edited (a path, or one above or below it), or all of them when asked.
 */
export function shownErrors(
	client: Record<string, string>,
	api: Record<string, string>,
	touched: ReadonlySet<string>,
	showAll: boolean,
): { errors: Record<string, string>; sources: Record<string, 'client' | 'api'> } {
	const errors: Record<string, string> = {};
	const sources: Record<string, 'client' | 'api'> = {};
	const near = (path: string) => [...touched].some((edited) => edited === path || edited.startsWith(`${path}.`) || path.startsWith(`${edited}.`));
	for (const [path, message] of Object.entries(client)) {
		if (showAll || near(path)) {
			errors[path] = message;
			sources[path] = 'client';
		}
	}
	for (const [path, message] of Object.entries(api)) {
		errors[path] = message;
		sources[path] = 'api';
	}
	return { errors, sources };
}
