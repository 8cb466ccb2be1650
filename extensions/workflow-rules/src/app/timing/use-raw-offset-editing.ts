import { ref, watch } from 'vue';

/**
 * Whether an offset is edited as text. Once it is (the stored offset needs several units), it
 * stays so until the user resets it: typing `P1DT12H` passes through `P1D`, which one unit states,
 * and the editor must not swap under the user's fingers.
 */
export function useRawOffsetEditing(raw: () => string | null) {
	const editing = ref(raw() !== null);
	watch(raw, (value) => {
		if (value !== null) editing.value = true;
	});
	return editing;
}
