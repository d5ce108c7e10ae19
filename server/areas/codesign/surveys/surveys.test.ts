import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('codesign surveys: build, answer once, anonymous results, small cells', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff: organises
  let admin: TestUser; // instance admin
  let outsider: TestUser;
  const people: TestUser[] = [];

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/surveys${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  const questions = [
    { kind: 'single', prompt: 'Wie oft kommen Sie?', required: true, options: ['Einmal', 'Öfter'] },
    { kind: 'multiple', prompt: 'Was hilft Ihnen?', required: false, options: ['Kaffee', 'Zeit', 'Ruhe'] },
    {
      kind: 'scale',
      prompt: 'Wie zufrieden sind Sie?',
      required: true,
      lowLabel: 'gar nicht',
      highLabel: 'sehr',
    },
    { kind: 'text', prompt: 'Was sollen wir ändern?', required: false },
    { kind: 'date', prompt: 'Wann waren Sie zuletzt da?', required: false },
  ];

  /** A survey with the five questions, open, in a fresh project; its question ids in order. */
  async function survey(o: { anonymous?: boolean; closesAt?: Date | null; participants?: string[] } = {}) {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'survey', config: { anonymous: o.anonymous ?? true }, closesAt: o.closesAt ?? null }],
      participants: o.participants ?? people.map((u) => u.id),
    });
    const toolId = p.tools.survey;
    const r = await call(aylin, 'PUT', `/${toolId}/questions`, { questions });
    assert.equal(r.statusCode, 200, r.body);
    const ids = (r.json().questions as { id: string }[]).map((q) => q.id);
    return { project: p, toolId, ids };
  }

  const answers = (ids: string[], i: number) => [
    { questionId: ids[0], choices: [i % 2] },
    { questionId: ids[1], choices: [0, 2] },
    { questionId: ids[2], scale: 1 + (i % 5) },
    { questionId: ids[3], text: `Antwort Nummer ${i}` },
    { questionId: ids[4], date: '2026-11-20' },
  ];

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas-Beratungsstelle' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    admin = await createUser(t, { displayName: 'Ingo Instanz', admin: true });
    outsider = await createUser(t, { displayName: 'Otto Außen' });
    for (let i = 0; i < 12; i++) people.push(await createUser(t, { displayName: `Teilnehmerin Nummer${i}` }));
  });
  after(() => t.close());

  test('facilitators build the survey; validation names the field; others may not', async () => {
    const { toolId } = await survey();
    const view = (await call(people[0] ?? null, 'GET', `/${toolId}`)).json();
    assert.equal(view.anonymous, true);
    assert.deepEqual(
      view.questions.map((q: { kind: string }) => q.kind),
      ['single', 'multiple', 'scale', 'text', 'date'],
    );
    assert.equal(view.answered, false);
    assert.equal(view.resultsVisible, false);

    const bad = await call(aylin, 'PUT', `/${toolId}/questions`, {
      questions: [{ kind: 'single', prompt: 'Frage?', required: true, options: ['Nur eine'] }],
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().errors[0].field, '/questions/0/options');
    const scale = await call(aylin, 'PUT', `/${toolId}/questions`, {
      questions: [{ kind: 'scale', prompt: 'Wie gut?', required: true }],
    });
    assert.equal(scale.statusCode, 422);

    // reorder: the list's order is the survey's
    const reordered = await call(aylin, 'PUT', `/${toolId}/questions`, {
      questions: [...questions].reverse(),
    });
    assert.equal(reordered.json().questions[0].kind, 'date');

    assert.equal(
      (await call(people[0] ?? null, 'PUT', `/${toolId}/questions`, { questions })).statusCode,
      403,
    );
    assert.equal((await call(null, 'PUT', `/${toolId}/questions`, { questions })).statusCode, 401);
  });

  test('members-only project: its survey does not exist for outsiders', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      joining: 'invitation',
      tools: [{ kind: 'survey' }],
    });
    for (const path of ['', '/results', '/results.csv'])
      assert.equal((await call(outsider, 'GET', `/${p.tools.survey}${path}`)).statusCode, 404, path);
    assert.equal((await call(admin, 'GET', `/${p.tools.survey}`)).statusCode, 404);
  });

  test('a participant answers once; required questions are required; questions freeze', async () => {
    const { toolId, ids } = await survey();
    const me = people[0] as TestUser;
    const missing = await call(me, 'POST', `/${toolId}/responses`, {
      answers: [{ questionId: ids[1], choices: [0] }],
    });
    assert.equal(missing.statusCode, 422, missing.body);
    assert.ok(missing.json().errors.some((e: { field: string }) => e.field === '/answers/0'));
    const wrong = await call(me, 'POST', `/${toolId}/responses`, {
      answers: [
        { questionId: ids[0], choices: [0, 1] },
        { questionId: ids[2], scale: 3 },
      ],
    });
    assert.equal(wrong.statusCode, 422, 'a single choice takes one option');

    const ok = await call(me, 'POST', `/${toolId}/responses`, { answers: answers(ids, 0) });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().answered, true);
    assert.equal(ok.json().responses, 1);
    const again = await call(me, 'POST', `/${toolId}/responses`, { answers: answers(ids, 1) });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'codesign.survey_already_answered');

    const edit = await call(aylin, 'PUT', `/${toolId}/questions`, { questions });
    assert.equal(edit.statusCode, 409);
    assert.equal(edit.json().code, 'codesign.survey_answered');
    // the database holds it too
    await assert.rejects(
      t.db
        .updateTable('codesign_survey_question')
        .set({ prompt: 'Etwas ganz anderes?' })
        .where('tool_id', '=', toolId)
        .execute(),
    );
    await assert.rejects(
      t.db
        .updateTable('codesign_tool')
        .set({ config: JSON.stringify({ anonymous: false }) })
        .where('id', '=', toolId)
        .execute(),
      'an answered survey stays anonymous',
    );
  });

  test('closed: answers refused, by the route and by the database', async () => {
    const { toolId, ids } = await survey({ closesAt: new Date(Date.now() + 60_000) });
    await t.db
      .updateTable('codesign_tool')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', toolId)
      .execute();
    const r = await call(people[1] ?? null, 'POST', `/${toolId}/responses`, { answers: answers(ids, 0) });
    assert.equal(r.statusCode, 409, r.body);
    await assert.rejects(
      t.db
        .insertInto('codesign_survey_response')
        .values({ network_id: t.networkId, tool_id: toolId, contribution_id: null })
        .execute(),
      /not open/,
    );
    // once closed, everyone who sees the project sees the results
    assert.equal((await call(people[1] ?? null, 'GET', `/${toolId}/results`)).statusCode, 200);
  });

  test('anonymous: nothing written links a person to what they answered, nobody is shown who', async () => {
    const { project, toolId, ids } = await survey();
    const frauM = await makeAssistedParticipant(t, project.id, { recordedBy: aylin.id });
    for (const [i, u] of people.slice(0, 6).entries()) {
      const r = await call(u, 'POST', `/${toolId}/responses`, { answers: answers(ids, i) });
      assert.equal(r.statusCode, 201, r.body);
    }
    const paper = await call(aylin, 'POST', `/${toolId}/responses`, {
      answers: answers(ids, 9),
      onBehalf: { participantId: frauM, channel: 'paper' },
    });
    assert.equal(paper.statusCode, 201, paper.body);

    // the rows: a response has only its random id and the survey; answers only the response and question
    const responses = await sql<
      Record<string, unknown>
    >`SELECT * FROM codesign_survey_response WHERE tool_id = ${toolId}`.execute(t.db);
    assert.equal(responses.rows.length, 7);
    for (const r of responses.rows) {
      assert.deepEqual(Object.keys(r).sort(), ['contribution_id', 'id', 'network_id', 'tool_id']);
      assert.equal(r.contribution_id, null);
    }
    const answerCols = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'codesign_survey_answer' ORDER BY 1`.execute(
      t.db,
    );
    assert.deepEqual(
      answerCols.rows.map((c) => c.column_name),
      ['choices', 'date_value', 'network_id', 'question_id', 'response_id', 'scale', 'text_value'],
    );
    // a response id is found nowhere else in the database (no table but the two holds it)
    const responseIds = responses.rows.map((r) => String(r.id));
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(t.db);
    for (const { table_name } of tables.rows) {
      if (table_name === 'codesign_survey_response' || table_name === 'codesign_survey_answer') continue;
      const hit = await sql<{ n: string }>`
        SELECT count(*) AS n FROM ${sql.table(table_name)} x
        WHERE ${sql.join(
          responseIds.map((id) => sql`position(${id} in x::text) > 0`),
          sql` OR `,
        )}`.execute(t.db);
      assert.equal(Number(hit.rows[0]?.n), 0, `${table_name} holds a response id`);
    }
    // the audit log knows that Aylin entered a survey for Frau M. — not what
    const audits = await t.db.selectFrom('audit_log').select(['action', 'details']).execute();
    for (const a of audits) {
      const text = JSON.stringify(a.details);
      assert.ok(!text.includes('Antwort Nummer'), a.action);
      for (const id of responseIds) assert.ok(!text.includes(id));
    }
    // the contributions say who took part (kind survey), once each
    const took = await t.db
      .selectFrom('codesign_contribution')
      .select(['participant_id', 'channel'])
      .where('tool_id', '=', toolId)
      .execute();
    assert.equal(took.length, 7);
    assert.equal(took.filter((c) => c.channel === 'paper').length, 1);

    // the API: results show counts and shuffled texts, never a name or an id of a person
    for (const who of [aylin, admin]) {
      const r = await call(who, 'GET', `/${toolId}/results`);
      if (who === admin) {
        assert.equal(r.statusCode, 403, 'the instance admin is no facilitator here');
        continue;
      }
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      // while it runs: the results as at the fifth answer, the two since then not yet in them
      assert.equal(body.responses, 5);
      assert.equal(body.pending, 2);
      const text = JSON.stringify(body);
      for (const u of [...people, aylin]) {
        assert.ok(!text.includes(u.displayName), 'no names');
        assert.ok(!text.includes(u.id), 'no account ids');
      }
      for (const c of took) assert.ok(!text.includes(c.participant_id));
      for (const id of responseIds) assert.ok(!text.includes(id));
      assert.ok(!text.includes('Frau M.'));
      const single = body.questions[0];
      assert.equal(single.answered, 5);
      assert.equal(single.options[0].count + single.options[1].count, 5);
      assert.equal(body.questions[2].average !== null, true);
      assert.equal(body.questions[3].texts.length, 5);
      for (const q of body.questions) assert.equal(q.breakdown, null, 'no groups in an anonymous survey');
    }
    // once closed, all seven
    await t.db
      .updateTable('codesign_tool')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', toolId)
      .execute();
    const closed = (await call(aylin, 'GET', `/${toolId}/results`)).json();
    assert.equal(closed.responses, 7);
    assert.equal(closed.questions[3].texts.length, 7);
    const csv = await call(aylin, 'GET', `/${toolId}/results.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    for (const u of people) assert.ok(!csv.body.includes(u.displayName));
    assert.equal((await call(people[0] ?? null, 'GET', `/${toolId}/results.csv`)).statusCode, 403);
  });

  test('anonymous: no results below 5 answers; free text from 5 answers on', async () => {
    const { toolId, ids } = await survey();
    for (const [i, u] of people.slice(0, 4).entries())
      assert.equal(
        (await call(u, 'POST', `/${toolId}/responses`, { answers: answers(ids, i) })).statusCode,
        201,
      );
    const few = (await call(aylin, 'GET', `/${toolId}/results`)).json();
    assert.equal(few.responses, 0, 'the results rest on no answers yet');
    assert.equal(few.pending, 4);
    assert.equal(few.tooFew, true);
    assert.deepEqual(few.questions, [], 'with so few, who took part would give away what they answered');
    const csv = (await call(aylin, 'GET', `/${toolId}/results.csv`)).body;
    assert.doesNotMatch(csv, /Antwort Nummer|Einmal/);
    // the fifth: results show; of the free texts only the four who wrote (one leaves it out) — not yet listed
    const fifth = answers(ids, 4).filter((a) => a.questionId !== ids[3]);
    assert.equal(
      (await call(people[4] ?? null, 'POST', `/${toolId}/responses`, { answers: fifth })).statusCode,
      201,
    );
    const r = (await call(aylin, 'GET', `/${toolId}/results`)).json();
    assert.equal(r.tooFew, false);
    assert.equal(r.questions[0].answered, 5);
    assert.equal(r.questions[3].answered, 4);
    assert.equal(r.questions[3].texts, null);
  });

  test('named: groups broken down, cells of 1–4 people hidden in JSON and CSV', async () => {
    const { project, toolId, ids } = await survey({ anonymous: false });
    // seven from one district group, two from another (small)
    for (const [i, u] of people.slice(0, 9).entries()) {
      await t.db
        .updateTable('codesign_participant')
        .set({ age_band: i < 7 ? '30_49' : '65_79', stake: 'service_user' })
        .where('project_id', '=', project.id)
        .where('account_id', '=', u.id)
        .execute();
      const r = await call(u, 'POST', `/${toolId}/responses`, { answers: answers(ids, i) });
      assert.equal(r.statusCode, 201, r.body);
    }
    const named = await t.db
      .selectFrom('codesign_survey_response')
      .select('contribution_id')
      .where('tool_id', '=', toolId)
      .execute();
    assert.ok(
      named.every((r) => r.contribution_id !== null),
      'a named survey keeps the contribution',
    );

    const body = (await call(aylin, 'GET', `/${toolId}/results`)).json();
    const single = body.questions[0];
    const age = single.breakdown.find((b: { dimension: string }) => b.dimension === 'ageBand');
    const big = age.groups.find((g: { key: string }) => g.key === '30_49');
    const small = age.groups.find((g: { key: string }) => g.key === '65_79');
    assert.equal(big.people, 7);
    assert.equal(big.suppressed, false);
    // 7 people: options 4 and 3 — both cells of fewer than 5 people, hidden
    assert.deepEqual(big.counts, [null, null]);
    assert.equal(small.people, null);
    assert.equal(small.suppressed, true);
    assert.deepEqual(small.counts, [null, null]);
    const stake = single.breakdown.find((b: { dimension: string }) => b.dimension === 'stake');
    assert.equal(stake.groups[0].people, 9);
    const multiple = body.questions[1].breakdown.find((b: { dimension: string }) => b.dimension === 'stake');
    assert.deepEqual(multiple.groups[0].counts, [9, 0, 9], 'large cells and empty ones show');

    const csv = (await call(aylin, 'GET', `/${toolId}/results.csv`)).body;
    assert.match(csv, /Altersgruppe: 65_79;\(beantwortet\);weniger als 5/);
    assert.doesNotMatch(csv, /Altersgruppe: 65_79;\(beantwortet\);2/);
    assert.match(csv, /Altersgruppe: 30_49;\(beantwortet\);7/);
    for (const u of people) assert.ok(!csv.includes(u.displayName));
  });

  test('deleting an answered survey takes its questions and answers along', async () => {
    const { toolId, ids } = await survey();
    await call(people[0] ?? null, 'POST', `/${toolId}/responses`, { answers: answers(ids, 0) });
    await t.db.deleteFrom('codesign_tool').where('id', '=', toolId).execute();
    const left = await t.db
      .selectFrom('codesign_survey_question')
      .select('id')
      .where('tool_id', '=', toolId)
      .execute();
    assert.equal(left.length, 0);
  });

  test('answer once under 10 parallel submissions', { skip: !onPostgres && 'PostgreSQL only' }, async () => {
    const { toolId, ids } = await survey();
    const me = people[2] as TestUser;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(me, 'POST', `/${toolId}/responses`, { answers: answers(ids, i) }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.equal(codes.filter((c) => c === 201).length, 1, codes.join());
    assert.equal(codes.filter((c) => c === 409).length, 9, codes.join());
    const n = await t.db
      .selectFrom('codesign_survey_response')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tool_id', '=', toolId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
  });
});
