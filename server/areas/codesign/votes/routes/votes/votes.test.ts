import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

type Who = TestUser | null;
type View = {
  tool: { open: boolean; may: { facilitate: boolean } };
  options: { id: string; title: string; total: number; people: number; firsts: number | null }[];
  voters: number;
  participantId: string | null;
  dots: { budget: number; used: number; mine: { optionId: string; count: number }[] } | null;
  ranking: { places: number; mine: string[] } | null;
  byGroup: {
    group: string | null;
    cells: { optionId: string; people: number | null; suppressed: boolean }[];
  }[];
};

describe('codesign votes: dots and rankings', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff: facilitates
  let frank: TestUser; // a participant
  let jonas: TestUser; // a neighbour, joins by voting (open project)
  let outsider: TestUser;

  const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/votes${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const ok = async (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const r = await call(who, method, url, payload);
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? (null as unknown as View) : (r.json() as View);
  };
  const withOptions = async (toolId: string, titles: string[]) => {
    let v: View | undefined;
    for (const title of titles)
      v = await ok(aylin, 'POST', `/${toolId}/options`, { title, description: `Über ${title}` });
    return (v as View).options.map((o) => o.id);
  };
  const place = (who: Who, toolId: string, optionId: string, extra: object = {}) =>
    call(who, 'POST', `/${toolId}/dots`, { change: 'place', optionId, ...extra });

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    frank = await createUser(t, { displayName: 'Frank Meyer' });
    jonas = await createUser(t, { displayName: 'Jonas' });
    outsider = await createUser(t, { displayName: 'Olaf' });
  });
  after(() => t.close());

  test('facilitators keep the options; others may not; an idea is taken over once', async () => {
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'dots' }] });
    const tool = p.tools.dots;
    const empty = await ok(null, 'GET', `/${tool}`);
    assert.deepEqual(empty.options, []);
    assert.equal(empty.participantId, null);

    assert.equal((await call(frank, 'POST', `/${tool}/options`, { title: 'Abends offen' })).statusCode, 403);
    assert.equal((await call(null, 'POST', `/${tool}/options`, { title: 'Abends offen' })).statusCode, 401);
    const short = await call(aylin, 'POST', `/${tool}/options`, { title: ' x ' });
    assert.equal(short.statusCode, 422, short.body);
    assert.equal(short.json().errors[0].field, '/title');

    const [a] = await withOptions(tool, ['Abends offen', 'Telefonische Termine']);
    // an idea of the project's ideas tool, marked for the decide phase
    const ideas = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas' }] });
    const ideasTool = (
      await t.db
        .updateTable('codesign_tool')
        .set({ project_id: p.id, phase_id: p.phases.needs })
        .where('id', '=', ideas.tools.ideas)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const author = await makeAssistedParticipant(t, p.id, { recordedBy: aylin.id });
    const contribution = await t.db
      .insertInto('codesign_contribution')
      .values({
        network_id: t.networkId,
        project_id: p.id,
        tool_id: ideasTool,
        participant_id: author,
        kind: 'idea',
        channel: 'paper',
        entered_by: aylin.id,
        entered_role: 'staff',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('codesign_idea')
      .values({
        network_id: t.networkId,
        project_id: p.id,
        tool_id: ideasTool,
        contribution_id: contribution.id,
        title: 'Spielecke',
        mark: 'selected',
      })
      .execute();
    const imported = await ok(aylin, 'POST', `/${tool}/options/import`, { selectedOnly: true });
    assert.equal(imported.options.length, 3);
    assert.ok(imported.options.some((o: { title: string }) => o.title === 'Spielecke'));
    const again = await ok(aylin, 'POST', `/${tool}/options/import`, { selectedOnly: false });
    assert.equal(again.options.length, 3, 'the same idea comes in once');
    const events = await t.db
      .selectFrom('codesign_event')
      .select(['kind', 'params'])
      .where('project_id', '=', p.id)
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['votes.options_imported'],
    );

    const changed = await ok(aylin, 'PUT', `/options/${a}`, { title: 'Abends bis 19 Uhr', description: '' });
    assert.equal(changed.options[0]?.title, 'Abends bis 19 Uhr');
    assert.equal((await call(frank, 'PUT', `/options/${a}`, { title: 'Nein' })).statusCode, 403);
    assert.equal((await call(aylin, 'DELETE', `/options/${a}`)).statusCode, 204);
    assert.equal((await ok(null, 'GET', `/${tool}`)).options.length, 2);
    assert.equal((await call(aylin, 'DELETE', `/options/${a}`)).statusCode, 404);
  });

  test('a person spreads their budget: never more than the budget, nor more than the limit on one option', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'dots', config: { budget: 5, maxPerOption: 3 } }],
    });
    const tool = p.tools.dots;
    const [a = '', b = '', c = ''] = await withOptions(tool, [
      'Abends offen',
      'Termine per Telefon',
      'Spielecke',
    ]);

    for (let i = 0; i < 3; i++) assert.equal((await place(jonas, tool, a)).statusCode, 200);
    const fourth = await place(jonas, tool, a);
    assert.equal(fourth.statusCode, 409);
    assert.match(fourth.json().title, /höchstens 3 Punkte/);
    assert.equal((await place(jonas, tool, b, { count: 2 })).statusCode, 200);
    const over = await place(jonas, tool, c);
    assert.equal(over.statusCode, 409);
    assert.match(over.json().title, /alle 5 Punkte/);

    // moving keeps the sum; taking away frees a dot
    const moved = await ok(jonas, 'POST', `/${tool}/dots`, {
      change: 'move',
      fromOptionId: a,
      toOptionId: c,
    });
    assert.equal(moved.dots?.used, 5);
    assert.deepEqual(Object.fromEntries((moved.dots?.mine ?? []).map((d) => [d.optionId, d.count])), {
      [a]: 2,
      [b]: 2,
      [c]: 1,
    });
    const none = await call(frank, 'POST', `/${tool}/dots`, { change: 'remove', optionId: a });
    assert.equal(none.statusCode, 409, 'Frank has no dot there (and joined on the way)');
    const removed = await ok(jonas, 'POST', `/${tool}/dots`, { change: 'remove', optionId: b, count: 2 });
    assert.equal(removed.dots?.used, 3);
    assert.equal(removed.voters, 1);
    const byOption = Object.fromEntries(removed.options.map((o) => [o.id, [o.total, o.people]]));
    assert.deepEqual(byOption, { [a]: [2, 1], [b]: [0, 0], [c]: [1, 1] });

    // an option of another tool, or a move onto the same option
    const other = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'dots' }] });
    const [x = ''] = await withOptions(other.tools.dots, ['Anderes']);
    assert.equal((await place(jonas, tool, x)).statusCode, 422);
    assert.equal(
      (await call(jonas, 'POST', `/${tool}/dots`, { change: 'move', fromOptionId: a, toOptionId: a }))
        .statusCode,
      422,
    );

    // every change is a contribution of kind 'dots'
    const log = await t.db
      .selectFrom('codesign_contribution')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tool_id', '=', tool)
      .where('kind', '=', 'dots')
      .executeTakeFirstOrThrow();
    assert.equal(Number(log.n), 3 + 1 + 1 + 1);

    // removing an option while the vote is open gives its dots back
    await ok(aylin, 'DELETE', `/options/${a}`);
    const after = await ok(jonas, 'GET', `/${tool}`);
    assert.equal(after.dots?.used, 1);
  });

  test('the database holds the budget, the per-option limit and the closing time on its own', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      participants: [frank.id],
      tools: [{ kind: 'dots', config: { budget: 4, maxPerOption: 2 } }],
    });
    const tool = p.tools.dots;
    const [a = '', b = '', c = ''] = await withOptions(tool, ['Eins', 'Zwei', 'Drei']);
    const participant = p.participants[frank.id] ?? '';
    const contribution = await t.db
      .insertInto('codesign_contribution')
      .values({
        network_id: t.networkId,
        project_id: p.id,
        tool_id: tool,
        participant_id: participant,
        kind: 'dots',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const put = (optionId: string, count: number) =>
      sql`INSERT INTO codesign_dot (network_id, tool_id, option_id, participant_id, count, contribution_id)
        VALUES (${t.networkId}, ${tool}, ${optionId}, ${participant}, ${count}, ${contribution.id})`.execute(
        t.db,
      );
    await assert.rejects(put(a, 3), /at most 2 dots/);
    await put(a, 2);
    await put(b, 2);
    await assert.rejects(put(c, 1), /budget of 4 dots/);
    await t.db
      .updateTable('codesign_tool')
      .set({ closes_at: new Date(Date.now() - 1000), opens_at: null })
      .where('id', '=', tool)
      .execute();
    await assert.rejects(
      sql`UPDATE codesign_dot SET count = 1 WHERE option_id = ${a}`.execute(t.db),
      /does not take votes/,
    );
    const closed = await place(frank, tool, c);
    assert.equal(closed.statusCode, 409);
    assert.equal((await ok(frank, 'GET', `/${tool}`)).tool.open, false);
    // after closing, an option with votes stays
    assert.equal((await call(aylin, 'DELETE', `/options/${a}`)).statusCode, 409);
  });

  test('a facilitator enters a paper sheet for a person who consented, and it says so', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      participants: [frank.id],
      tools: [{ kind: 'dots', config: { budget: 3 } }],
    });
    const tool = p.tools.dots;
    const [a = ''] = await withOptions(tool, ['Sprechstunde am Abend']);
    const frauM = await makeAssistedParticipant(t, p.id, { recordedBy: aylin.id });
    const onBehalf = { participantId: frauM, channel: 'paper' };

    assert.equal((await place(frank, tool, a, { onBehalf })).statusCode, 403);
    const v = await ok(aylin, 'POST', `/${tool}/dots`, { change: 'place', optionId: a, count: 2, onBehalf });
    assert.equal(v.participantId, frauM);
    assert.equal(v.dots?.used, 2);
    const hers = await ok(aylin, 'GET', `/${tool}?participantId=${frauM}`);
    assert.equal(hers.dots?.used, 2);
    assert.equal((await call(frank, 'GET', `/${tool}?participantId=${frauM}`)).statusCode, 403);
    const entry = await t.db
      .selectFrom('codesign_contribution')
      .select(['channel', 'entered_by', 'entered_role'])
      .where('participant_id', '=', frauM)
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, { channel: 'paper', entered_by: aylin.id, entered_role: 'staff' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', frauM)
      .execute();
    assert.ok(audited.some((r) => r.action === 'codesign.contribution_entered'));
    // her own view is untouched by Aylin's
    assert.equal((await ok(aylin, 'GET', `/${tool}`)).dots?.used, 0);
  });

  test('rankings: one per person, each place once, a Borda count with first places', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      participants: [frank.id],
      tools: [{ kind: 'ranking', config: { places: 3 } }],
    });
    const tool = p.tools.ranking;
    const [a = '', b = '', c = '', d = ''] = await withOptions(tool, [
      'Dienstag',
      'Mittwoch',
      'Freitag',
      'Samstag',
    ]);
    const dupe = await call(frank, 'PUT', `/${tool}/ranking`, { optionIds: [a, a] });
    assert.equal(dupe.statusCode, 422);
    const long = await call(frank, 'PUT', `/${tool}/ranking`, { optionIds: [a, b, c, d] });
    assert.equal(long.statusCode, 422);
    assert.match(long.json().title, /höchstens 3/);

    await ok(frank, 'PUT', `/${tool}/ranking`, { optionIds: [a, b, c] });
    const second = await ok(frank, 'PUT', `/${tool}/ranking`, { optionIds: [b, a] });
    assert.deepEqual(second.ranking?.mine, [b, a]);
    const j = await ok(jonas, 'PUT', `/${tool}/ranking`, { optionIds: [b, c, d] });
    assert.equal(j.voters, 2);
    const got = Object.fromEntries(j.options.map((o) => [o.id, [o.total, o.firsts, o.people]]));
    // places 3: first 3 points, second 2, third 1
    assert.deepEqual(got, { [a]: [2, 0, 1], [b]: [6, 2, 2], [c]: [2, 0, 1], [d]: [1, 0, 1] });

    // the database: one ranking per participant, each place once
    const rows = await t.db
      .selectFrom('codesign_ranking')
      .select(['id', 'participant_id', 'contribution_id'])
      .where('tool_id', '=', tool)
      .execute();
    assert.equal(rows.length, 2);
    const r0 = rows[0];
    assert.ok(r0);
    await assert.rejects(
      t.db
        .insertInto('codesign_ranking')
        .values({
          network_id: t.networkId,
          tool_id: tool,
          participant_id: r0.participant_id,
          contribution_id: r0.contribution_id,
        })
        .execute(),
      /duplicate key/,
    );
    await assert.rejects(
      t.db
        .insertInto('codesign_ranking_place')
        .values({ network_id: t.networkId, ranking_id: r0.id, tool_id: tool, option_id: d, place: 1 })
        .execute(),
      /duplicate key/,
    );
    await assert.rejects(
      t.db
        .insertInto('codesign_ranking_place')
        .values({ network_id: t.networkId, ranking_id: r0.id, tool_id: tool, option_id: d, place: 4 })
        .execute(),
      /at most 3 places/,
    );

    // taking it back
    const back = await ok(frank, 'PUT', `/${tool}/ranking`, { optionIds: [] });
    assert.deepEqual(back.ranking?.mine, []);
    assert.equal(back.voters, 1);
    // a dots route does not know a ranking tool
    assert.equal((await place(frank, tool, a)).statusCode, 404);
  });

  test('results by group hide cells of fewer than five people, and one more where one alone is hidden', async () => {
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'dots' }] });
    const tool = p.tools.dots;
    const [a = ''] = await withOptions(tool, ['Abends offen']);
    const groups: [string, number][] = [
      ['service_user', 6],
      ['relative', 5],
      ['staff', 2],
    ];
    for (const [stake, n] of groups)
      for (let i = 0; i < n; i++) {
        const u = await createUser(t);
        await ok(u, 'POST', `/${tool}/dots`, { change: 'place', optionId: a });
        await t.db
          .updateTable('codesign_participant')
          .set({ stake: stake as 'staff' })
          .where('account_id', '=', u.id)
          .execute();
      }
    const v = await ok(null, 'GET', `/${tool}`);
    assert.equal(v.options[0]?.people, 13);
    const cell = (g: string) => v.byGroup.find((x) => x.group === g)?.cells[0];
    assert.deepEqual([cell('staff')?.people, cell('staff')?.suppressed], [null, true]);
    assert.deepEqual([cell('relative')?.people, cell('relative')?.suppressed], [null, true]);
    assert.deepEqual([cell('service_user')?.people, cell('service_user')?.suppressed], [6, false]);
  });

  test('a members-only project does not exist for outsiders', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      joining: 'invitation',
      participants: [frank.id],
      tools: [{ kind: 'dots' }],
    });
    const tool = p.tools.dots;
    const [a = ''] = await withOptions(tool, ['Eins']);
    assert.equal((await call(outsider, 'GET', `/${tool}`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/${tool}`)).statusCode, 404);
    assert.equal((await place(outsider, tool, a)).statusCode, 404);
    assert.equal((await call(outsider, 'PUT', `/options/${a}`, { title: 'Zwei' })).statusCode, 404);
    assert.equal((await ok(frank, 'GET', `/${tool}`)).options.length, 1);
    assert.equal((await place(frank, tool, a)).statusCode, 200);
  });
});
