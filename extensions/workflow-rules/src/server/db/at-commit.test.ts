import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { writeAtCommit } from './at-commit.js';

let db: Knex;
const errors: unknown[] = [];
const insertNotes = (trx: Knex, notes: { text: string }[]) => trx('notes').insert(notes).then(() => undefined);
const notes = async () => (await db('notes').select('text').orderBy('id')).map((row) => row.text);

beforeAll(async () => {
	db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
	await db.schema.createTable('notes', (table) => {
		table.increments('id');
		table.string('text').notNullable();
	});
});
afterAll(() => db.destroy());
beforeEach(async () => {
	await db('notes').delete();
	errors.length = 0;
});

it('writes what a transaction deferred in one statement, just before it commits', async () => {
	const inserts: string[] = [];
	const watch = (query: { sql: string }) => void (query.sql.startsWith('insert') && inserts.push(query.sql));
	db.on('query', watch);
	await db.transaction(async (trx) => {
		for (const text of ['a', 'b', 'c']) await writeAtCommit(trx, 'notes', [{ text }], insertNotes, (error) => errors.push(error));
		expect(await trx('notes').count({ n: '*' })).toEqual([{ n: 0 }]);
	});
	db.off('query', watch);
	expect(await notes()).toEqual(['a', 'b', 'c']);
	expect(inserts).toHaveLength(1);
});

it('writes nothing when the transaction rolls back', async () => {
	await expect(db.transaction(async (trx) => {
		await writeAtCommit(trx, 'notes', [{ text: 'lost' }], insertNotes, (error) => errors.push(error));
		throw new Error('the write failed');
	})).rejects.toThrow('the write failed');
	expect(await notes()).toEqual([]);
});

it('writes at once outside a transaction, and on an explicit commit', async () => {
	await writeAtCommit(db, 'notes', [{ text: 'now' }], insertNotes, (error) => errors.push(error));
	expect(await notes()).toEqual(['now']);

	const trx = await db.transaction();
	await writeAtCommit(trx, 'notes', [{ text: 'later' }], insertNotes, (error) => errors.push(error));
	await trx.commit();
	expect(await notes()).toEqual(['now', 'later']);
});

it('reports a deferred write that fails and still commits the transaction', async () => {
	await db.transaction(async (trx) => {
		await trx('notes').insert({ text: 'the user’s write' });
		await writeAtCommit(trx, 'notes', [{ text: null as unknown as string }], insertNotes, (error) => errors.push(error));
	});
	expect(await notes()).toEqual(['the user’s write']);
	expect(errors).toHaveLength(1);
});
