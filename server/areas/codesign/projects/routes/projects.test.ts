import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

describe('codesign projects: organisers set up a project, partners accept, people join', () => {
  let t: TestApp;
  let caritas: { id: string };
  let nbz: { id: string };
  let aylin: TestUser; // staff of Caritas
  let petra: TestUser; // admin of the neighbourhood centre
  let volunteer: TestUser; // volunteer of Caritas (does not organise)
  let jonas: TestUser; // a neighbour
  let paula: TestUser; // another neighbour
  let projectId: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const ok = async (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const r = await call(who, method, url, payload);
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? null : r.json();
  };
  const project = (over: object = {}) => ({
    organisationId: caritas.id,
    template: 'full',
    title: 'Offene Sprechstunde neu gestalten',
    summary: 'Wir planen die Sprechstunde gemeinsam neu.',
    description: 'Viele warten **lange**. <script>alert(1)</script>',
    visibility: 'public',
    joining: 'open',
    districtId: null,
    ...over,
  });
  const audits = (id: string) =>
    t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
      .then((r) => r.map((x) => x.action));
  const listIds = async (who: Who, query = '') =>
    ((await ok(who, 'GET', `/projects${query}`)).items as { id: string }[]).map((p) => p.id);

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    nbz = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[nbz.id, 'admin']] });
    volunteer = await createUser(t, { displayName: 'Renate', memberOf: [[caritas.id, 'volunteer']] });
    jonas = await createUser(t, { displayName: 'Jonas Berger' });
    paula = await createUser(t, { displayName: 'Paula Passant' });
  });
  after(() => t.close());

  test('an organisation’s staff makes a draft from a template; nobody else sees it', async () => {
    assert.equal((await call(null, 'POST', '/projects', project())).statusCode, 401);
    assert.equal((await call(volunteer, 'POST', '/projects', project())).statusCode, 422);
    assert.equal((await call(petra, 'POST', '/projects', project())).statusCode, 422);
    assert.equal((await call(aylin, 'POST', '/projects', project({ title: '   x ' }))).statusCode, 422);
    assert.equal((await call(aylin, 'POST', '/projects', project({ template: 'nope' }))).statusCode, 400);

    const r = await call(aylin, 'POST', '/projects', project());
    assert.equal(r.statusCode, 201, r.body);
    const p = r.json();
    projectId = p.id;
    assert.equal(p.status, 'draft');
    assert.deepEqual(
      p.phases.map((ph: { kind: string }) => ph.kind),
      ['needs', 'goals', 'ideas', 'decide', 'commit', 'implement', 'review'],
    );
    assert.equal(p.phases[0].current, true);
    assert.equal(p.currentPhase.kind, 'needs');
    assert.ok(!p.html.includes('<script'), 'the description is sanitised');
    assert.ok(p.html.includes('<strong>lange</strong>'));
    assert.equal(p.abilities.organise, true);
    assert.equal(p.joinSecret, null);

    assert.equal((await call(jonas, 'GET', `/projects/${projectId}`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/projects/${projectId}`)).statusCode, 404);
    assert.equal((await call(petra, 'GET', `/projects/${projectId}`)).statusCode, 404);
    assert.deepEqual(await listIds(jonas), []);
    assert.deepEqual(await listIds(aylin), [projectId]);
    assert.equal((await call(jonas, 'POST', `/projects/${projectId}/join`)).statusCode, 404);
    assert.deepEqual(await audits(projectId), ['codesign.project_created']);

    const short = await ok(aylin, 'POST', '/projects', project({ template: 'short', title: 'Kurz' }));
    assert.deepEqual(
      short.phases.map((ph: { kind: string }) => ph.kind),
      ['ideas', 'decide', 'commit', 'review'],
    );
    const survey = await ok(aylin, 'POST', '/projects', project({ template: 'survey', title: 'Umfrage' }));
    assert.deepEqual(
      survey.phases.map((ph: { kind: string }) => ph.kind),
      ['needs', 'review'],
    );
  });

  test('phases: add, change, reorder, remove; tools with a paper code and a checked config', async () => {
    const base = `/projects/${projectId}`;
    let p = await ok(aylin, 'GET', base);
    const needs = p.phases[0].id;
    assert.equal(
      (
        await call(jonas, 'POST', `${base}/phases`, {
          kind: 'ideas',
          title: 'Noch mehr',
          description: '',
          startsOn: null,
          endsOn: null,
        })
      ).statusCode,
      404,
    );
    p = await ok(aylin, 'POST', `${base}/phases`, {
      kind: 'ideas',
      title: 'Zweite Ideenrunde',
      description: '',
      startsOn: '2027-01-10',
      endsOn: '2027-01-20',
    });
    assert.equal(p.phases.length, 8);
    const extra = p.phases[7];
    assert.equal(extra.position, 8);
    assert.equal(extra.startsOn, '2027-01-10');
    const bad = await call(aylin, 'PUT', `${base}/phases/${extra.id}`, {
      title: 'Zweite Runde',
      description: '',
      startsOn: '2027-01-10',
      endsOn: '2027-01-01',
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, '/endsOn');

    const ids = p.phases.map((ph: { id: string }) => ph.id);
    const order = [ids[7], ...ids.slice(0, 7)];
    p = await ok(aylin, 'PUT', `${base}/phase-order`, { phaseIds: order });
    assert.deepEqual(
      p.phases.map((ph: { id: string }) => ph.id),
      order,
    );
    assert.equal(
      (await call(aylin, 'PUT', `${base}/phase-order`, { phaseIds: order.slice(1) })).statusCode,
      422,
    );
    p = await ok(aylin, 'PUT', `${base}/phase-order`, { phaseIds: [...ids.slice(0, 7), ids[7]] });
    assert.equal(p.phases[0].id, needs);

    // tools
    const tool = (over: object = {}) => ({
      kind: 'dots',
      title: 'Punkte verteilen',
      description: 'Fünf Punkte für jede Person.',
      config: { budget: 5 },
      opensAt: null,
      closesAt: null,
      ...over,
    });
    const wrong = await call(
      aylin,
      'POST',
      `${base}/phases/${needs}/tools`,
      tool({ config: { budget: 99 } }),
    );
    assert.equal(wrong.statusCode, 400);
    p = await ok(aylin, 'POST', `${base}/phases/${needs}/tools`, tool());
    p = await ok(
      aylin,
      'POST',
      `${base}/phases/${needs}/tools`,
      tool({ kind: 'survey', title: 'Umfrage', config: undefined }),
    );
    const [dots, surveyTool] = p.phases[0].tools;
    assert.match(dots.paperCode, /^[A-Z0-9]{6}$/);
    assert.notEqual(dots.paperCode, surveyTool.paperCode);
    assert.deepEqual(dots.config, { budget: 5, maxPerOption: 3 });
    assert.deepEqual(surveyTool.config, { anonymous: true });
    assert.equal(dots.open, false, 'a draft takes nothing');

    const header = await ok(aylin, 'GET', `/tools/${dots.id}`);
    assert.equal(header.tool.project.id, projectId);
    assert.equal(header.tool.phase.kind, 'needs');
    assert.equal((await call(jonas, 'GET', `/tools/${dots.id}`)).statusCode, 404);
    const moved = await ok(aylin, 'PUT', `/tools/${dots.id}`, {
      title: 'Punkte für Ideen',
      description: '',
      config: { budget: 3, maxPerOption: 2 },
      opensAt: null,
      closesAt: null,
      phaseId: p.phases[2].id,
    });
    assert.equal(moved.tool.phase.id, p.phases[2].id);
    assert.deepEqual(moved.tool.config, { budget: 3, maxPerOption: 2 });
    await ok(aylin, 'DELETE', `/tools/${surveyTool.id}`);
    assert.equal((await call(aylin, 'GET', `/tools/${surveyTool.id}`)).statusCode, 404);

    // removing a phase renumbers the rest
    await ok(aylin, 'DELETE', `${base}/phases/${extra.id}`);
    p = await ok(aylin, 'GET', base);
    assert.deepEqual(
      p.phases.map((ph: { position: number }) => ph.position),
      [1, 2, 3, 4, 5, 6, 7],
    );
    const actions = await audits(projectId);
    assert.ok(actions.includes('codesign.phases_reordered'));
    assert.deepEqual((await audits(extra.id)).slice(-1), ['codesign.phase_removed']);
    assert.deepEqual(await audits(surveyTool.id), ['codesign.tool_added', 'codesign.tool_removed']);
  });

  test('a partner runs it only after its coordinator accepts', async () => {
    const base = `/projects/${projectId}`;
    await ok(aylin, 'POST', `${base}/partners`, { organisationId: nbz.id });
    assert.equal((await call(aylin, 'POST', `${base}/partners`, { organisationId: nbz.id })).statusCode, 409);
    const today = await t.app.inject({ url: '/api/v1/me/today', headers: petra.headers });
    const invitations = (today.json().sections as { id: string; items: { title: string }[] }[]).find(
      (s) => s.id === 'codesign.invitations',
    );
    assert.match(invitations?.items[0]?.title ?? '', /gemeinsam leiten/, today.body);
    let p = await ok(petra, 'GET', base);
    assert.equal(p.abilities.organise, false);
    assert.equal(p.abilities.answerInvitation, nbz.id);
    assert.equal(p.invited[0].id, nbz.id);
    assert.equal(
      (
        await call(petra, 'POST', `${base}/phases`, {
          kind: 'review',
          title: 'Nein',
          description: '',
          startsOn: null,
          endsOn: null,
        })
      ).statusCode,
      403,
    );
    assert.equal((await call(aylin, 'POST', `${base}/partners/${nbz.id}/accept`)).statusCode, 403);
    await ok(petra, 'POST', `${base}/partners/${nbz.id}/accept`);
    assert.equal((await call(petra, 'POST', `${base}/partners/${nbz.id}/accept`)).statusCode, 409);
    p = await ok(petra, 'GET', base);
    assert.equal(p.abilities.organise, true);
    assert.deepEqual(
      p.organisations.map((o: { id: string; isLead: boolean }) => [o.id, o.isLead]),
      [
        [caritas.id, true],
        [nbz.id, false],
      ],
    );
    assert.equal((await call(petra, 'DELETE', `${base}/partners/${caritas.id}`)).statusCode, 409);
    await ok(aylin, 'DELETE', `${base}/partners/${nbz.id}`);
    assert.equal((await call(petra, 'GET', base)).statusCode, 404);
    // invited again, declined
    await ok(aylin, 'POST', `${base}/partners`, { organisationId: nbz.id });
    await ok(petra, 'POST', `${base}/partners/${nbz.id}/decline`);
    assert.equal((await call(petra, 'GET', base)).statusCode, 404);
    const actions = await audits(projectId);
    for (const a of [
      'codesign.partner_invited',
      'codesign.partner_accepted',
      'codesign.partner_removed',
      'codesign.partner_declined',
    ])
      assert.ok(actions.includes(a), a);
  });

  test('started, people join an open project, say their groups, and see the phase begin', async () => {
    const base = `/projects/${projectId}`;
    assert.equal((await call(jonas, 'POST', `${base}/start`)).statusCode, 404);
    let p = await ok(aylin, 'POST', `${base}/start`);
    assert.equal(p.status, 'active');
    assert.equal((await call(aylin, 'POST', `${base}/start`)).statusCode, 409);

    p = await ok(jonas, 'GET', base);
    assert.equal(p.abilities.join, true);
    assert.equal(p.abilities.organise, false);
    assert.deepEqual(await listIds(jonas, '?joinable=true'), [projectId]);
    p = await ok(jonas, 'POST', `${base}/join`);
    assert.equal(p.myParticipation.status, 'active');
    assert.equal(p.abilities.join, false);
    assert.equal(p.abilities.leave, true);
    assert.deepEqual(await listIds(jonas, '?mine=true'), [projectId]);
    assert.deepEqual(await listIds(jonas, '?joinable=true'), []);
    assert.equal(p.counts.participants, 1);

    const groups = { districtId: null, ageBand: '30_49', stake: 'service_user', language: 'de' };
    p = await ok(jonas, 'PUT', `${base}/my-groups`, groups);
    assert.equal(p.myParticipation.stake, 'service_user');
    assert.equal((await call(paula, 'PUT', `${base}/my-groups`, groups)).statusCode, 409);
    assert.equal(
      (await call(jonas, 'PUT', `${base}/my-groups`, { ...groups, language: 'Deutsch' })).statusCode,
      400,
    );

    // participants: organisers and facilitators only
    assert.equal((await call(jonas, 'GET', `${base}/participants`)).statusCode, 403);
    const list = await ok(aylin, 'GET', `${base}/participants`);
    assert.deepEqual(
      list.items.map((x: { name: string }) => x.name),
      ['Jonas Berger'],
    );
    assert.equal(list.items[0].stake, undefined, 'no groups in the list');
    await ok(aylin, 'PUT', `${base}/participants/${list.items[0].id}/role`, { role: 'facilitator' });
    p = await ok(jonas, 'GET', base);
    assert.equal(p.abilities.facilitate, true);
    await ok(jonas, 'GET', `${base}/participants`);

    // the next phase begins: Jonas sees it on his home
    await ok(aylin, 'PUT', `${base}/current-phase`, { phaseId: p.phases[1].id });
    const today = await t.app.inject({ url: '/api/v1/me/today', headers: jonas.headers });
    const sections = today.json().sections as { id: string; items: { title: string }[] }[];
    const phases = sections.find((s) => s.id === 'codesign.phases');
    assert.ok(phases, today.body);
    assert.match(phases.items[0]!.title, /Ziele vereinbaren/);

    const timeline = await ok(jonas, 'GET', `${base}/timeline`);
    const kinds = timeline.items.map((e: { kind: string }) => e.kind);
    assert.deepEqual(kinds.slice(0, 2), ['projects.phase_began', 'projects.joined']);
    // starting writes both in one transaction (the same moment)
    assert.deepEqual(kinds.slice(2, 4).sort(), ['projects.phase_began', 'projects.started']);

    await ok(jonas, 'POST', `${base}/leave`);
    p = await ok(jonas, 'GET', base);
    assert.equal(p.myParticipation.status, 'left');
    assert.equal(p.abilities.join, true);
  });

  test('by invitation and by link; members-only projects do not exist for others', async () => {
    const r = await ok(
      aylin,
      'POST',
      '/projects',
      project({ title: 'Nur mit Link', visibility: 'members', joining: 'link' }),
    );
    const id = r.id;
    assert.match(r.joinSecret, /^[\w-]{40,}$/);
    const secret = r.joinSecret as string;
    await ok(aylin, 'POST', `/projects/${id}/start`);
    assert.equal((await call(jonas, 'GET', `/projects/${id}`)).statusCode, 404);
    assert.equal(
      (await call(jonas, 'POST', '/projects/by-link', { secret: 'x'.repeat(43) })).statusCode,
      404,
    );
    const preview = await ok(jonas, 'POST', '/projects/by-link', { secret });
    assert.equal(preview.title, 'Nur mit Link');
    assert.equal((await call(null, 'POST', '/projects/join-by-link', { secret })).statusCode, 401);
    const joined = await ok(jonas, 'POST', '/projects/join-by-link', { secret });
    assert.equal(joined.projectId, id);
    assert.equal((await ok(jonas, 'GET', `/projects/${id}`)).myParticipation.status, 'active');
    const stored = await t.db
      .selectFrom('codesign_project')
      .select('link_token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.link_token_hash, secret, 'only the hash is stored');

    // a renewed link: the old one stops working
    const renewed = await ok(aylin, 'POST', `/projects/${id}/join-link`);
    assert.notEqual(renewed.joinSecret, secret);
    assert.equal((await call(paula, 'POST', '/projects/join-by-link', { secret })).statusCode, 404);

    // invitation
    const inv = await ok(
      aylin,
      'POST',
      '/projects',
      project({ title: 'Nur mit Einladung', joining: 'invitation' }),
    );
    await ok(aylin, 'POST', `/projects/${inv.id}/start`);
    assert.equal((await call(paula, 'POST', `/projects/${inv.id}/join`)).statusCode, 403);
    await ok(aylin, 'POST', `/projects/${inv.id}/participants`, { accountId: paula.id });
    assert.equal(
      (await call(aylin, 'POST', `/projects/${inv.id}/participants`, { accountId: paula.id })).statusCode,
      409,
    );
    const today = await t.app.inject({ url: '/api/v1/me/today', headers: paula.headers });
    assert.ok(today.body.includes('Nur mit Einladung'), today.body);
    const p = await ok(paula, 'POST', `/projects/${inv.id}/join`);
    assert.equal(p.myParticipation.status, 'active');
    assert.deepEqual(await audits(inv.id), [
      'codesign.project_created',
      'codesign.project_started',
      'codesign.participant_invited',
    ]);
  });

  test('closing ends it; a closed project takes no more phases', async () => {
    const p = await ok(aylin, 'POST', `/projects/${projectId}/close`);
    assert.equal(p.status, 'closed');
    assert.ok(p.phases.every((ph: { done: boolean }) => ph.done));
    assert.equal(
      (
        await call(aylin, 'POST', `/projects/${projectId}/phases`, {
          kind: 'review',
          title: 'Noch eine',
          description: '',
          startsOn: null,
          endsOn: null,
        })
      ).statusCode,
      409,
    );
    assert.equal((await call(aylin, 'POST', `/projects/${projectId}/close`)).statusCode, 409);
    assert.deepEqual(await listIds(null, '?status=closed'), [projectId]);
  });
});
