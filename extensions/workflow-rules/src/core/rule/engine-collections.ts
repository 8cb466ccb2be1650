/**
 * Collections no rule can watch: Directus' own (`directus_*`, written by the studio and by Directus
 * itself) and the engine's (`workflow_*`, its bookkeeping). Their writes never reach rule
 * evaluation, so a rule on one is refused rather than saved to never fire.
 */
export function isEngineCollection(collection: string): boolean {
	return collection.startsWith('directus_') || collection.startsWith('workflow_');
}
