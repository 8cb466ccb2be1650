/**
 * Small builders for Directus field, collection and relation payloads (the bodies of
 * POST /collections, /fields and /relations). They keep the schema definition readable and make
 * every field of one kind look the same in the studio.
 */

export interface FieldPayload {
	field: string;
	type: string;
	meta: Record<string, unknown> | null;
	schema: Record<string, unknown> | null;
}

export interface RelationPayload {
	collection: string;
	field: string;
	related_collection: string | null;
	meta: Record<string, unknown> | null;
	schema: Record<string, unknown> | null;
}

export interface CollectionPayload {
	collection: string;
	meta: Record<string, unknown>;
	schema: Record<string, unknown>;
	fields: FieldPayload[];
}

interface Common {
	required?: boolean;
	note?: string;
	width?: 'half' | 'full' | 'fill';
	index?: boolean;
	group?: string;
	readonly?: boolean;
	hidden?: boolean;
}

type Choice = readonly [value: string, text: string];

function meta(common: Common, extra: Record<string, unknown>): Record<string, unknown> {
	return {
		required: common.required ?? false,
		note: common.note ?? null,
		width: common.width ?? 'half',
		readonly: common.readonly ?? false,
		hidden: common.hidden ?? false,
		...(common.group ? { group: common.group } : {}),
		...extra,
	};
}

function schema(common: Common, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { is_nullable: !common.required, is_indexed: common.index ?? false, ...extra };
}

export function uuidKey(): FieldPayload {
	return {
		field: 'id',
		type: 'uuid',
		meta: { hidden: true, readonly: true, interface: 'input', special: ['uuid'] },
		schema: { is_primary_key: true, length: 36, has_auto_increment: false },
	};
}

export function integerKey(): FieldPayload {
	return {
		field: 'id',
		type: 'integer',
		meta: { hidden: true, readonly: true, interface: 'input' },
		schema: { is_primary_key: true, has_auto_increment: true },
	};
}

export function text(field: string, common: Common & { placeholder?: string; multiline?: boolean; html?: boolean } = {}): FieldPayload {
	if (common.html) {
		return { field, type: 'text', meta: meta({ width: 'full', ...common }, { interface: 'input-rich-text-html', display: 'formatted-value', display_options: { format: false } }), schema: schema(common) };
	}

	if (common.multiline) {
		return { field, type: 'text', meta: meta({ width: 'full', ...common }, { interface: 'input-multiline', options: common.placeholder ? { placeholder: common.placeholder } : null }), schema: schema(common) };
	}

	return {
		field,
		type: 'string',
		meta: meta(common, { interface: 'input', options: common.placeholder ? { placeholder: common.placeholder } : null, display: 'raw' }),
		schema: schema(common, { max_length: 255 }),
	};
}

export function email(field: string, common: Common = {}): FieldPayload {
	const base = text(field, { placeholder: 'name@example.com', ...common });
	return {
		...base,
		meta: {
			...base.meta,
			options: { placeholder: 'name@example.com', iconLeft: 'alternate_email' },
			validation: { _or: [{ [field]: { _null: true } }, { [field]: { _regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' } }] },
			validation_message: 'Must be an email address',
		},
	};
}

/** A string restricted to a list of values: a dropdown in the studio, enforced by the API. */
export function choice(field: string, choices: readonly Choice[], common: Common & { default?: string; colors?: Record<string, string> } = {}): FieldPayload {
	const values = choices.map(([value]) => value);
	const allowed = common.required ? values : [...values, null];

	return {
		field,
		type: 'string',
		meta: meta(common, {
			interface: 'select-dropdown',
			options: { choices: choices.map(([value, label]) => ({ value, text: label })) },
			display: 'labels',
			display_options: {
				showAsDot: true,
				choices: choices.map(([value, label]) => ({ value, text: label, foreground: 'var(--theme--foreground)', background: common.colors?.[value] ?? 'var(--theme--background-normal)' })),
			},
			validation: { [field]: { _in: allowed } },
			validation_message: `Must be one of: ${values.join(', ')}`,
		}),
		schema: schema(common, { max_length: 32, default_value: common.default ?? null }),
	};
}

export function integer(field: string, common: Common & { min?: number; max?: number; suffix?: string; default?: number } = {}): FieldPayload {
	return {
		field,
		type: 'integer',
		meta: meta(common, {
			interface: 'input',
			options: { min: common.min ?? null, max: common.max ?? null, ...(common.suffix ? { iconRight: undefined, placeholder: common.suffix } : {}) },
			display: 'formatted-value',
			display_options: common.suffix ? { suffix: ` ${common.suffix}` } : null,
		}),
		schema: schema(common, { default_value: common.default ?? null }),
	};
}

export function decimal(field: string, common: Common & { precision?: number; scale?: number; prefix?: string; suffix?: string } = {}): FieldPayload {
	return {
		field,
		type: 'decimal',
		meta: meta(common, {
			interface: 'input',
			options: { min: 0 },
			display: 'formatted-value',
			display_options: { prefix: common.prefix ?? null, suffix: common.suffix ?? null, format: true },
		}),
		schema: schema(common, { numeric_precision: common.precision ?? 10, numeric_scale: common.scale ?? 2 }),
	};
}

export function boolean(field: string, common: Common & { label?: string; default?: boolean } = {}): FieldPayload {
	return {
		field,
		type: 'boolean',
		meta: meta(common, { interface: 'boolean', options: { label: common.label ?? null }, display: 'boolean', special: ['cast-boolean'] }),
		schema: { ...schema({ ...common, required: true }), default_value: common.default ?? false },
	};
}

export function timestamp(field: string, common: Common = {}): FieldPayload {
	return {
		field,
		type: 'timestamp',
		meta: meta(common, { interface: 'datetime', display: 'datetime', display_options: { relative: false, format: 'short' } }),
		schema: schema(common),
	};
}

export function date(field: string, common: Common = {}): FieldPayload {
	return {
		field,
		type: 'date',
		meta: meta(common, { interface: 'datetime', display: 'datetime', display_options: { format: 'long' } }),
		schema: schema(common),
	};
}

export function time(field: string, common: Common = {}): FieldPayload {
	return {
		field,
		type: 'time',
		meta: meta(common, { interface: 'datetime', display: 'datetime', options: { use24: true, includeSeconds: false } }),
		schema: schema(common),
	};
}

/** A JSON array of strings edited with the studio's tags interface. */
export function tags(field = 'tags', common: Common = {}): FieldPayload {
	return {
		field,
		type: 'json',
		meta: meta({ width: 'full', ...common }, {
			interface: 'tags',
			options: { whitespace: '-', capitalization: 'lowercase', alphabetize: true },
			display: 'labels',
			special: ['cast-json'],
		}),
		schema: schema(common),
	};
}

/** A JSON array of values chosen with checkboxes, enforced by the API. */
export function multiChoice(field: string, choices: readonly Choice[], common: Common = {}): FieldPayload {
	return {
		field,
		type: 'json',
		meta: meta({ width: 'full', ...common }, {
			interface: 'select-multiple-checkbox',
			options: { choices: choices.map(([value, label]) => ({ value, text: label })) },
			display: 'labels',
			display_options: { choices: choices.map(([value, label]) => ({ value, text: label })) },
			special: ['cast-json'],
		}),
		schema: schema(common),
	};
}

export function json(field: string, common: Common & { interface?: string; options?: Record<string, unknown> } = {}): FieldPayload {
	return {
		field,
		type: 'json',
		meta: meta({ width: 'full', ...common }, { interface: common.interface ?? 'input-code', options: common.options ?? { language: 'json' }, special: ['cast-json'] }),
		schema: schema(common),
	};
}

/** Many-to-one: the column plus its relation. `template` is how the related item is shown. */
export function manyToOne(
	collection: string,
	field: string,
	related: string,
	common: Common & { template: string; onDelete?: 'SET NULL' | 'CASCADE' | 'NO ACTION'; type?: 'uuid' | 'integer'; interface?: string; oneField?: string; filter?: Record<string, unknown> },
): { field: FieldPayload; relation: RelationPayload } {
	const isFile = related === 'directus_files';
	const isUser = related === 'directus_users';
	const fieldInterface = common.interface ?? (isFile ? 'file-image' : isUser ? 'select-dropdown-m2o' : 'select-dropdown-m2o');

	return {
		field: {
			field,
			type: common.type ?? 'uuid',
			meta: meta(common, {
				interface: fieldInterface,
				options: isFile ? null : { template: common.template, enableCreate: !isUser, enableSelect: true, ...(common.filter ? { filter: common.filter } : {}) },
				display: isUser ? 'user' : isFile ? 'image' : 'related-values',
				display_options: isUser || isFile ? null : { template: common.template },
				special: isFile ? ['file'] : ['m2o'],
			}),
			schema: schema(common),
		},
		relation: {
			collection,
			field,
			related_collection: related,
			meta: { one_field: common.oneField ?? null, sort_field: null, one_deselect_action: 'nullify' },
			schema: { on_delete: common.onDelete ?? (common.required ? 'NO ACTION' : 'SET NULL') },
		},
	};
}

/**
 * Many-to-many to directus_users through a hidden junction collection `<collection>_<field>`.
 * Returns the alias field, the junction collection and its two relations.
 */
export function manyToManyUsers(collection: string, field: string, common: Common = {}): { field: FieldPayload; junction: CollectionPayload; relations: RelationPayload[] } {
	const junction = `${collection}_${field}`;
	const ownKey = `${collection}_id`;

	return {
		field: {
			field,
			type: 'alias',
			meta: meta({ width: 'full', ...common }, {
				interface: 'list-m2m',
				options: { template: '{{directus_users_id.first_name}} {{directus_users_id.last_name}}', enableCreate: false },
				display: 'related-values',
				display_options: { template: '{{directus_users_id.first_name}} {{directus_users_id.last_name}}' },
				special: ['m2m'],
			}),
			schema: null,
		},
		junction: {
			collection: junction,
			meta: { hidden: true, icon: 'import_export' },
			schema: { name: junction },
			fields: [
				integerKey(),
				{ field: ownKey, type: 'uuid', meta: { hidden: true }, schema: { is_nullable: true, is_indexed: true } },
				{ field: 'directus_users_id', type: 'uuid', meta: { hidden: true }, schema: { is_nullable: true, is_indexed: true } },
			],
		},
		relations: [
			{
				collection: junction,
				field: ownKey,
				related_collection: collection,
				meta: { one_field: field, junction_field: 'directus_users_id', sort_field: null, one_deselect_action: 'delete' },
				schema: { on_delete: 'CASCADE' },
			},
			{
				collection: junction,
				field: 'directus_users_id',
				related_collection: 'directus_users',
				meta: { one_field: null, junction_field: ownKey, sort_field: null, one_deselect_action: 'nullify' },
				schema: { on_delete: 'CASCADE' },
			},
		],
	};
}

/** A presentation-only divider/group heading in the item form. */
export function divider(field: string, title: string): FieldPayload {
	return {
		field,
		type: 'alias',
		meta: { interface: 'presentation-divider', options: { title, inlineTitle: true }, special: ['alias', 'no-data'], width: 'full' },
		schema: null,
	};
}

export function timestamps(): FieldPayload[] {
	return [
		{ field: 'date_created', type: 'timestamp', meta: { special: ['date-created'], interface: 'datetime', readonly: true, hidden: true, width: 'half', display: 'datetime', display_options: { relative: true } }, schema: {} },
		{ field: 'date_updated', type: 'timestamp', meta: { special: ['date-updated'], interface: 'datetime', readonly: true, hidden: true, width: 'half', display: 'datetime', display_options: { relative: true } }, schema: {} },
	];
}

/** A JSON field edited as code in the studio. */
export function code(field: string, common: Common & { template?: string } = {}): FieldPayload {
	return json(field, { ...common, interface: 'input-code', options: { language: 'JSON', lineNumber: true, template: common.template ?? null } });
}

/** A Directus filter edited with the studio's own filter builder, on the collection named by `collectionField`. */
export function filter(field: string, collectionField: string, common: Common = {}): FieldPayload {
	return json(field, { ...common, interface: 'system-filter', options: { collectionField } });
}

/** A collection name picked from the user collections. */
export function collectionName(field: string, common: Common = {}): FieldPayload {
	return {
		field,
		type: 'string',
		meta: meta(common, { interface: 'system-collection', options: { includeSystem: false }, display: 'collection' }),
		schema: schema(common, { max_length: 64 }),
	};
}

/** The "many" side of a one-to-many, listing the items whose `foreignKey` points here. */
export function oneToMany(field: string, common: Common & { template: string }): FieldPayload {
	return {
		field,
		type: 'alias',
		meta: meta({ width: 'full', ...common }, { interface: 'list-o2m', options: { template: common.template, enableCreate: false, enableSelect: false }, display: 'related-values', display_options: { template: common.template }, special: ['o2m'] }),
		schema: null,
	};
}

/** A unique string column, for keys the engine relies on the database to keep unique. */
export function uniqueKey(field: string, common: Common = {}): FieldPayload {
	const base = text(field, { required: true, readonly: true, ...common });
	return { ...base, schema: { ...base.schema, is_unique: true } };
}

/** A field that holds no data and shows an interface in the item form (buttons, notices). */
export function presentation(field: string, interfaceId: string, common: Common = {}): FieldPayload {
	return { field, type: 'alias', meta: meta({ width: 'full', ...common }, { interface: interfaceId, special: ['alias', 'no-data'] }), schema: null };
}
