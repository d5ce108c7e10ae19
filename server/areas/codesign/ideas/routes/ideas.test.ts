import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { ideaOptions, projectIdeaOptions } from '../options.ts';

describe('codesign ideas: ideas, points and comments, merging and choosing', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff: runs the projects
  let gul: TestUser; // participant
  let ali: TestUser; // participant
  let outsider: TestUser;
  let admin: TestUser; // instance admin (moderator)
  let open: Awaited<ReturnType<typeof makeProject>>; // public, open to join
  let members: Awaited<ReturnType<typeof makeProject>>; // members only, by invitation
  let fraum: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/ideas${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const addIdea = async (who: Who, toolId: string, payload: object) => {
    const r = await call(who, 'POST', `/tools/${toolId}`, payload);
    assert.equal(r.statusCode, 201, r.body);
    return r.json().idea.id as string;
  };
  const count = async (
    table: 'codesign_idea' | 'codesign_idea_point' | 'codesign_idea_comment' | 'codesign_contribution',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = (projectId: string, kind: string) =>
    t.db
      .selectFrom('codesign_event')
      .select(['params'])
      .where('project_id', '=', projectId)
      .where('kind', '=', kind)
      .execute();

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    gul = await createUser(t, { displayName: 'Gül Şahin' });
    ali = await createUser(t, { displayName: 'Ali Rahimi' });
    outsider = await createUser(t, { displayName: 'Otto Außen' });
    admin = await createUser(t, { displayName: 'Ingo Instanz', admin: true });
    open = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas' }], participants: [aylin.id] });
    members = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      joining: 'invitation',
      tools: [{ kind: 'ideas' }],
      participants: [gul.id],
    });
    fraum = await makeAssistedParticipant(t, open.id, { recordedBy: aylin.id });
  });
  after(() => t.close());

  test('a participant adds an idea: one contribution, shown with who proposed it', async () => {
    const before = await count('codesign_contribution');
    const r = await call(gul, 'POST', `/tools/${open.tools.ideas}`, {
      title: '  Sprechstunde auch am Abend ',
      body: 'Einmal die Woche bis **19 Uhr**.',
    });
    assert.equal(r.statusCode, 201, r.body);
    const d = r.json();
    assert.equal(d.tool.kind, 'ideas');
    assert.equal(d.idea.title, 'Sprechstunde auch am Abend');
    assert.match(d.idea.html, /<strong>19 Uhr<\/strong>/);
    assert.deepEqual(d.idea.contributor, { name: 'Gül Şahin', channel: 'online', assistedBy: null });
    assert.equal(await count('codesign_contribution'), before + 1);
    const row = await t.db
      .selectFrom('codesign_idea as i')
      .innerJoin('codesign_contribution as c', 'c.id', 'i.contribution_id')
      .select(['c.kind', 'c.tool_id'])
      .where('i.id', '=', d.idea.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { kind: 'idea', tool_id: open.tools.ideas });
    // she joined the open project with it
    const list = (await call(null, 'GET', `/tools/${open.tools.ideas}`)).json();
    assert.equal(list.items[0].title, 'Sprechstunde auch am Abend');
    assert.equal(list.items[0].contributor.name, 'Gül Şahin');
    assert.equal(list.abilities.propose, false, 'not signed in');
  });

  test('validation: title, body, side and unknown fields answer with the field', async () => {
    const tool = `/tools/${open.tools.ideas}`;
    const short = await call(gul, 'POST', tool, { title: 'ab' });
    assert.equal(short.statusCode, 400, short.body);
    assert.ok(short.json().errors.some((e: { field: string }) => e.field === '/title'));
    const blank = await call(gul, 'POST', tool, { title: '     ' });
    assert.equal(blank.statusCode, 422, blank.body);
    assert.equal(blank.json().errors[0].field, '/title');
    assert.equal((await call(gul, 'POST', tool, { title: 'Gute Idee', extra: 1 })).statusCode, 400);
    assert.equal((await call(gul, 'POST', tool, { title: 'x'.repeat(161) })).statusCode, 400);
    const id = await addIdea(gul, open.tools.ideas, { title: 'Wartebereich mit Spielecke' });
    assert.equal(
      (await call(gul, 'POST', `/${id}/points`, { side: 'maybe', body: 'Gut so' })).statusCode,
      400,
    );
    assert.equal(
      (await call(gul, 'POST', `/${id}/points`, { side: 'pro', body: 'x'.repeat(281) })).statusCode,
      400,
    );
    const blankPoint = await call(gul, 'POST', `/${id}/points`, { side: 'pro', body: '   ' });
    assert.equal(blankPoint.statusCode, 422, blankPoint.body);
    assert.equal(blankPoint.json().errors[0].field, '/body');
    assert.equal((await call(gul, 'POST', `/${id}/comments`, { body: '' })).statusCode, 400);
    assert.equal((await call(gul, 'POST', `/${id}/comments`, { body: ' \n ' })).statusCode, 422);
    assert.equal((await call(gul, 'GET', `/tools/${open.tools.ideas}?sort=best`)).statusCode, 400);
  });

  test('points for and against and comments, each a contribution', async () => {
    const id = await addIdea(gul, open.tools.ideas, { title: 'Termine per Telefon vereinbaren' });
    for (const [side, body] of [
      ['pro', 'Kein Warten im Flur.'],
      ['contra', 'Nicht alle telefonieren gut.'],
    ])
      assert.equal((await call(ali, 'POST', `/${id}/points`, { side, body })).statusCode, 201);
    assert.equal((await call(ali, 'POST', `/${id}/comments`, { body: 'Gute Idee!' })).statusCode, 201);
    const d = (await call(null, 'GET', `/${id}`)).json();
    assert.deepEqual(
      d.points.map((p: { side: string; body: string; contributor: { name: string } }) => [
        p.side,
        p.body,
        p.contributor.name,
      ]),
      [
        ['pro', 'Kein Warten im Flur.', 'Ali Rahimi'],
        ['contra', 'Nicht alle telefonieren gut.', 'Ali Rahimi'],
      ],
    );
    assert.equal(d.comments[0].body, 'Gute Idee!');
    const kinds = await t.db
      .selectFrom('codesign_contribution as c')
      .innerJoin('codesign_idea_point as p', 'p.contribution_id', 'c.id')
      .select('c.kind')
      .where('p.idea_id', '=', id)
      .execute();
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['point', 'point'],
    );
  });

  test('members-only: outsiders get 404 everywhere; anonymous get 401 on a public project', async () => {
    const id = await addIdea(gul, members.tools.ideas, { title: 'Nur für Mitglieder' });
    for (const who of [outsider, null, admin]) {
      assert.equal((await call(who, 'GET', `/tools/${members.tools.ideas}`)).statusCode, 404);
      assert.equal((await call(who, 'GET', `/${id}`)).statusCode, 404);
    }
    assert.equal(
      (await call(outsider, 'POST', `/tools/${members.tools.ideas}`, { title: 'Von außen' })).statusCode,
      404,
    );
    assert.equal((await call(outsider, 'POST', `/${id}/comments`, { body: 'Hallo' })).statusCode, 404);
    assert.equal(
      (await call(outsider, 'POST', `/${id}/points`, { side: 'pro', body: 'Hallo' })).statusCode,
      404,
    );
    assert.equal((await call(outsider, 'POST', `/${id}/merge`, { intoId: id })).statusCode, 422);
    assert.equal((await call(gul, 'GET', `/${id}`)).statusCode, 200);
    assert.equal((await call(aylin, 'GET', `/tools/${members.tools.ideas}`)).statusCode, 200);
    assert.equal(
      (await call(null, 'POST', `/tools/${open.tools.ideas}`, { title: 'Anonym' })).statusCode,
      401,
    );
  });

  test('a closed tool takes nothing; with participantsPropose off only facilitators add ideas; with points off no points', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [
        { kind: 'ideas', closesAt: new Date(Date.now() - 1000) },
        { kind: 'ideas', config: { participantsPropose: false, points: false } },
      ],
      participants: [gul.id, aylin.id],
    });
    const [closed, strict] = p.toolIds as [string, string];
    const r = await call(gul, 'POST', `/tools/${closed}`, { title: 'Zu spät' });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'codesign.tool_not_open');
    const no = await call(gul, 'POST', `/tools/${strict}`, { title: 'Meine Idee' });
    assert.equal(no.statusCode, 403);
    assert.equal(no.json().code, 'codesignIdeas.proposals_closed');
    assert.equal((await call(gul, 'GET', `/tools/${strict}`)).json().abilities.propose, false);
    assert.equal((await call(aylin, 'GET', `/tools/${strict}`)).json().abilities.propose, true);
    const id = await addIdea(aylin, strict, { title: 'Vorschlag der Moderation' });
    const pt = await call(gul, 'POST', `/${id}/points`, { side: 'pro', body: 'Gut' });
    assert.equal(pt.statusCode, 409);
    assert.equal(pt.json().code, 'codesignIdeas.points_off');
    assert.equal(
      (await call(gul, 'POST', `/${id}/comments`, { body: 'Aber kommentieren geht.' })).statusCode,
      201,
    );
    const d = (await call(gul, 'GET', `/${id}`)).json();
    assert.equal(d.abilities.point, false);
    assert.equal(d.abilities.comment, true);
  });

  test('for someone else: a facilitator for a person who consented; refused without consent or for non-facilitators', async () => {
    const r = await call(aylin, 'POST', `/tools/${open.tools.ideas}`, {
      title: 'Dolmetscherin einmal im Monat',
      onBehalf: { participantId: fraum, channel: 'paper' },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().idea.contributor, {
      name: 'Frau M.',
      channel: 'paper',
      assistedBy: 'Aylin Demir',
    });
    const id = r.json().idea.id;
    const point = await call(aylin, 'POST', `/${id}/points`, {
      side: 'pro',
      body: 'Dann muss mein Sohn nicht übersetzen.',
      onBehalf: { participantId: fraum, channel: 'phone' },
    });
    assert.equal(point.statusCode, 201, point.body);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', fraum)
      .where('action', '=', 'codesign.contribution_entered')
      .execute();
    assert.equal(audits.length, 2);

    const byParticipant = await call(gul, 'POST', `/${id}/comments`, {
      body: 'Für Frau M.',
      onBehalf: { participantId: fraum, channel: 'paper' },
    });
    assert.equal(byParticipant.statusCode, 403);
    // a participant with an account but no recorded consent
    const ali2 = await t.db
      .selectFrom('codesign_participant')
      .select('id')
      .where('project_id', '=', open.id)
      .where('account_id', '=', gul.id)
      .executeTakeFirstOrThrow();
    const noConsent = await call(aylin, 'POST', `/${id}/comments`, {
      body: 'Für Gül',
      onBehalf: { participantId: ali2.id, channel: 'phone' },
    });
    assert.equal(noConsent.statusCode, 409);
    assert.equal(noConsent.json().code, 'codesign.assist_no_consent');
    // someone of another project
    const other = await makeAssistedParticipant(t, members.id, { recordedBy: aylin.id });
    const elsewhere = await call(aylin, 'POST', `/${id}/comments`, {
      body: 'Falsches Projekt',
      onBehalf: { participantId: other, channel: 'paper' },
    });
    assert.equal(elsewhere.statusCode, 404);
  });

  test('merging keeps everything: the duplicate points to the idea it went into, its things show there', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'ideas' }],
      participants: [gul.id, ali.id],
    });
    const tool = p.tools.ideas;
    const a = await addIdea(gul, tool, { title: 'Abends geöffnet' });
    const b = await addIdea(ali, tool, { title: 'Sprechstunde auch am Abend' });
    const c = await addIdea(ali, tool, { title: 'Nach 17 Uhr offen' });
    const d = await addIdea(gul, tool, { title: 'Spätsprechstunde' });
    await call(ali, 'POST', `/${a}/points`, { side: 'pro', body: 'Nach der Arbeit' });
    await call(ali, 'POST', `/${a}/comments`, { body: 'Bin dafür' });
    await call(gul, 'POST', `/${b}/points`, { side: 'contra', body: 'Mehr Personal nötig' });
    await call(aylin, 'PUT', `/tools/${tool}/selection`, { ideaIds: [a] });
    const rows = async () => [
      await count('codesign_idea'),
      await count('codesign_idea_point'),
      await count('codesign_idea_comment'),
    ];
    const before = await rows();

    assert.equal(
      (await call(gul, 'POST', `/${a}/merge`, { intoId: b })).statusCode,
      403,
      'not a facilitator',
    );
    assert.equal((await call(aylin, 'POST', `/${a}/merge`, { intoId: a })).statusCode, 422);
    assert.equal((await call(aylin, 'POST', `/${a}/merge`, { intoId: open.tools.ideas })).statusCode, 422);
    const merged = await call(aylin, 'POST', `/${a}/merge`, { intoId: b });
    assert.equal(merged.statusCode, 200, merged.body);
    const into = merged.json();
    assert.equal(into.idea.id, b);
    assert.equal(into.idea.mark, 'selected', 'the mark moved with it');
    assert.deepEqual(
      into.merged.map((m: { title: string; contributor: { name: string } }) => [m.title, m.contributor.name]),
      [['Abends geöffnet', 'Gül Şahin']],
    );
    assert.deepEqual(into.points.map((x: { body: string }) => x.body).sort(), [
      'Mehr Personal nötig',
      'Nach der Arbeit',
    ]);
    assert.equal(into.comments[0].ideaId, a);

    const dup = (await call(null, 'GET', `/${a}`)).json();
    assert.deepEqual(dup.idea.mergedInto, { id: b, title: 'Sprechstunde auch am Abend' });
    assert.equal(dup.idea.mark, null);
    assert.equal(dup.abilities.comment, false);
    const late = await call(ali, 'POST', `/${a}/comments`, { body: 'Noch was' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'codesignIdeas.merged');
    assert.equal((await call(aylin, 'POST', `/${a}/merge`, { intoId: c })).statusCode, 409);
    assert.equal(
      (await call(aylin, 'POST', `/${c}/merge`, { intoId: a })).statusCode,
      422,
      'into a merged one',
    );

    const list = (await call(null, 'GET', `/tools/${tool}`)).json();
    assert.deepEqual(list.items.map((i: { id: string }) => i.id).sort(), [b, c, d].sort());
    const shownB = list.items.find((i: { id: string }) => i.id === b);
    assert.deepEqual([shownB.pro, shownB.contra, shownB.comments, shownB.merged], [1, 1, 1, 1]);

    // merging an idea that others went into takes them along: merges never chain
    assert.equal((await call(aylin, 'POST', `/${d}/merge`, { intoId: c })).statusCode, 200);
    assert.equal((await call(aylin, 'POST', `/${c}/merge`, { intoId: b })).statusCode, 200);
    const final = (await call(null, 'GET', `/${b}`)).json();
    assert.deepEqual(final.merged.map((m: { id: string }) => m.id).sort(), [a, c, d].sort());
    assert.deepEqual(await rows(), before, 'no row lost');
    const ev = await events(p.id, 'ideas.merged');
    assert.equal(ev.length, 3);
    assert.deepEqual(ev[0]?.params, {
      from: 'Abends geöffnet',
      into: 'Sprechstunde auch am Abend',
      tool: ev[0]?.params.tool ?? '',
    });
    assert.deepEqual(await ideaOptions(t.db, t.networkId, tool), [
      { id: b, title: 'Sprechstunde auch am Abend' },
    ]);
  });

  test('merges crossing each other: one wins, never a cycle or a chain', async () => {
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas' }], participants: [gul.id] });
    const tool = p.tools.ideas;
    for (let round = 0; round < 5; round++) {
      const a = await addIdea(gul, tool, { title: `Runde ${round} A` });
      const b = await addIdea(gul, tool, { title: `Runde ${round} B` });
      const c = await addIdea(gul, tool, { title: `Runde ${round} C` });
      const answers = await Promise.all([
        call(aylin, 'POST', `/${a}/merge`, { intoId: b }),
        call(aylin, 'POST', `/${b}/merge`, { intoId: a }),
        call(aylin, 'POST', `/${c}/merge`, { intoId: a }),
      ]);
      assert.ok(
        answers.every((r) => [200, 409, 422].includes(r.statusCode)),
        answers.map((r) => r.body).join(),
      );
      const rows = await t.db
        .selectFrom('codesign_idea')
        .select(['id', 'merged_into'])
        .where('id', 'in', [a, b, c])
        .execute();
      const into = new Map(rows.map((r) => [r.id, r.merged_into]));
      for (const r of rows) if (r.merged_into) assert.equal(into.get(r.merged_into), null, 'no chain');
      assert.equal(rows.filter((r) => r.merged_into === null).length >= 1, true);
    }
  });

  test('the database holds the merge rules: same tool, never a chain', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'ideas' }, { kind: 'ideas' }],
      participants: [gul.id],
    });
    const [one, two] = p.toolIds as [string, string];
    const a = await addIdea(gul, one, { title: 'Erste Idee' });
    const b = await addIdea(gul, one, { title: 'Zweite Idee' });
    const c = await addIdea(gul, one, { title: 'Dritte Idee' });
    const x = await addIdea(gul, two, { title: 'Andere Liste' });
    const merge = (from: string, into: string) =>
      t.db
        .updateTable('codesign_idea')
        .set({ merged_into: into, merged_at: new Date() })
        .where('id', '=', from)
        .execute();
    await assert.rejects(merge(a, x), 'another tool');
    await assert.rejects(merge(a, a), 'itself');
    await merge(a, b);
    await assert.rejects(merge(c, a), 'into a merged one');
    await assert.rejects(merge(b, c), 'one others went into');
    await assert.rejects(
      t.db.updateTable('codesign_idea').set({ mark: 'selected' }).where('id', '=', a).execute(),
      'a merged idea is not selected',
    );
  });

  test('choosing ideas for the decide phase: exactly those, one timeline event per change', async () => {
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas' }], participants: [gul.id] });
    const tool = p.tools.ideas;
    const a = await addIdea(gul, tool, { title: 'Idee A' });
    const b = await addIdea(gul, tool, { title: 'Idee B' });
    const c = await addIdea(gul, tool, { title: 'Idee C' });
    assert.equal((await call(gul, 'PUT', `/tools/${tool}/selection`, { ideaIds: [a] })).statusCode, 403);
    assert.equal((await call(outsider, 'PUT', `/tools/${tool}/selection`, { ideaIds: [a] })).statusCode, 403);
    const r = await call(aylin, 'PUT', `/tools/${tool}/selection`, { ideaIds: [a, b] });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await call(aylin, 'PUT', `/tools/${tool}/selection`, { ideaIds: [b, a] })).statusCode, 200);
    assert.equal((await events(p.id, 'ideas.selected')).length, 1, 'nothing changed the second time');
    await call(aylin, 'PUT', `/tools/${tool}/selection`, { ideaIds: [c] });
    const marks = await t.db
      .selectFrom('codesign_idea')
      .select(['id', 'mark'])
      .where('tool_id', '=', tool)
      .execute();
    assert.deepEqual(
      marks.filter((m) => m.mark === 'selected').map((m) => m.id),
      [c],
    );
    assert.deepEqual(
      (await ideaOptions(t.db, t.networkId, tool, { selectedOnly: true })).map((o) => o.id),
      [c],
    );
    assert.equal((await projectIdeaOptions(t.db, t.networkId, p.id)).length, 3);
    const bad = await call(aylin, 'PUT', `/tools/${tool}/selection`, { ideaIds: [open.tools.ideas] });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, '/ideaIds');
    assert.equal((await events(p.id, 'ideas.selected')).length, 2);
  });

  test('sorting by points, paging, and what a moderator hid', async () => {
    const p = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'ideas' }],
      participants: [gul.id, ali.id],
    });
    const tool = p.tools.ideas;
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await addIdea(gul, tool, { title: `Idee Nummer ${n}` }));
    for (let k = 0; k < 3; k++)
      await call(ali, 'POST', `/${ids[1]}/points`, { side: 'pro', body: `Punkt ${k}` });
    await call(ali, 'POST', `/${ids[3]}/points`, { side: 'contra', body: 'Dagegen' });
    const byPoints = (await call(null, 'GET', `/tools/${tool}?sort=points&limit=2`)).json();
    assert.equal(byPoints.total, 5);
    assert.deepEqual(
      byPoints.items.map((i: { id: string }) => i.id),
      [ids[1], ids[3]],
    );
    const newest = (await call(null, 'GET', `/tools/${tool}?limit=2&offset=2`)).json();
    assert.deepEqual(
      newest.items.map((i: { title: string }) => i.title),
      ['Idee Nummer 3', 'Idee Nummer 2'],
    );

    const hide = (entityType: string, entityId: string) =>
      t.db
        .insertInto('hidden_content')
        .values({
          network_id: t.networkId,
          entity_type: entityType,
          entity_id: entityId,
          hidden_by: admin.id,
          reason: 'abuse',
        })
        .execute();
    const point = await t.db
      .selectFrom('codesign_idea_point')
      .select('id')
      .where('idea_id', '=', ids[3]!)
      .executeTakeFirstOrThrow();
    await hide('codesign_idea_point', point.id);
    await hide('codesign_idea', ids[0]!);
    const after = (await call(null, 'GET', `/tools/${tool}?sort=points`)).json();
    assert.equal(after.total, 4);
    assert.ok(!after.items.some((i: { id: string }) => i.id === ids[0]));
    assert.equal(after.items.find((i: { id: string }) => i.id === ids[3]).contra, 0);
    assert.equal((await call(gul, 'GET', `/${ids[0]}`)).statusCode, 404, 'even for its author');
    assert.equal((await call(gul, 'POST', `/${ids[0]}/comments`, { body: 'Hallo' })).statusCode, 404);
    const seen = await call(admin, 'GET', `/${ids[0]}`);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json().idea.hidden, true);
    assert.equal((await call(null, 'GET', `/${ids[3]}`)).json().points.length, 0);
    assert.ok(!(await ideaOptions(t.db, t.networkId, tool)).some((o) => o.id === ids[0]));
    // reporting goes through the platform's flags
    const flag = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flags',
      headers: ali.headers,
      payload: { entityType: 'codesign_idea', entityId: ids[2], reason: 'abuse' },
    });
    assert.equal(flag.statusCode, 201, flag.body);
  });
});
