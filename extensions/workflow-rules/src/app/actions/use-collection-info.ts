import { useStores } from '@directus/extensions-sdk';
import { computed, type Ref } from 'vue';
import { DATE_TYPES } from '../../core/rule/schema-info';
import type { FieldInfo } from './recipient-suggestions';

interface StoreField {
	field: string;
	type: string;
	name?: string;
	meta?: { hidden?: boolean; special?: string[] | null } | null;
	schema?: { is_primary_key?: boolean } | null;
}
interface StoreRelation {
	collection: string;
	field: string;
	related_collection: string | null;
}

/** The fields of a collection as the studio's stores know them (the user's own view of the schema). */
export function useCollectionInfo(collection: Ref<string>) {
	const { useFieldsStore, useRelationsStore } = useStores();
	const fieldsStore = useFieldsStore();
	const relationsStore = useRelationsStore();

	function fieldsOf(name: string): FieldInfo[] {
		const fields = (fieldsStore.getFieldsForCollection(name) as StoreField[]) ?? [];
		const relations = (relationsStore.relations as StoreRelation[]) ?? [];
		return fields
			.filter((field) => field.type !== 'alias' || (field.meta?.special ?? []).some((special) => ['o2m', 'm2m', 'm2a'].includes(special)))
			.map((field) => ({
				field: field.field,
				type: field.type,
				related: relations.find((relation) => relation.collection === name && relation.field === field.field)?.related_collection ?? null,
			}));
	}

	const fields = computed(() => fieldsOf(collection.value));
	/** Fields a value can be written to (not the primary key, not aliases). */
	const writableFields = computed(() =>
		((fieldsStore.getFieldsForCollection(collection.value) as StoreField[]) ?? []).filter((field) => field.type !== 'alias' && !field.schema?.is_primary_key),
	);
	const dateFields = computed(() => fields.value.filter((field) => (DATE_TYPES as readonly string[]).includes(field.type)));
	const typeOf = (name: string) => fields.value.find((field) => field.field === name)?.type ?? null;

	return { fields, fieldsOf, writableFields, dateFields, typeOf };
}
