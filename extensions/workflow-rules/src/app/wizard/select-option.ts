/** One choice of a WizardSelect; `group` puts it under an <optgroup> of that label. */
export interface SelectOption {
	value: string | number | null;
	text: string;
	group?: string;
}
