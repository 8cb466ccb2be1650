/**
 * Engine hardening: a rule fires once per write whatever number of its events the write raised,
 * a firing the database could not store is not lost, $CURRENT_USER is the writer, the dry run
 * reads with the caller's own permissions through the engine's own evaluation, and a
 * non-matching evaluation costs a counter.
 */
import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, data } from '../support/api.js';
import { slot } from '../support/booking.js';
import { roleUser } from '../support/roles.js';
import { cleanUpRules, createRule, eventually, jobsOf, newRuns, runsOf, settledJobs } from '../support/rules.js';

cleanUpRules();

async function lead(body: Record<string, unknown> = {}): Promise<string> {
	return (await data<{ id: string }>('POST', '/items/leads', { name: `Lead ${randomBytes(3).toString('hex')}`, ...body })).id;
}

describe('one firing per write', () => {
	it('a rule listening to rescheduled and modified fires once for a reschedule, and its run names both events', async () => {
		const rule = await createRule({
			name: 'Moved or changed',
			collection: 'appointments',
			// `fields` keeps the job's own tag write from firing `modified` again.
			trigger: { type: 'event', events: ['rescheduled', 'modified'], fields: ['start_at', 'end_at'] },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['moved'] } }],
		});
		const id = (await data<{ id: string }>('POST', '/items/appointments', { title: 'Once per write', ...(await slot('Haircut in salon')), status: 'scheduled' })).id;
		const later = await slot('Haircut in salon', { nth: 1 });

		await data('PATCH', `/items/appointments/${id}`, { start_at: later.start_at, end_at: later.end_at });

		const [run] = await newRuns(rule, id, 0);
		expect(run).toMatchObject({ outcome: 'matched', event: 'rescheduled' });
		expect([...run!.events].sort()).toEqual(['modified', 'rescheduled']);
		await settledJobs(rule, id, 1);
		// The tag write of the job is a write of its own: wait for it, then count.
		await eventually(() => data<{ tags: string[] | null }>('GET', `/items/appointments/${id}?fields=tags`), (item) => (item.tags ?? []).includes('moved'));
		expect(await runsOf(rule, id)).toHaveLength(1);
		expect(await jobsOf(rule, id)).toHaveLength(1);
	});
});

describe('a write Directus refuses after the hooks ran', () => {
	it('leaves nothing that fires later, when the same change is then made for good', async () => {
		const id = await lead({ priority: 'low' });
		const rule = await createRule({ name: 'High priority', collection: 'leads', trigger: { type: 'event', events: ['updated'], fields: ['priority'] }, conditions: { priority: { _eq: 'high' } }, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['hot'] } }] });
		const db = knex({ ...inject('dbConnection'), useNullAsDefault: true } as Knex.Config);
		try {
			// Refused by the field's own validation, after the engine's filter hook recorded the write.
			expect((await api('PATCH', `/items/leads/${id}`, { priority: 'high', status: 'bogus' })).status).toBe(400);
			expect(await db('workflow_intents').where('item', id)).toHaveLength(1);

			await data('PATCH', `/items/leads/${id}`, { priority: 'high' });
			await eventually(() => db('workflow_intents').where('item', id), (rows) => rows.length === 0, 15_000, 'no evaluation owed for the lead');
		} finally {
			await db.destroy();
		}
		await settledJobs(rule, id, 1);
		expect((await runsOf(rule, id)).filter((run) => run.outcome === 'matched')).toHaveLength(1);
		expect(await jobsOf(rule, id)).toHaveLength(1);
	});
});

describe('$CURRENT_USER and $CURRENT_ROLE', () => {
	it('resolve to the user who made the write, so an empty owner does not match', async () => {
		const me = await data<{ id: string; role: string }>('GET', '/users/me?fields=id,role');
		const rule = await createRule({
			name: 'My own leads',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { _and: [{ owner: { _eq: '$CURRENT_USER' } }, { owner: { _neq: '$CURRENT_ROLE' } }] },
		});

		const mine = await lead({ owner: me.id });
		const nobodys = await lead({ owner: null });

		const [matched] = await newRuns(rule, mine, 0);
		expect(matched).toMatchObject({ outcome: 'matched', trace: { conditions: { children: [{ expected: me.id, result: true }, { expected: me.role, result: true }] } } });
		const [unmatched] = await newRuns(rule, nobodys, 0);
		expect(unmatched).toMatchObject({ outcome: 'not_matched', trace: { conditions: { children: [{ expected: me.id, actual: null, result: false }, { result: true }] } } });
	});
});

// The database refuses a firing once (as a lost connection would): on PostgreSQL a sequence, which
// no rollback undoes, lets a trigger refuse only the first attempt. (The same transaction on
// SQLite: server/engine/record-firing.test.ts.)
describe.runIf(inject('dbClient') === 'pg')('a firing the database could not store', () => {
	let db: Knex;

	beforeAll(() => {
		db = knex({ ...inject('dbConnection'), useNullAsDefault: true } as Knex.Config);
	});
	afterAll(async () => {
		await db.raw('DROP TRIGGER IF EXISTS wr_test_refuse_job ON workflow_jobs');
		await db.raw('DROP SEQUENCE IF EXISTS wr_test_refusals');
		await db.destroy();
	});

	it('is not lost and does not use up first_time: the write is evaluated again and fires once', async () => {
		const id = await lead({ priority: 'low' });
		const rule = await createRule({
			name: 'First high priority',
			collection: 'leads',
			trigger: { type: 'event', events: ['updated'] },
			conditions: { priority: { _eq: 'high' } },
			execution: 'first_time',
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['hot'] } }],
		});
		await db.raw('CREATE SEQUENCE wr_test_refusals');
		await db.raw(`CREATE OR REPLACE FUNCTION wr_test_refuse_job() RETURNS trigger AS $$ BEGIN IF NEW.item = '${id}' AND nextval('wr_test_refusals') = 1 THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
		await db.raw('CREATE TRIGGER wr_test_refuse_job BEFORE INSERT ON workflow_jobs FOR EACH ROW EXECUTE FUNCTION wr_test_refuse_job()');

		await data('PATCH', `/items/leads/${id}`, { priority: 'high' });

		const [job] = await settledJobs(rule, id, 1);
		expect(job).toMatchObject({ status: 'succeeded' });
		expect(Number((await db.raw("SELECT last_value FROM wr_test_refusals")).rows[0].last_value)).toBeGreaterThan(1);
		expect((await runsOf(rule, id)).filter((run) => run.outcome === 'matched')).toHaveLength(1);
		expect(await jobsOf(rule, id)).toHaveLength(1);
	});
});

describe('dry run (POST /workflows/rules/test) with the caller’s permissions', () => {
	// Reads rules and contacts, nothing else.
	const analystRole = roleUser('Rule analyst', [{ collection: 'workflow_rules', action: 'read' }, { collection: 'contacts', action: 'read' }]);
	let analyst: string;
	beforeAll(() => {
		analyst = analystRole.token;
	});

	const ruleOn = (collection: string, conditions: Record<string, unknown> | null = null) => ({ name: 'Probe', collection, trigger: { type: 'event', events: ['updated'] }, conditions, actions: [] });

	it('answers 403 where GET /items would for a CRM collection, and reads no system collection at all', async () => {
		const me = await data<{ id: string }>('GET', '/users/me?fields=id');
		const [account] = await data<{ id: string }[]>('GET', '/items/accounts?fields=id&limit=1');

		const direct = await api('GET', `/items/accounts/${account!.id}`, undefined, analyst);
		const dry = await api('POST', '/workflows/rules/test', { rule: ruleOn('accounts'), item: account!.id }, analyst);
		expect(direct.status).toBe(403);
		expect(dry.status).toBe(direct.status);
		expect(JSON.stringify(dry.body)).not.toContain('"name"');

		// No rule can watch a system collection (its writes never reach rules): refused before any read, admins included.
		for (const token of [analyst, undefined]) {
			const system = await api('POST', '/workflows/rules/test', { rule: ruleOn('directus_users'), item: me.id }, token);
			expect(system.status).toBe(400);
			expect(system.body.errors.map((error: { extensions: { path?: string } }) => error.extensions.path)).toContain('collection');
			expect(JSON.stringify(system.body)).not.toContain('admin@example.com');
		}
	});

	it('answers as GET /items does for an item that does not exist', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const direct = await api('GET', `/items/contacts/${missing}`, undefined, analyst);
		const dry = await api('POST', '/workflows/rules/test', { rule: ruleOn('contacts'), item: missing }, analyst);
		expect(dry.status).toBe(direct.status);
	});

	it('returns only the fields the rule uses', async () => {
		const [contact] = await data<{ id: string; city: string | null }[]>('GET', '/items/contacts?fields=id,city&filter[email][_nnull]=true&limit=1');
		const dry = await api('POST', '/workflows/rules/test', { rule: ruleOn('contacts', { city: { _eq: contact!.city } }), item: contact!.id }, analyst);
		expect(dry.status).toBe(200);
		expect(dry.body.data.matched).toBe(true);
		expect(Object.keys(dry.body.data.record).sort()).toEqual(['city', 'id']);
	});

	it('honours the trigger’s fields and the execution mode, as the engine does', async () => {
		const [contact] = await data<{ id: string }[]>('GET', '/items/contacts?fields=id&limit=1');
		const narrowed = { ...ruleOn('contacts'), trigger: { type: 'event', events: ['updated'], fields: ['city'] }, actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['x'] } }] };
		const phoneOnly = await api('POST', '/workflows/rules/test', { rule: narrowed, item: contact!.id, event: 'updated', previous: { phone: '+1 000' } });
		expect(phoneOnly.body.data).toMatchObject({ listens: false, actions: [{ would_run: false }] });
		const cityToo = await api('POST', '/workflows/rules/test', { rule: narrowed, item: contact!.id, event: 'updated', previous: { city: 'Nowhere' } });
		expect(cityToo.body.data).toMatchObject({ listens: true, actions: [{ would_run: true }] });

		const id = await lead();
		const once = await createRule({ ...ruleOn('leads'), name: 'Once', execution: 'first_time', actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['once'] } }] });
		await data('PATCH', `/items/leads/${id}`, { city: 'Salem' });
		await settledJobs(once, id, 1);
		const again = await api('POST', '/workflows/rules/test', { rule_id: once, item: id, event: 'updated' });
		expect(again.body.data).toMatchObject({ listens: true, matched: true, gate: expect.stringContaining('first_time'), actions: [{ would_run: false, reason: expect.stringContaining('already ran once') }] });
	});
});

describe('rule changes made by another instance', () => {
	it('two saves within one second are both seen', async () => {
		const id = await createRule({ name: 'Saved twice', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Newton' } } });
		const db = knex({ ...inject('dbConnection'), useNullAsDefault: true } as Knex.Config);
		// Two saves in the same second, later than anything Directus stamped.
		const second = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
		const outcomeFor = async (city: string) => {
			const account = (await data<{ id: string }>('POST', '/items/accounts', { name: `Probe ${city}`, city })).id;
			return (await newRuns(id, account, 0))[0]!.outcome;
		};

		try {
			await db('workflow_rules').where('id', id).update({ conditions: JSON.stringify({ city: { _eq: 'Boston' } }), date_updated: new Date(second.getTime() + 100) });
			await eventually(() => outcomeFor('Boston'), (outcome) => outcome === 'matched', 10_000, 'the first save');
			await db('workflow_rules').where('id', id).update({ conditions: JSON.stringify({ city: { _eq: 'Salem' } }), date_updated: new Date(second.getTime() + 600) });
			await eventually(() => outcomeFor('Salem'), (outcome) => outcome === 'matched', 10_000, 'the second save');
		} finally {
			await db.destroy();
		}
	});
});

// A batch create's evaluations are owed from its commit: the database refuses to store them
// (a trigger on the usage counters, as a crash before the evaluation would leave them), and every
// record of the batch must still have its intent, then be evaluated once when it is let through.
describe('a batch create whose evaluation cannot be stored', () => {
	let db: Knex;
	const pg = inject('dbClient') === 'pg';

	beforeAll(() => {
		db = knex({ ...inject('dbConnection'), useNullAsDefault: true, pool: { min: 1, max: 1, afterCreate: (conn: { run?: (sql: string, done: () => void) => void }, done: () => void) => (conn.run ? conn.run('PRAGMA busy_timeout = 10000', done) : done()) } } as Knex.Config);
	});
	afterAll(async () => {
		await db.raw('DROP TRIGGER IF EXISTS wr_test_refuse_usage' + (pg ? ' ON workflow_usage' : ''));
		await db.destroy();
	});

	it('leaves an intent per record from the commit on, and each record is evaluated once when it can be', async () => {
		const rule = await createRule({
			name: 'Owedville leads',
			collection: 'leads',
			trigger: { type: 'event', events: ['created'] },
			conditions: { city: { _eq: 'Owedville' } },
			actions: [{ type: 'tag', timing: { type: 'instant' }, options: { add: ['owed'] } }],
		});
		if (pg) {
			await db.raw(`CREATE OR REPLACE FUNCTION wr_test_refuse_usage() RETURNS trigger AS $$ BEGIN IF NEW.rule::text = '${rule}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
			await db.raw('CREATE TRIGGER wr_test_refuse_usage BEFORE INSERT ON workflow_usage FOR EACH ROW EXECUTE FUNCTION wr_test_refuse_usage()');
		} else {
			await db.raw(`CREATE TRIGGER wr_test_refuse_usage BEFORE INSERT ON workflow_usage WHEN NEW.rule = '${rule}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
		}

		const leads = (await data<{ id: string }[]>('POST', '/items/leads', Array.from({ length: 20 }, (_, index) => ({ name: `Owed ${index}`, city: 'Owedville' })))).map((lead) => lead.id);
		// The creates' intents: the tag jobs' own updates of these leads record theirs too.
		const owed = () => data<{ item: string; kind: string }[]>('GET', `/items/workflow_intents?limit=-1&fields=item,kind&filter[item][_in]=${leads.join(',')}&filter[kind][_eq]=create`);

		// The firings are stored (their own transaction); what settles the intents is refused.
		await eventually(() => jobsOf(rule), (jobs) => jobs.length === 20, 15_000, 'a job per lead');
		expect((await owed()).map((intent) => intent.item).sort()).toEqual([...leads].sort());
		expect((await owed()).every((intent) => intent.kind === 'create')).toBe(true);

		await db.raw('DROP TRIGGER wr_test_refuse_usage' + (pg ? ' ON workflow_usage' : ''));
		await eventually(owed, (intents) => intents.length === 0, 30_000, 'every intent settled once the counters can be stored');
		const [usage] = await data<{ runs: number; matched: number }[]>('GET', `/workflows/usage?rule=${rule}`);
		expect(usage).toMatchObject({ runs: 20, matched: 20 });
		expect(await settledJobs(rule, undefined, 20)).toHaveLength(20);
		expect((await runsOf(rule)).filter((run) => run.outcome === 'matched')).toHaveLength(20);
	});
});

describe('a non-matching evaluation costs a counter, not a row', () => {
	async function usage(rule: string): Promise<{ runs: number; matched: number; not_matched: number } | undefined> {
		return (await data<{ runs: number; matched: number; not_matched: number }[]>('GET', `/workflows/usage?rule=${rule}`))[0];
	}

	it('is counted for the usage report and logged only while the rule logs every evaluation', async () => {
		const rule = await createRule({ name: 'Never Springfield', collection: 'accounts', trigger: { type: 'event', events: ['created'] }, conditions: { city: { _eq: 'Springfield' } }, trace_evaluations: false });
		const quiet = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Quiet', city: 'Lowell' })).id;
		const hit = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Hit', city: 'Springfield' })).id;

		await eventually(() => usage(rule), (row) => row?.runs === 2, 15_000, 'two evaluations counted');
		expect(await usage(rule)).toMatchObject({ runs: 2, matched: 1, not_matched: 1 });
		expect(await runsOf(rule, quiet)).toEqual([]);
		expect(await runsOf(rule, hit)).toMatchObject([{ outcome: 'matched' }]);

		const switched = await data<{ trace_evaluations: boolean; trace_until: string }>('PATCH', `/items/workflow_rules/${rule}`, { trace_evaluations: true });
		expect(new Date(switched.trace_until).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
		const logged = (await data<{ id: string }>('POST', '/items/accounts', { name: 'Logged', city: 'Lowell' })).id;
		expect(await newRuns(rule, logged, 0)).toMatchObject([{ outcome: 'not_matched', trace: { conditions: { actual: 'Lowell', result: false } } }]);

		// 24 hours later, as far as the rule can tell.
		await data('PATCH', `/items/workflow_rules/${rule}`, { trace_until: new Date(Date.now() - 60_000).toISOString() });
		const after = (await data<{ id: string }>('POST', '/items/accounts', { name: 'After', city: 'Lowell' })).id;
		await eventually(() => usage(rule), (row) => row?.runs === 4, 15_000, 'four evaluations counted');
		expect(await runsOf(rule, after)).toEqual([]);
	});
});

describe('a rule saved by someone other than an admin', () => {
	// Manages rules and leads, may read deals but not change them.
	const author = roleUser('Rule author', [
		{ collection: 'workflow_rules', action: 'create' },
		{ collection: 'workflow_rules', action: 'read' },
		{ collection: 'workflow_rules', action: 'delete' },
		{ collection: 'leads', action: 'read' },
		{ collection: 'leads', action: 'update' },
		{ collection: 'deals', action: 'read' },
	]);
	const rule = (collection: string, values: Record<string, unknown>) => ({ name: 'Author probe', status: 'active', collection, execution: 'every_time', trigger: { type: 'event', events: ['updated'] }, conditions: null, actions: [{ type: 'update_fields', timing: { type: 'instant' }, options: { values } }] });

	it('may not make the automation user write what its author may not', async () => {
		const refused = await api('POST', '/items/workflow_rules', rule('deals', { stage: 'closed_won' }), author.token);
		expect(refused.status).toBe(400);
		expect(refused.body.errors.map((error: { message: string }) => error.message)).toContain('actions[0].options.values.stage: you, the rule’s author, may not update deals.stage');

		const allowed = await api('POST', '/items/workflow_rules', rule('leads', { status: 'contacted' }), author.token);
		expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
		await api('DELETE', `/items/workflow_rules/${allowed.body.data.id}`);
	});

	it('may not have a rule send out what its author may not read, nor read secrets from the server’s environment', async () => {
		const mail = (collection: string) => ({ ...rule(collection, {}), actions: [{ type: 'email', timing: { type: 'instant' }, options: { to: 'audit@example.com', subject: 'New {{ record.name }}', body: '{{ record.name }}' } }] });
		const unreadable = await api('POST', '/items/workflow_rules', mail('accounts'), author.token);
		expect(unreadable.status).toBe(400);
		expect(unreadable.body.errors[0].message).toBe('actions[0].type: you, the rule’s author, may not read accounts, which this action would send out');
		const readable = await api('POST', '/items/workflow_rules', mail('leads'), author.token);
		expect(readable.status, JSON.stringify(readable.body)).toBe(200);
		await api('DELETE', `/items/workflow_rules/${readable.body.data.id}`);

		const hook = { ...rule('leads', {}), actions: [{ type: 'webhook', timing: { type: 'instant' }, options: { url: 'https://hooks.example.com/in', secret: '$env.SECRET' } }] };
		const secret = await api('POST', '/items/workflow_rules', hook, author.token);
		expect(secret.status).toBe(400);
		expect(secret.body.errors[0].message).toContain('actions[0].options.secret: only an admin may have a rule read a secret');
	});

	it('may not have a rule start a Flow, which would run as the automation user', async () => {
		const runsFlow = { ...rule('leads', {}), actions: [{ type: 'run_flow', timing: { type: 'instant' }, options: { flow: '00000000-0000-4000-8000-000000000000' } }] };
		const refused = await api('POST', '/items/workflow_rules', runsFlow, author.token);
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toContain('actions[0].type: only an admin may save a rule that runs a Flow');
	});
});
