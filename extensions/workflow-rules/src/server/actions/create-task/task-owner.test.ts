import type { SchemaOverview } from '@directus/types';
import { describe, expect, it } from 'vitest';
import { PermanentActionError } from '../../../core/actions/action-errors.js';
import type { ActionRun } from '../action-definition.js';
import { taskOwner } from './task-owner.js';

const USER = '7d7e2f4a-1b2c-4d5e-8f90-123456789abc';

/** The parts of a run taskOwner reads; anything else it touches fails the test. */
function runAbout(record: Record<string, unknown> | null, fields: string[] = ['id', 'owner'], collection: string | null = 'deals'): ActionRun {
	const schema = { collections: { deals: { fields: Object.fromEntries(fields.map((field) => [field, {}])) } }, relations: [] } as unknown as SchemaOverview;
	return { collection, item: collection ? '1' : null, record, schema } as ActionRun;
}

describe('taskOwner', () => {
	it('is nobody when the rule names nobody', async () => {
		expect(await taskOwner(null, runAbout({ owner: USER }))).toBeNull();
	});

	it('is the user the rule names, whoever owns the record', async () => {
		expect(await taskOwner(USER, runAbout({ owner: 'someone-else' }))).toBe(USER);
	});

	it('is the record’s owner, read as a key or as a related object', async () => {
		expect(await taskOwner('record_owner', runAbout({ owner: USER }))).toBe(USER);
		expect(await taskOwner('record_owner', runAbout({ owner: { id: USER, email: 'a@b.c' } }))).toBe(USER);
	});

	it('is nobody when the record has no owner: the task is still made, unassigned', async () => {
		expect(await taskOwner('record_owner', runAbout({ owner: null }))).toBeNull();
		expect(await taskOwner('record_owner', runAbout(null))).toBeNull();
	});

	it('fails for good on a collection without an owner field, or without a record', async () => {
		await expect(taskOwner('record_owner', runAbout({ id: 1 }, ['id']))).rejects.toMatchObject({ kind: 'no_owner', message: expect.stringContaining('deals has no owner field') });
		await expect(taskOwner('record_owner', runAbout(null, ['id'], null))).rejects.toBeInstanceOf(PermanentActionError);
	});
});
