import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

describe('knowledge news: an organisation blogs, people comment and follow', () => {
  let t: TestApp;
  let centre: { id: string; name: string };
  let tafel: { id: string };
  let petra: TestUser; // staff of the centre
  let anja: TestUser; // admin of the centre
  let volunteer: TestUser; // member of the centre
  let tafelAdmin: TestUser;
  let jonas: TestUser; // a neighbour, follows the centre
  let paula: TestUser; // a neighbour
  let admin: TestUser; // instance admin
  let cafe: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/news${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const post = (over: object = {}) => ({
    organisationId: centre.id,
    title: 'Unser neues Stadtteilcafé',
    body: 'Ab Montag **geöffnet**.',
    visibility: 'public',
    commentsOpen: true,
    publish: false,
    ...over,
  });
  const count = async (table: 'news_post' | 'news_comment' | 'notification') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const searchDoc = (id: string) =>
    t.db
      .selectFrom('search_document')
      .select(['visibility', 'title', 'link', 'organisation_id'])
      .where('entity_id', '=', id)
      .executeTakeFirst();
  const audits = (id: string) =>
    t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
  const listIds = async (who: Who, query = '') =>
    ((await call(who, 'GET', `/${query}`)).json().items as { id: string }[]).map((p) => p.id);

  const today = async (who: TestUser) => {
    const r = await t.app.inject({ url: '/api/v1/me/today', headers: who.headers });
    assert.equal(r.statusCode, 200, r.body);
    return r.json().sections as { id: string; items: { title: string; link: string }[] }[];
  };

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum Lindenhof' });
    tafel = await createOrganisation(t, { name: 'Tafel' });
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[centre.id, 'staff']] });
    anja = await createUser(t, { displayName: 'Anja Admin', memberOf: [[centre.id, 'admin']] });
    volunteer = await createUser(t, { displayName: 'Mia Mitglied', memberOf: [[centre.id, 'volunteer']] });
    tafelAdmin = await createUser(t, { displayName: 'Birgit', memberOf: [[tafel.id, 'admin']] });
    jonas = await createUser(t, { displayName: 'Jonas Berger' });
    paula = await createUser(t, { displayName: 'Paula Passant' });
    admin = await createUser(t, { displayName: 'Ingo Instanz', admin: true });
    for (const u of [jonas, volunteer]) {
      const r = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/follows/organisation/${centre.id}`,
        headers: u.headers,
      });
      assert.ok(r.statusCode < 300, r.body);
    }
  });
  after(() => t.close());

  test('only the organisation’s staff and admins write; bad input is refused and writes nothing', async () => {
    assert.equal((await call(null, 'POST', '/', post())).statusCode, 401);
    assert.equal(
      (await call(volunteer, 'POST', '/', post())).statusCode,
      422,
      'a volunteer does not act for it',
    );
    const foreign = await call(tafelAdmin, 'POST', '/', post());
    assert.equal(foreign.statusCode, 422);
    assert.equal(foreign.json().errors?.[0]?.field, '/organisationId');
    assert.equal((await call(petra, 'POST', '/', post({ title: 'x' }))).statusCode, 400);
    assert.equal((await call(petra, 'POST', '/', post({ title: '   ', body: 'x' }))).statusCode, 422);
    assert.equal((await call(petra, 'POST', '/', post({ visibility: 'secret' }))).statusCode, 400);
    assert.equal(await count('news_post'), 0);

    const r = await call(petra, 'POST', '/', post());
    assert.equal(r.statusCode, 201, r.body);
    cafe = r.json().id;
    assert.equal(r.json().status, 'draft');
    assert.equal(r.json().publishedAt, null);
    assert.equal(r.json().html, '<p>Ab Montag <strong>geöffnet</strong>.</p>\n');
    assert.deepEqual(r.json().abilities, {
      edit: true,
      publish: true,
      unpublish: false,
      delete: true,
      comment: false,
    });
    assert.deepEqual(await audits(cafe), [{ action: 'news.post_created' }]);
  });

  test('a draft exists only for the organisation’s staff and admins: 404 and not listed for others', async () => {
    for (const who of [null, jonas, volunteer, tafelAdmin, admin])
      assert.equal((await call(who, 'GET', `/${cafe}`)).statusCode, 404);
    assert.equal((await call(anja, 'GET', `/${cafe}`)).statusCode, 200);
    assert.deepEqual(await listIds(petra, `?organisationId=${centre.id}`), [cafe], 'staff see their drafts');
    assert.deepEqual(await listIds(petra), [], 'the network list shows published posts only');
    assert.deepEqual(await listIds(jonas, `?organisationId=${centre.id}`), []);
    assert.equal(await searchDoc(cafe), undefined, 'a draft is not in the search');
    assert.equal((await call(jonas, 'POST', `/${cafe}/comments`, { body: 'Hallo' })).statusCode, 404);
    assert.equal((await call(jonas, 'POST', `/${cafe}/publish`)).statusCode, 404);
    assert.equal(
      (await call(volunteer, 'PUT', `/${cafe}`, { ...post(), publish: undefined })).statusCode,
      400,
    );
  });

  test('the personal home names the draft to its organisation’s staff only', async () => {
    const drafts = (await today(petra)).find((x) => x.id === 'news.drafts');
    assert.deepEqual(
      drafts?.items.map((i) => i.link),
      [`/wissen/neuigkeiten/${cafe}`],
    );
    assert.equal(drafts?.items[0]?.title, 'Entwurf „Unser neues Stadtteilcafé“ fertigstellen');
    for (const who of [jonas, volunteer, tafelAdmin])
      assert.equal(
        (await today(who)).find((x) => x.id === 'news.drafts'),
        undefined,
      );
  });

  test('publishing lists it, indexes it and tells the followers (not the publisher); unpublish takes it back', async () => {
    const before = await count('notification');
    const r = await call(petra, 'POST', `/${cafe}/publish`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'published');
    assert.ok(r.json().publishedAt);
    assert.equal((await call(petra, 'POST', `/${cafe}/publish`)).statusCode, 409);
    const told = await t.db
      .selectFrom('notification')
      .select(['account_id', 'kind', 'params', 'link'])
      .where('kind', '=', 'news.published')
      .execute();
    assert.deepEqual(told.map((n) => n.account_id).sort(), [jonas.id, volunteer.id].sort());
    assert.equal(told[0]!.link, `/wissen/neuigkeiten/${cafe}`);
    assert.deepEqual(told[0]!.params, {
      organisation: 'Nachbarschaftszentrum Lindenhof',
      title: 'Unser neues Stadtteilcafé',
    });
    assert.equal((await count('notification')) - before, 2);
    assert.deepEqual(await searchDoc(cafe), {
      visibility: 'public',
      title: 'Unser neues Stadtteilcafé',
      link: `/wissen/neuigkeiten/${cafe}`,
      organisation_id: centre.id,
    });
    for (const who of [null, jonas, tafelAdmin]) {
      assert.equal((await call(who, 'GET', `/${cafe}`)).statusCode, 200);
      assert.deepEqual(await listIds(who), [cafe]);
    }
    const seen = (await call(jonas, 'GET', `/${cafe}`)).json();
    assert.equal(seen.following, true);
    assert.deepEqual(seen.abilities, {
      edit: false,
      publish: false,
      unpublish: false,
      delete: false,
      comment: true,
    });
    assert.equal((await call(null, 'GET', `/${cafe}`)).json().abilities.comment, false);
    const suggested = (await today(jonas)).find((x) => x.id === 'news.followed');
    assert.deepEqual(
      suggested?.items.map((i) => i.link),
      [`/wissen/neuigkeiten/${cafe}`],
      'a follower',
    );
    assert.equal(
      (await today(paula)).find((x) => x.id === 'news.followed'),
      undefined,
      'not a follower',
    );
    assert.equal(
      (await today(petra)).find((x) => x.id === 'news.drafts'),
      undefined,
      'no draft left',
    );

    assert.equal((await call(jonas, 'POST', `/${cafe}/unpublish`)).statusCode, 403);
    assert.equal((await call(anja, 'POST', `/${cafe}/unpublish`)).statusCode, 200);
    assert.equal(await searchDoc(cafe), undefined);
    assert.equal((await call(jonas, 'GET', `/${cafe}`)).statusCode, 404);
    assert.equal((await call(anja, 'POST', `/${cafe}/unpublish`)).statusCode, 409);
    assert.equal((await call(anja, 'POST', `/${cafe}/publish`)).statusCode, 200);
    assert.deepEqual(
      (await audits(cafe)).map((a) => a.action),
      ['news.post_created', 'news.post_published', 'news.post_unpublished', 'news.post_published'],
    );
  });

  test('members-only and signed-in posts: 404 to whom they are not for, and followers outside are not told', async () => {
    const before = await t.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'news.published')
      .execute();
    const r = await call(
      petra,
      'POST',
      '/',
      post({ title: 'Dienstplan Weihnachtsbasar', visibility: 'members', publish: true }),
    );
    assert.equal(r.statusCode, 201, r.body);
    const inner = r.json().id;
    const after = await t.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'news.published')
      .execute();
    assert.deepEqual(
      after.slice(before.length).map((n) => n.account_id),
      [volunteer.id],
      'only the follower who is a member hears of it',
    );
    for (const who of [null, jonas, tafelAdmin, admin]) {
      assert.equal((await call(who, 'GET', `/${inner}`)).statusCode, 404);
      assert.ok(!(await listIds(who)).includes(inner));
    }
    assert.equal((await call(volunteer, 'GET', `/${inner}`)).statusCode, 200);
    assert.ok((await listIds(volunteer)).includes(inner));
    assert.equal((await searchDoc(inner))?.visibility, 'members');
    assert.equal((await call(jonas, 'POST', `/${inner}/comments`, { body: 'Hallo' })).statusCode, 404);

    const s = await call(
      petra,
      'POST',
      '/',
      post({ title: 'Für Angemeldete', visibility: 'signed_in', publish: true }),
    );
    const signedInOnly = s.json().id;
    assert.equal((await call(null, 'GET', `/${signedInOnly}`)).statusCode, 404);
    assert.equal((await call(jonas, 'GET', `/${signedInOnly}`)).statusCode, 200);
    assert.ok(!(await listIds(null)).includes(signedInOnly));
  });

  test('lists page newest first', async () => {
    const all = (await call(volunteer, 'GET', `/?organisationId=${centre.id}&limit=2`)).json();
    assert.equal(all.total, 3);
    assert.equal(all.items.length, 2);
    const second = (await call(volunteer, 'GET', `/?organisationId=${centre.id}&limit=2&offset=2`)).json();
    assert.equal(second.items.length, 1);
    const dates = [...all.items, ...second.items].map((p: { publishedAt: string }) => p.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal((await call(null, 'GET', '/?organisationId=not-a-uuid')).statusCode, 400);
  });

  test('comments: signed-in people while open; the author edits; staff and instance admins remove; the interaction is recorded', async () => {
    assert.equal((await call(null, 'POST', `/${cafe}/comments`, { body: 'Hallo' })).statusCode, 401);
    assert.equal((await call(jonas, 'POST', `/${cafe}/comments`, { body: '' })).statusCode, 400);
    assert.equal((await call(jonas, 'POST', `/${cafe}/comments`, { body: '   ' })).statusCode, 422);
    const c1 = await call(jonas, 'POST', `/${cafe}/comments`, { body: 'Ich komme **gern**!' });
    assert.equal(c1.statusCode, 201, c1.body);
    const jonasComment = c1.json().id;
    assert.equal(c1.json().html, '<p>Ich komme <strong>gern</strong>!</p>\n');
    assert.deepEqual(c1.json().abilities, { edit: true, remove: true });
    const edge = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_type', '=', 'news_comment')
      .where('source_id', '=', jonasComment)
      .executeTakeFirstOrThrow();
    assert.equal(edge.area, 'knowledge');
    assert.equal(edge.mode, 'online');
    assert.deepEqual(
      [edge.a_type, edge.a_id, edge.b_type, edge.b_id],
      ['person', jonas.id, 'organisation', centre.id],
    );
    const toAuthor = await t.db
      .selectFrom('notification')
      .select(['account_id', 'params', 'link'])
      .where('kind', '=', 'news.commented')
      .executeTakeFirstOrThrow();
    assert.equal(toAuthor.account_id, petra.id);
    assert.equal(toAuthor.link, `/wissen/neuigkeiten/${cafe}#kommentare`);

    const c2 = (await call(paula, 'POST', `/${cafe}/comments`, { body: 'Gibt es Mittagstisch?' })).json().id;
    assert.equal((await call(paula, 'PUT', `/comments/${jonasComment}`, { body: 'fremd' })).statusCode, 403);
    assert.equal((await call(paula, 'DELETE', `/comments/${jonasComment}`)).statusCode, 403);
    assert.equal((await call(petra, 'PUT', `/comments/${jonasComment}`, { body: 'fremd' })).statusCode, 403);
    const edited = await call(jonas, 'PUT', `/comments/${jonasComment}`, { body: 'Ich komme am Montag.' });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.ok(edited.json().editedAt);

    const list = (await call(null, 'GET', `/${cafe}/comments`)).json();
    assert.deepEqual(
      list.items.map((c: { id: string }) => c.id),
      [jonasComment, c2],
      'oldest first',
    );
    assert.deepEqual(list.items[0].abilities, { edit: false, remove: false });
    const asStaff = (await call(petra, 'GET', `/${cafe}/comments`)).json();
    assert.deepEqual(asStaff.items[0].abilities, { edit: false, remove: true });

    assert.equal((await call(petra, 'DELETE', `/comments/${c2}`)).statusCode, 204);
    assert.deepEqual(await audits(c2), [{ action: 'news.comment_removed' }]);
    assert.equal((await call(jonas, 'DELETE', `/comments/${jonasComment}`)).statusCode, 204);
    assert.deepEqual(await audits(jonasComment), [], 'deleting one’s own comment is not an audit event');
    const c3 = (await call(paula, 'POST', `/${cafe}/comments`, { body: 'Noch einmal' })).json().id;
    assert.equal((await call(admin, 'DELETE', `/comments/${c3}`)).statusCode, 204);
    assert.equal((await call(null, 'GET', `/${cafe}/comments`)).json().total, 0);
  });

  test('closed comments, blocked accounts and moderators’ hidden marks', async () => {
    const closed = await call(petra, 'PUT', `/${cafe}`, {
      title: 'Unser neues Stadtteilcafé',
      body: 'Ab Montag geöffnet.',
      visibility: 'public',
      commentsOpen: false,
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().commentsOpen, false);
    const stale = await call(anja, 'PUT', `/${cafe}`, {
      title: 'Älterer Stand',
      body: 'Überschreibt nichts.',
      visibility: 'public',
      commentsOpen: true,
      baseUpdatedAt: new Date(Date.parse(closed.json().updatedAt) - 60_000).toISOString(),
    });
    assert.equal(stale.statusCode, 409, 'an edit started before the last save is refused');
    assert.equal(stale.json().code, 'news.stale');
    const current = await call(anja, 'PUT', `/${cafe}`, {
      title: 'Unser neues Stadtteilcafé',
      body: 'Ab Montag geöffnet.',
      visibility: 'public',
      commentsOpen: false,
      baseUpdatedAt: closed.json().updatedAt,
    });
    assert.equal(current.statusCode, 200, current.body);
    const refused = await call(jonas, 'POST', `/${cafe}/comments`, { body: 'Hallo' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'news.comments_closed');
    await call(petra, 'PUT', `/${cafe}`, {
      title: 'Unser neues Stadtteilcafé',
      body: 'Ab Montag geöffnet.',
      visibility: 'public',
      commentsOpen: true,
    });

    const blocked = await createUser(t, { displayName: 'Gesperrt' });
    await t.db.updateTable('account').set({ blocked_at: sql`now()` }).where('id', '=', blocked.id).execute();
    assert.equal((await call(blocked, 'POST', `/${cafe}/comments`, { body: 'Spam' })).statusCode, 401);

    const bad = (await call(paula, 'POST', `/${cafe}/comments`, { body: 'Beleidigung' })).json().id;
    const fine = (await call(jonas, 'POST', `/${cafe}/comments`, { body: 'Freundlich' })).json().id;
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'news_comment',
        entity_id: bad,
        hidden_by: admin.id,
        reason: 'Beleidigung',
      })
      .execute();
    const ids = async (who: Who) =>
      ((await call(who, 'GET', `/${cafe}/comments`)).json().items as { id: string }[]).map((c) => c.id);
    assert.deepEqual(await ids(jonas), [fine]);
    assert.deepEqual(await ids(paula), [fine], 'hidden from its author too');
    assert.deepEqual(await ids(admin), [bad, fine], 'moderators still see it');
    assert.equal((await call(paula, 'PUT', `/comments/${bad}`, { body: 'neu' })).statusCode, 404);
    assert.equal((await call(null, 'GET', `/${cafe}`)).json().commentCount, 1);

    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'news_post',
        entity_id: cafe,
        hidden_by: admin.id,
        reason: 'Test',
      })
      .execute();
    for (const who of [null, jonas, petra])
      assert.equal((await call(who, 'GET', `/${cafe}`)).statusCode, 404);
    assert.equal((await call(admin, 'GET', `/${cafe}`)).json().hidden, true);
    assert.ok(!(await listIds(null)).includes(cafe));
    const feed = await call(null, 'GET', '/feed.atom');
    assert.ok(!feed.body.includes(cafe), 'a hidden post leaves the feed');
    await t.db.deleteFrom('hidden_content').where('entity_id', '=', cafe).execute();
  });

  test('feeds: public published posts only, absolute links, sanitised content, content types and caching', async () => {
    const hostile = await call(
      anja,
      'POST',
      '/',
      post({
        title: 'Sommerfest <script>alert(1)</script>',
        body: 'Kommt alle! <img src=x onerror=alert(2)> [klick](javascript:alert(3))',
        publish: true,
      }),
    );
    assert.equal(hostile.statusCode, 201, hostile.body);
    const draft = (await call(anja, 'POST', '/', post({ title: 'Geheimer Entwurf' }))).json().id;
    for (const [url, type] of [
      ['/feed.atom', 'application/atom+xml; charset=utf-8'],
      ['/feed.rss', 'application/rss+xml; charset=utf-8'],
      [`/organisations/${centre.id}/feed.atom`, 'application/atom+xml; charset=utf-8'],
      [`/organisations/${centre.id}/feed.rss`, 'application/rss+xml; charset=utf-8'],
    ] as const) {
      const r = await call(null, 'GET', url);
      assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
      assert.equal(r.headers['content-type'], type);
      assert.equal(r.headers['cache-control'], 'public, max-age=300');
      assert.ok(r.headers.etag);
      assert.ok(r.headers['last-modified']);
      assert.match(r.body, /^<\?xml version="1.0" encoding="utf-8"\?>/);
      assert.ok(r.body.includes(`http://localhost:`) && r.body.includes(`/wissen/neuigkeiten/${cafe}`));
      assert.ok(!r.body.includes('Dienstplan Weihnachtsbasar'), 'no members-only post');
      assert.ok(!r.body.includes('Für Angemeldete'), 'no signed-in post');
      assert.ok(!r.body.includes('Geheimer Entwurf') && !r.body.includes(draft), 'no draft');
      assert.ok(!/<script|<img[^>]*onerror|href="javascript:/i.test(r.body), 'nothing executable');
      assert.ok(r.body.includes('Sommerfest &lt;script&gt;'), 'the title arrives as text');
      const again = await t.app.inject({
        method: 'GET',
        url: `/api/v1/news${url}`,
        headers: { 'if-none-match': r.headers.etag as string },
      });
      assert.equal(again.statusCode, 304);
    }
    const tafelFeed = await call(null, 'GET', `/organisations/${tafel.id}/feed.rss`);
    assert.equal(tafelFeed.statusCode, 200);
    assert.ok(!tafelFeed.body.includes(cafe));
    assert.equal(
      (await call(null, 'GET', `/organisations/${crypto.randomUUID()}/feed.atom`)).statusCode,
      404,
    );
  });

  test('deleting a post takes its comments and search entry with it', async () => {
    const r = (await call(petra, 'POST', '/', post({ title: 'Kurz und weg', publish: true }))).json().id;
    await call(jonas, 'POST', `/${r}/comments`, { body: 'Schade' });
    assert.ok(await searchDoc(r));
    assert.equal((await call(jonas, 'DELETE', `/${r}`)).statusCode, 403);
    assert.equal((await call(tafelAdmin, 'DELETE', `/${r}`)).statusCode, 403);
    assert.equal((await call(petra, 'DELETE', `/${r}`)).statusCode, 204);
    assert.equal((await call(petra, 'GET', `/${r}`)).statusCode, 404);
    assert.equal(await searchDoc(r), undefined);
    assert.equal(
      (await t.db.selectFrom('news_comment').select('id').where('post_id', '=', r).execute()).length,
      0,
    );
    assert.deepEqual((await audits(r)).at(-1), { action: 'news.post_deleted' });
  });
});
