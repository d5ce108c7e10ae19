import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { jobHandlers } from '../../../../../platform/job-handlers.ts';
import { remindDue, remindDueJob } from '../../commands/remindDue.ts';

const day = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * day);

describe('knowledge freshness: owners check, readers report, the coordinator sees what is stale', () => {
  let t: TestApp;
  let caritas: { id: string };
  let diakonie: { id: string };
  let aylin: TestUser; // staff of Caritas, keeps the "Wegweiser Pflege" page current
  let markus: TestUser; // staff of Caritas too
  let claudia: TestUser; // staff of Diakonie
  let renate: TestUser; // volunteer at Caritas
  let hannelore: TestUser; // a neighbour, in no organisation
  let ingo: TestUser; // instance admin, the network's coordinator
  let blocked: TestUser;

  type Method = 'GET' | 'POST' | 'PATCH';
  const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/freshness${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  let n = 0;
  async function page(f: {
    title?: string;
    organisationId?: string | null;
    visibility?: 'public' | 'signed_in' | 'members';
    ownerId?: string | null;
    reviewedAt?: Date;
    interval?: number;
    archived?: boolean;
  }) {
    const { id } = await t.db
      .insertInto('wiki_page')
      .values({
        network_id: t.networkId,
        slug: `seite-${++n}`,
        title: f.title ?? `Seite ${n}`,
        organisation_id: f.organisationId ?? null,
        visibility: f.visibility ?? 'public',
        owner_id: f.ownerId ?? null,
        review_interval_days: f.interval ?? 180,
        reviewed_at: f.reviewedAt ?? new Date(),
        archived_at: f.archived ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
  async function report(f: {
    authorId: string;
    ownerId?: string;
    reviewedAt?: Date;
    status?: 'new' | 'done';
  }) {
    const { id } = await t.db
      .insertInto('map_report')
      .values({
        network_id: t.networkId,
        kind: 'defect',
        category: 'mobility',
        title: `Ampel am Markt ${++n}`,
        lat: 51.34,
        lng: 12.38,
        author_id: f.authorId,
        owner_id: f.ownerId ?? f.authorId,
        reviewed_at: f.reviewedAt ?? new Date(),
        status: f.status ?? 'new',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
  const notificationsOf = (user: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', user.id)
      .where('kind', '=', kind)
      .execute();

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    diakonie = await createOrganisation(t, { name: 'Diakonie' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    markus = await createUser(t, { displayName: 'Markus Wagner', memberOf: [[caritas.id, 'staff']] });
    claudia = await createUser(t, { displayName: 'Claudia Fischer', memberOf: [[diakonie.id, 'admin']] });
    renate = await createUser(t, { displayName: 'Renate Schulz', memberOf: [[caritas.id, 'volunteer']] });
    hannelore = await createUser(t, { displayName: 'Hannelore Weber' });
    ingo = await createUser(t, { displayName: 'Ingo Instanz', admin: true });
    blocked = await createUser(t, { displayName: 'Gesperrt', memberOf: [[caritas.id, 'staff']] });
    await t.db.updateTable('account').set({ blocked_at: new Date() }).where('id', '=', blocked.id).execute();
  });
  after(() => t.close());

  test('a reader reports, the owner hears of it and sees the note; a second note is a friendly 409', async () => {
    const id = await page({ title: 'Wegweiser Pflege', organisationId: caritas.id, ownerId: aylin.id });
    const fresh = await call(hannelore, 'GET', `/wiki_page/${id}`);
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.deepEqual(fresh.json().abilities, { confirm: false, report: true });
    assert.equal(fresh.json().freshness.stale, false);
    assert.equal(fresh.json().target.title, 'Wegweiser Pflege');
    assert.deepEqual(fresh.json().target.organisation.name, 'Caritas');

    assert.equal((await call(null, 'POST', `/wiki_page/${id}/outdated`, { note: 'alt' })).statusCode, 401);
    assert.equal((await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: '' })).statusCode, 400);
    const blank = await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: '   ' });
    assert.equal(blank.statusCode, 422);
    assert.equal(blank.json().errors[0].field, '/note');
    const long = await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: 'x'.repeat(1001) });
    assert.equal(long.statusCode, 400);

    const note = 'Die Telefonnummer vom Pflegestützpunkt stimmt nicht mehr.';
    const r = await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note });
    assert.equal(r.statusCode, 201, r.body);
    const again = await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: 'Noch etwas.' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'freshness.already_reported');
    assert.match(again.json().title, /schon gemeldet/);

    const told = await notificationsOf(aylin, 'freshness.reported');
    assert.equal(told.length, 1);
    assert.deepEqual(told[0]!.params, { title: 'Wegweiser Pflege', name: 'Hannelore Weber' });
    assert.equal(told[0]!.link, `/wissen/aktualitaet/wiki_page/${id}`);
    const interaction = await t.db
      .selectFrom('interaction')
      .select(['a_id', 'b_id', 'area'])
      .where('source_type', '=', 'knowledge_outdated')
      .execute();
    assert.deepEqual(interaction, [{ a_id: hannelore.id, b_id: aylin.id, area: 'knowledge' }]);

    const asReader = (await call(hannelore, 'GET', `/wiki_page/${id}`)).json();
    assert.equal(asReader.reportedByMe, true);
    assert.equal(asReader.freshness.stale, true);
    assert.equal(asReader.freshness.outdatedNotes, 1);
    assert.deepEqual(asReader.notes, [], 'readers do not see each other’s notes');
    assert.deepEqual(asReader.ownerCandidates, []);

    const asOwner = (await call(aylin, 'GET', `/wiki_page/${id}`)).json();
    assert.equal(asOwner.abilities.confirm, true);
    assert.equal(asOwner.notes.length, 1);
    assert.equal(asOwner.notes[0].note, note);
    assert.equal(asOwner.notes[0].reporter.name, 'Hannelore Weber');
    assert.deepEqual(
      asOwner.ownerCandidates.map((c: { name: string }) => c.name),
      ['Aylin Demir', 'Ingo Instanz', 'Markus Wagner'],
      'the staff of the page’s organisation and the instance admins; not volunteers, not blocked accounts',
    );
  });

  test('"still correct" by the owner or an editor resolves the notes and tells the readers; others may not', async () => {
    const id = await page({
      title: 'Beratungsstellen',
      organisationId: caritas.id,
      ownerId: aylin.id,
      reviewedAt: daysAgo(400),
    });
    assert.equal(
      (await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: 'Adresse alt' })).statusCode,
      201,
    );
    assert.equal(
      (await call(renate, 'POST', `/wiki_page/${id}/outdated`, { note: 'Zeiten alt' })).statusCode,
      201,
    );
    assert.equal((await call(null, 'POST', `/wiki_page/${id}/confirm`)).statusCode, 401);
    for (const who of [hannelore, renate, claudia])
      assert.equal((await call(who, 'POST', `/wiki_page/${id}/confirm`)).statusCode, 403);

    const r = await call(markus, 'POST', `/wiki_page/${id}/confirm`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().freshness.stale, false);
    assert.equal(r.json().freshness.outdatedNotes, 0);
    assert.deepEqual(r.json().notes, []);
    assert.ok(Date.now() - Date.parse(r.json().freshness.reviewedAt) < 60_000);
    const resolved = await t.db
      .selectFrom('knowledge_outdated')
      .select(['resolved_by'])
      .where('target_id', '=', id)
      .execute();
    assert.deepEqual(
      resolved.map((x) => x.resolved_by),
      [markus.id, markus.id],
    );
    assert.equal((await notificationsOf(renate, 'freshness.note_resolved')).length, 1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'knowledge.freshness_confirmed')
      .where('entity_id', '=', id)
      .execute();
    assert.deepEqual(audit, [{ actor_id: markus.id, details: { resolvedNotes: 2 } }]);
    // the same reader may report again once their note was dealt with
    assert.equal(
      (await call(hannelore, 'POST', `/wiki_page/${id}/outdated`, { note: 'Wieder alt' })).statusCode,
      201,
    );

    // network pages: staff of any organisation and instance admins edit them
    const networkPage = await page({ title: 'Notrufnummern' });
    assert.equal((await call(claudia, 'POST', `/wiki_page/${networkPage}/confirm`)).statusCode, 200);
    assert.equal((await call(ingo, 'POST', `/wiki_page/${networkPage}/confirm`)).statusCode, 200);
    assert.equal((await call(renate, 'POST', `/wiki_page/${networkPage}/confirm`)).statusCode, 403);

    // map reports: the author (and owner) and instance admins
    const rep = await report({ authorId: hannelore.id });
    assert.equal((await call(hannelore, 'POST', `/map_report/${rep}/confirm`)).statusCode, 200);
    assert.equal((await call(ingo, 'POST', `/map_report/${rep}/confirm`)).statusCode, 200);
    assert.equal((await call(aylin, 'POST', `/map_report/${rep}/confirm`)).statusCode, 403);
  });

  test('what a person may not see answers 404 on every route, like what does not exist', async () => {
    const members = await page({ organisationId: caritas.id, visibility: 'members', ownerId: aylin.id });
    const signedIn = await page({ visibility: 'signed_in' });
    const archived = await page({ organisationId: caritas.id, ownerId: aylin.id, archived: true });
    const missing = '00000000-0000-4000-8000-000000000001';
    for (const [who, id] of [
      [hannelore, members],
      [claudia, members],
      [ingo, members],
      [aylin, archived],
      [ingo, archived],
      [aylin, missing],
    ] as const) {
      assert.equal((await call(who, 'GET', `/wiki_page/${id}`)).statusCode, 404);
      assert.equal((await call(who, 'POST', `/wiki_page/${id}/confirm`)).statusCode, 404);
      assert.equal((await call(who, 'POST', `/wiki_page/${id}/outdated`, { note: 'x' })).statusCode, 404);
      assert.equal(
        (await call(who, 'PATCH', `/wiki_page/${id}`, { reviewIntervalDays: 30 })).statusCode,
        404,
      );
    }
    assert.equal((await call(null, 'GET', `/wiki_page/${signedIn}`)).statusCode, 404);
    assert.equal((await call(hannelore, 'GET', `/wiki_page/${signedIn}`)).statusCode, 200);
    assert.equal(
      (await call(renate, 'GET', `/wiki_page/${members}`)).statusCode,
      200,
      'a volunteer is a member',
    );
    assert.equal((await call(renate, 'POST', `/wiki_page/${members}/confirm`)).statusCode, 403);
    assert.equal((await call(null, 'GET', `/map_report/${missing}`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/somewhere/${members}`)).statusCode, 400);
  });

  test('owner and interval: changed by those who may confirm; the new owner must be an editor (422)', async () => {
    const id = await page({ title: 'Tafel-Ausgabestellen', organisationId: caritas.id, ownerId: aylin.id });
    assert.equal(
      (await call(renate, 'PATCH', `/wiki_page/${id}`, { reviewIntervalDays: 30 })).statusCode,
      403,
    );
    assert.equal((await call(aylin, 'PATCH', `/wiki_page/${id}`, { reviewIntervalDays: 3 })).statusCode, 400);
    assert.equal(
      (await call(aylin, 'PATCH', `/wiki_page/${id}`, {})).statusCode,
      400,
      'the schema asks for at least one field',
    );
    for (const wrong of [renate, claudia, hannelore, blocked]) {
      const r = await call(aylin, 'PATCH', `/wiki_page/${id}`, { ownerId: wrong.id });
      assert.equal(r.statusCode, 422, wrong.displayName);
      assert.equal(r.json().errors[0].field, '/ownerId');
    }
    const r = await call(aylin, 'PATCH', `/wiki_page/${id}`, { ownerId: markus.id, reviewIntervalDays: 60 });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().freshness.ownerName, 'Markus Wagner');
    assert.equal(r.json().freshness.reviewIntervalDays, 60);
    const told = await notificationsOf(markus, 'freshness.owner_assigned');
    assert.deepEqual(told[0]?.params, { title: 'Tafel-Ausgabestellen', name: 'Aylin Demir' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'knowledge.freshness_changed')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit.details, {
      ownerId: markus.id,
      previousOwnerId: aylin.id,
      reviewIntervalDays: 60,
      previousReviewIntervalDays: 180,
    });
    // the former owner is still an editor (staff of Caritas), so she may still confirm
    assert.equal((await call(aylin, 'POST', `/wiki_page/${id}/confirm`)).statusCode, 200);

    const rep = await report({ authorId: hannelore.id });
    assert.equal(
      (await call(hannelore, 'PATCH', `/map_report/${rep}`, { ownerId: aylin.id })).statusCode,
      422,
    );
    assert.equal(
      (await call(hannelore, 'PATCH', `/map_report/${rep}`, { ownerId: ingo.id })).statusCode,
      200,
    );
  });

  test('the coordinator’s list: stale things only, most overdue first, paged; staff see theirs', async () => {
    await t.db.deleteFrom('wiki_page').execute();
    await t.db.deleteFrom('map_report').execute();
    const old = await page({ title: 'Sehr alt', organisationId: caritas.id, reviewedAt: daysAgo(500) });
    const older = await page({ title: 'Noch älter', organisationId: diakonie.id, reviewedAt: daysAgo(700) });
    const noted = await page({ title: 'Frisch mit Hinweis', organisationId: caritas.id });
    await page({ title: 'Frisch', organisationId: caritas.id });
    await page({ title: 'Archiviert', organisationId: caritas.id, reviewedAt: daysAgo(500), archived: true });
    const hidden = await page({
      title: 'Intern',
      organisationId: diakonie.id,
      visibility: 'members',
      reviewedAt: daysAgo(300),
    });
    const rep = await report({ authorId: hannelore.id, reviewedAt: daysAgo(120) });
    await report({ authorId: hannelore.id, reviewedAt: daysAgo(300), status: 'done' });
    assert.equal(
      (await call(hannelore, 'POST', `/wiki_page/${noted}/outdated`, { note: 'alt' })).statusCode,
      201,
    );

    assert.equal((await call(null, 'GET', '/stale')).statusCode, 401);
    const all = await call(ingo, 'GET', '/stale');
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(
      all.json().items.map((i: { target: { title: string } }) => i.target.title),
      ['Noch älter', 'Sehr alt', rep && all.json().items[2].target.title, 'Frisch mit Hinweis'],
    );
    assert.equal(all.json().items[2].target.type, 'map_report');
    assert.equal(all.json().total, 4, 'not the fresh, archived, closed or members-only ones');
    assert.equal(all.json().items[0].overdueDays, 700 - 180);
    assert.equal(all.json().items[3].overdueDays, 0);
    assert.equal(all.json().items[3].freshness.outdatedNotes, 1);
    const second = (await call(ingo, 'GET', '/stale?limit=2&offset=2')).json();
    assert.deepEqual(
      second.items.map((i: { target: { id: string } }) => i.target.id),
      [rep, noted],
    );
    assert.equal(second.total, 4);

    const mine = (await call(aylin, 'GET', '/stale')).json();
    assert.deepEqual(
      mine.items.map((i: { target: { id: string } }) => i.target.id),
      [old, noted],
      'staff: their organisation’s pages',
    );
    const theirs = (await call(claudia, 'GET', '/stale')).json();
    assert.deepEqual(
      theirs.items.map((i: { target: { id: string } }) => i.target.id),
      [older, hidden],
    );
    const author = (await call(hannelore, 'GET', '/stale')).json();
    assert.deepEqual(
      author.items.map((i: { target: { id: string } }) => i.target.id),
      [rep],
    );
    assert.deepEqual((await call(renate, 'GET', '/stale')).json().items, []);
  });

  test('"Noch aktuell?" goes to each owner once per due date, also when two sweeps run at once', async () => {
    await t.db.deleteFrom('wiki_page').execute();
    await t.db.deleteFrom('map_report').execute();
    await t.db.deleteFrom('notification').where('kind', 'like', 'freshness.review%').execute();
    const due = await page({
      title: 'Wegweiser Pflege',
      organisationId: caritas.id,
      ownerId: aylin.id,
      reviewedAt: daysAgo(200),
    });
    await page({
      title: 'Noch nicht fällig',
      organisationId: caritas.id,
      ownerId: aylin.id,
      reviewedAt: daysAgo(10),
    });
    await page({ title: 'Ohne Verantwortliche', reviewedAt: daysAgo(400) });
    await page({ title: 'Archiviert', ownerId: aylin.id, reviewedAt: daysAgo(400), archived: true });
    await page({ title: 'Gesperrt', ownerId: blocked.id, reviewedAt: daysAgo(400) });
    const rep = await report({ authorId: hannelore.id, reviewedAt: daysAgo(100) });

    const handler = jobHandlers(t.app.deps.config)[remindDueJob];
    assert.ok(handler, 'the sweep is a registered recurring job');
    const counts = await Promise.all([remindDue(t.db, t.networkId), remindDue(t.db, t.networkId)]);
    assert.equal(counts[0] + counts[1], 2);
    await handler(t.db, { networkId: t.networkId, id: 0, payload: {}, attempt: 1 });
    const toAylin = await notificationsOf(aylin, 'freshness.review_due');
    assert.equal(toAylin.length, 1);
    assert.equal((toAylin[0]!.params as { title: string }).title, 'Wegweiser Pflege');
    assert.equal(toAylin[0]!.link, `/wissen/aktualitaet/wiki_page/${due}`);
    assert.equal((await notificationsOf(hannelore, 'freshness.review_due')).length, 1);
    assert.equal((await notificationsOf(blocked, 'freshness.review_due')).length, 0);

    // checked now: not due again until the interval has passed once more
    assert.equal((await call(aylin, 'POST', `/wiki_page/${due}/confirm`)).statusCode, 200);
    assert.equal(await remindDue(t.db, t.networkId), 0);
    // half a year on, both of Aylin's pages are due (the one checked now, and the one not due before):
    // one notice for the two, leading to her list of what to check
    assert.equal(await remindDue(t.db, t.networkId, new Date(Date.now() + 181 * day)), 2);
    assert.equal((await notificationsOf(aylin, 'freshness.review_due')).length, 1);
    const together = await notificationsOf(aylin, 'freshness.reviews_due');
    assert.deepEqual(
      together.map((n) => [n.params, n.link]),
      [[{ count: 2 }, '/wissen/aktualitaet']],
    );
    // a shorter interval makes a new due date, and so one more reminder
    assert.equal(
      (await call(hannelore, 'PATCH', `/map_report/${rep}`, { reviewIntervalDays: 30 })).statusCode,
      200,
    );
    assert.equal(await remindDue(t.db, t.networkId), 1);
  });

  test('the home: the owner’s due checks, and the coordinator’s count of stale content', async () => {
    await t.db.deleteFrom('wiki_page').execute();
    await t.db.deleteFrom('map_report').execute();
    const id = await page({
      title: 'Wegweiser Pflege',
      organisationId: caritas.id,
      ownerId: aylin.id,
      reviewedAt: daysAgo(200),
    });
    await page({ title: 'Notrufnummern', reviewedAt: daysAgo(400) });
    const today = async (u: TestUser) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/today', headers: u.headers })).json()
        .sections as {
        id: string;
        group: string;
        total: number;
        items: { title: string; link: string }[];
        more?: string;
      }[];
    const a = (await today(aylin)).find((s) => s.id === 'knowledge.freshnessDue');
    assert.ok(a);
    assert.equal(a.group, 'todo');
    assert.deepEqual(
      a.items.map((i) => [i.title, i.link]),
      [['„Wegweiser Pflege“ prüfen', `/wissen/aktualitaet/wiki_page/${id}`]],
    );
    assert.equal(
      (await today(aylin)).find((s) => s.id === 'knowledge.freshnessStale'),
      undefined,
    );
    const coordinator = (await today(ingo)).find((s) => s.id === 'knowledge.freshnessStale');
    assert.ok(coordinator);
    assert.equal(coordinator.group, 'network');
    assert.equal(coordinator.total, 2);
    assert.equal(
      (await today(markus)).find((s) => s.id === 'knowledge.freshnessDue'),
      undefined,
    );
  });
});
