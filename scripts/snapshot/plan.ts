/**
 * The schema as an ordered list of REST payloads: `npm run snapshot` applies them to scratch
 * instances and writes the vendor snapshots from those; the snapshots are what installs apply.
 */
import type { CustomTranslations } from './localize.js';
import { manyToManyUsers, manyToOne, tr, type Chip, type Localized, type CollectionPayload, type FieldPayload, type RelationPayload } from './field-kit.js';

export { SERVICE_AVAILABILITY_DISPLAY } from '../../extensions/workflow-rules/src/service-availability-display/display-id.js';

/** Status chips: a light background with a dark text of the same hue (contrast above 7:1), readable on either theme. */
export const COLORS = {
	green: { foreground: '#0B5E45', background: '#D3F5E9' },
	blue: { foreground: '#0B4A8F', background: '#DCEBFF' },
	amber: { foreground: '#7A4500', background: '#FFECCF' },
	red: { foreground: '#8C1127', background: '#FCDDE2' },
	grey: { foreground: '#3A4A5C', background: '#E4EAF1' },
	purple: { foreground: '#4B2BA8', background: '#E8E0FF' },
} satisfies Record<string, Chip>;

/** A collection's names in English and French, singular and plural (Directus' collection translations). */
export interface CollectionNames {
	en: readonly [singular: string, plural: string];
	fr: readonly [singular: string, plural: string];
}

function translations(names: CollectionNames): Record<string, unknown>[] {
	return [
		{ language: 'en-US', translation: names.en[1], singular: names.en[0], plural: names.en[1] },
		{ language: 'fr-FR', translation: names.fr[1], singular: names.fr[0], plural: names.fr[1] },
	];
}
const USER = '{{first_name}} {{last_name}}';

/** Accumulates collections and relations in creation order (targets before the fields pointing to them). */
export class Plan {
	readonly collections: CollectionPayload[] = [];
	readonly relations: RelationPayload[] = [];
	/** The custom translations the `$t:` keys of the fields need, once localized (localize.ts). */
	translations: CustomTranslations = {};

	/** Collections created inside this folder (a collection's `group`) until `endFolder`. */
	private folder: string | null = null;
	private sortInFolder = 0;
	private sort = 0;

	collection(collection: string, meta: Record<string, unknown> & { names: CollectionNames }, build: (c: CollectionBuilder) => void): void {
		const builder = new CollectionBuilder(collection, this);
		build(builder);
		const { names, ...rest } = meta;
		const place = this.folder ? { group: this.folder, sort: ++this.sortInFolder } : { sort: ++this.sort };
		this.collections.push({ collection, meta: { ...place, ...rest, translations: translations(names) }, schema: { name: collection }, fields: builder.fields });
		this.collections.push(...builder.junctions);
	}

	/** A folder in the studio's navigation: a collection without a table, holding the next collections. */
	startFolder(collection: string, meta: Record<string, unknown> & { names: CollectionNames }): void {
		const { names, ...rest } = meta;
		this.collections.push({ collection, meta: { sort: ++this.sort, collapse: 'closed', ...rest, translations: translations(names) }, schema: null, fields: [] });
		this.folder = collection;
		this.sortInFolder = 0;
	}

	endFolder(): void {
		this.folder = null;
	}
}

export class CollectionBuilder {
	readonly fields: FieldPayload[] = [];
	readonly junctions: CollectionPayload[] = [];

	constructor(private readonly name: string, private readonly plan: Plan) {}

	add(...fields: FieldPayload[]): this {
		this.fields.push(...fields);
		return this;
	}

	m2o(field: string, related: string, options: Parameters<typeof manyToOne>[3]): this {
		const { field: payload, relation } = manyToOne(this.name, field, related, options);
		this.fields.push(payload);
		this.plan.relations.push(relation);
		return this;
	}

	owner(note: string | Localized = tr('The user responsible', 'L’utilisateur responsable')): this {
		return this.m2o('owner', 'directus_users', { template: USER, note, index: true, fr: 'Propriétaire' });
	}

	members(note: string | Localized): this {
		const { field, junction, relations } = manyToManyUsers(this.name, 'members', { note, fr: 'Membres' });
		this.fields.push(field);
		this.junctions.push(junction);
		this.plan.relations.push(...relations);
		return this;
	}
}

