/** What every action form receives from its card. */
export interface FormProps {
	options: Record<string, unknown>;
	/** `actions[i]`: the rule path of the action the form edits. */
	basePath: string;
	/** Errors to show, keyed by rule path. */
	errors: Record<string, string>;
	sources: Record<string, 'client' | 'api'>;
	collection: string;
}

/** Emitted by every form: the new options, and the option that changed (its errors are stale). */
export type FormEmits = { update: [options: Record<string, unknown>, key: string] };
