/**
 * The schema as an ordered list of REST payloads: `npm run snapshot` applies them to scratch
 * instances and writes the vendor snapshots from those; the snapshots are what installs apply.
 */
import { manyToManyUsers, manyToOne, type CollectionPayload, type FieldPayload, type RelationPayload } from './field-kit.js';

export const COLORS = { green: '#2ECDA7', blue: '#3399FF', amber: '#FFA439', red: '#E35169', grey: '#A2B5CD', purple: '#8866FF' };
const USER = '{{first_name}} {{last_name}}';

/** Accumulates collections and relations in creation order (targets before the fields pointing to them). */
export class Plan {
	readonly collections: CollectionPayload[] = [];
	readonly relations: RelationPayload[] = [];

	collection(collection: string, meta: Record<string, unknown>, build: (c: CollectionBuilder) => void): void {
		const builder = new CollectionBuilder(collection, this);
		build(builder);
		this.collections.push({ collection, meta: { sort: this.collections.length + 1, ...meta }, schema: { name: collection }, fields: builder.fields });
		this.collections.push(...builder.junctions);
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

	owner(note = 'The user responsible'): this {
		return this.m2o('owner', 'directus_users', { template: USER, note, index: true });
	}

	members(note: string): this {
		const { field, junction, relations } = manyToManyUsers(this.name, 'members', { note });
		this.fields.push(field);
		this.junctions.push(junction);
		this.plan.relations.push(...relations);
		return this;
	}
}

