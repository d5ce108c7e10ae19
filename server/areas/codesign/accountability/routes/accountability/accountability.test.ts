import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { makeProject } from '../../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { localDate } from '../../../../../platform/localTime.ts';
import { remindDueReviews } from '../../commands/accountability.ts';

describe('codesign accountability: who took part, the outcome, the review, the methods', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff
  let nachbar: TestUser;
  let member: TestUser;
  let pageId: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  /** `n` people with the given groups, each with one contribution in the project */
  async function tookPart(
    projectId: string,
    n: number,
    groups: { stake?: string; age_band?: string; language?: string },
  ) {
    for (let i = 0; i < n; i++) {
      const p = await t.db
        .insertInto('codesign_participant')
        .values({
          network_id: t.networkId,
          project_id: projectId,
          display_name: `Person ${i}`,
          joined_via: 'assisted',
          consent: 'paper',
          consent_at: new Date(),
          consent_recorded_by: aylin.id,
          stake: (groups.stake ?? null) as never,
          age_band: (groups.age_band ?? null) as never,
          language: groups.language ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('codesign_contribution')
        .values({
          network_id: t.networkId,
          project_id: projectId,
          participant_id: p.id,
          kind: 'idea',
          channel: 'paper',
          entered_by: aylin.id,
          entered_role: 'staff',
        })
        .execute();
    }
  }

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas-Beratungsstelle' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    nachbar = await createUser(t, { displayName: 'Jonas Nachbar' });
    member = await createUser(t, { displayName: 'Mia Mitglied' });
    const page = await t.app.inject({
      method: 'POST',
      url: '/api/v1/playbook/pages',
      headers: aylin.headers,
      payload: { title: 'World Café', body: 'Kleine Tische, eine Frage pro Tisch.' },
    });
    assert.equal(page.statusCode, 201, page.body);
    pageId = page.json().pageId;
  });
  after(() => t.close());

  test('affected vs took part: warnings, and no group of fewer than five shows a number', async () => {
    const p = await makeProject(t, { lead: caritas.id });
    const put = await call(aylin, 'PUT', `/projects/${p.id}/affected-groups`, {
      groups: [
        { dimension: 'stake', value: 'service_user', expectedShare: 0.5 },
        { dimension: 'stake', value: 'relative', expectedShare: 0.2 },
        { dimension: 'stake', value: 'resident', expectedShare: null },
        { dimension: 'language', value: 'tr', expectedShare: 0.3 },
      ],
    });
    assert.equal(put.statusCode, 204, put.body);
    await tookPart(p.id, 6, { stake: 'staff', language: 'de' });
    await tookPart(p.id, 8, { stake: 'service_user', language: 'de' });
    await tookPart(p.id, 2, { stake: 'relative', language: 'tr' });
    const r = await call(nachbar, 'GET', `/projects/${p.id}/reach`);
    assert.equal(r.statusCode, 200, r.body);
    const reach = r.json();
    assert.equal(reach.tookPart, 16);
    const stake = reach.dimensions.find((d: { dimension: string }) => d.dimension === 'stake').rows;
    const row = (v: string) => stake.find((x: { value: string }) => x.value === v);
    assert.deepEqual([row('service_user').tookPart, row('service_user').warning], [8, null]);
    // two relatives: hidden, and warned about as "few"
    assert.deepEqual(
      [row('relative').tookPart, row('relative').suppressed, row('relative').warning],
      [null, true, 'few'],
    );
    assert.deepEqual([row('resident').tookPart, row('resident').warning], [0, 'missing']);
    // one hidden cell beside a shown total would be found by subtraction: the next smallest hides too
    assert.deepEqual([row('staff').tookPart, row('staff').suppressed], [null, true]);
    // nothing in the whole answer is a count between 1 and 4
    const counts =
      JSON.stringify(reach)
        .match(/"tookPart":(\d+)/g)
        ?.map((m) => Number(m.split(':')[1])) ?? [];
    assert.ok(
      counts.every((n) => n === 0 || n >= 5),
      String(counts),
    );
    const lang = reach.dimensions.find((d: { dimension: string }) => d.dimension === 'language').rows;
    assert.equal(lang.find((x: { value: string }) => x.value === 'tr').warning, 'few');
  });

  test('under a third of the expected share is warned about', async () => {
    const p = await makeProject(t, { lead: caritas.id });
    await call(aylin, 'PUT', `/projects/${p.id}/affected-groups`, {
      groups: [{ dimension: 'age_band', value: '65_79', expectedShare: 0.6 }],
    });
    await tookPart(p.id, 25, { age_band: '30_49' });
    await tookPart(p.id, 5, { age_band: '65_79' });
    const rows = (await call(null, 'GET', `/projects/${p.id}/reach`))
      .json()
      .dimensions.find((d: { dimension: string }) => d.dimension === 'age_band').rows;
    // 5 of 30 is 17 %, under a third of the expected 60 %
    assert.equal(rows.find((x: { value: string }) => x.value === '65_79').warning, 'under_third');
  });

  test('bad groups are refused with the field named, and nothing is half-written', async () => {
    const p = await makeProject(t, { lead: caritas.id });
    const before = await call(aylin, 'PUT', `/projects/${p.id}/affected-groups`, {
      groups: [{ dimension: 'stake', value: 'staff', expectedShare: 0.2 }],
    });
    assert.equal(before.statusCode, 204);
    const bad = await call(aylin, 'PUT', `/projects/${p.id}/affected-groups`, {
      groups: [
        { dimension: 'stake', value: 'service_user', expectedShare: 0.5 },
        { dimension: 'age_band', value: 'teenager', expectedShare: null },
      ],
    });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().errors?.[0]?.field ?? bad.json().fields?.[0]?.field, '/groups/1/value');
    const over = await call(aylin, 'PUT', `/projects/${p.id}/affected-groups`, {
      groups: [
        { dimension: 'stake', value: 'service_user', expectedShare: 0.7 },
        { dimension: 'stake', value: 'relative', expectedShare: 0.5 },
      ],
    });
    assert.equal(over.statusCode, 422);
    const kept = (await call(aylin, 'GET', `/projects/${p.id}/affected-groups`)).json().groups;
    assert.deepEqual(kept, [{ dimension: 'stake', value: 'staff', expectedShare: 0.2 }]);
    assert.equal(
      (await call(nachbar, 'PUT', `/projects/${p.id}/affected-groups`, { groups: [] })).statusCode,
      403,
    );
  });

  test('the outcome: only organisers write it, a stale edit is refused, the history keeps each', async () => {
    const p = await makeProject(t, { lead: caritas.id });
    const body = {
      status: 'on_track',
      progress: 40,
      statement: 'Abendtermine laufen.',
      reviewOn: null,
      basedOn: null,
    };
    const first = await call(aylin, 'PUT', `/projects/${p.id}/outcome`, body);
    assert.equal(first.statusCode, 200, first.body);
    const stamp = first.json().outcome.updatedAt;
    assert.equal((await call(aylin, 'PUT', `/projects/${p.id}/outcome`, body)).statusCode, 409);
    const second = await call(aylin, 'PUT', `/projects/${p.id}/outcome`, {
      ...body,
      progress: 60,
      basedOn: stamp,
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(
      (await call(member, 'PUT', `/projects/${p.id}/outcome`, { ...body, basedOn: null })).statusCode,
      403,
    );
    const history = (await call(null, 'GET', `/projects/${p.id}/outcome/updates`)).json();
    assert.deepEqual(
      history.items.map((u: { progress: number }) => u.progress),
      [60, 40],
    );
    const timeline = await t.db
      .selectFrom('codesign_event')
      .select('kind')
      .where('project_id', '=', p.id)
      .execute();
    assert.equal(timeline.filter((e) => e.kind === 'accountability.outcome_updated').length, 2);
  });

  test('the review date reminds organisers once; a review answers it', async () => {
    const p = await makeProject(t, { lead: caritas.id, title: 'Sprechstunde am Abend' });
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    await call(aylin, 'PUT', `/projects/${p.id}/outcome`, {
      status: 'on_track',
      progress: 50,
      statement: '',
      reviewOn: yesterday,
      basedOn: null,
    });
    const today = await t.app.inject({ url: '/api/v1/me/today', headers: aylin.headers });
    assert.ok(JSON.stringify(today.json()).includes('Sprechstunde am Abend'));
    assert.equal(await remindDueReviews(t.db, t.networkId), 1);
    assert.equal(await remindDueReviews(t.db, t.networkId), 0);
    const told = await t.db
      .selectFrom('notification')
      .select(['account_id', 'kind'])
      .where('kind', '=', 'codesign.review_due')
      .execute();
    assert.deepEqual(told, [{ account_id: aylin.id, kind: 'codesign.review_due' }]);
    const future = await call(aylin, 'POST', `/projects/${p.id}/reviews`, {
      heldOn: localDate(new Date(Date.now() + 3 * 86_400_000)),
      worked: 'x',
      didNotWork: '',
      nextSteps: '',
      judgedBy: 'Team',
      judgedStakes: [],
    });
    assert.equal(future.statusCode, 422);
    const review = await call(aylin, 'POST', `/projects/${p.id}/reviews`, {
      heldOn: localDate(new Date()),
      worked: 'Die Abendtermine werden gut angenommen.',
      didNotWork: 'Telefonische Termine kamen selten an.',
      nextSteps: 'Rückrufliste einführen.',
      judgedBy: 'Ratsuchende und Team',
      judgedStakes: ['service_user', 'staff'],
      nextReviewOn: null,
    });
    assert.equal(review.statusCode, 201, review.body);
    const after = await t.app.inject({ url: '/api/v1/me/today', headers: aylin.headers });
    assert.ok(!JSON.stringify(after.json()).includes('Sprechstunde am Abend'));
    const byOutsider = await call(nachbar, 'POST', `/projects/${p.id}/reviews`, {
      heldOn: localDate(new Date()),
      worked: 'x',
      didNotWork: '',
      nextSteps: '',
      judgedBy: 'Ich',
      judgedStakes: [],
    });
    assert.equal(byOutsider.statusCode, 403);
  });

  test('a method lists the projects that used it, as far as the reader may see them', async () => {
    const open = await makeProject(t, {
      lead: caritas.id,
      title: 'Offenes Café',
      tools: [{ kind: 'meeting' }],
    });
    const closed = await makeProject(t, {
      lead: caritas.id,
      title: 'Geschlossene Runde',
      visibility: 'members',
      participants: [member.id],
      tools: [{ kind: 'meeting' }],
    });
    for (const p of [open, closed])
      assert.equal(
        (await call(aylin, 'PUT', `/tools/${p.tools.meeting}/method`, { pageId })).statusCode,
        204,
      );
    const titles = async (who: Who) =>
      (await call(who, 'GET', `/methods/${pageId}/projects`))
        .json()
        .projects.map((p: { title: string }) => p.title)
        .sort();
    assert.deepEqual(await titles(null), ['Offenes Café']);
    assert.deepEqual(await titles(member), ['Geschlossene Runde', 'Offenes Café']);
    assert.deepEqual(await titles(aylin), ['Geschlossene Runde', 'Offenes Café']);
    assert.equal(
      (
        await call(aylin, 'PUT', `/tools/${open.tools.meeting}/method`, {
          pageId: '00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
      422,
    );
    // a members-only project's tool does not exist for an outsider
    assert.equal(
      (await call(nachbar, 'PUT', `/tools/${closed.tools.meeting}/method`, { pageId })).statusCode,
      404,
    );
  });
});
