import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

describe('knowledge discussions: threads, replies, quotes, mentions, solutions, review', () => {
  let t: TestApp;
  let org: { id: string };
  let district: string;
  let anna: TestUser; // a neighbour of some weeks
  let bernd: TestUser; // another one
  let staff: TestUser; // staff of the organisation
  let admin: TestUser;
  let newcomer: TestUser; // registered today, no organisation
  let threadId: string;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/discussions${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const age = (u: TestUser, days: number) =>
    t.db
      .updateTable('account')
      .set({ created_at: new Date(Date.now() - days * 86_400_000) })
      .where('id', '=', u.id)
      .execute();
  const notes = (u: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', u.id)
      .where('kind', '=', kind)
      .execute();

  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    anna = await createUser(t, { displayName: 'Anna Lehmann' });
    bernd = await createUser(t, { displayName: 'Bernd Frank' });
    staff = await createUser(t, { displayName: 'Fatma Yıldız', memberOf: [[org.id, 'staff']] });
    admin = await createUser(t, { displayName: 'Miriam Koch', admin: true });
    newcomer = await createUser(t, { displayName: 'Neu Ling' });
    await age(anna, 30);
    await age(bernd, 30);
    const d = await t.db
      .insertInto('district')
      .values({ network_id: t.networkId, name: 'Weidenau', slug: 'weidenau' })
      .returning('id')
      .executeTakeFirstOrThrow();
    district = d.id;
  });
  after(() => t.close());

  test('a thread is started with its opening post; bad input says which field; the author follows it', async () => {
    const body = {
      title: 'Uns fehlt ein Jugendraum',
      theme: 'youth',
      districtId: district,
      body: 'Wo können wir uns treffen?',
    };
    assert.equal((await call(null, 'POST', '/threads', body)).statusCode, 401);
    assert.equal((await call(anna, 'POST', '/threads', { ...body, title: 'kurz' })).statusCode, 400);
    assert.equal((await call(anna, 'POST', '/threads', { ...body, theme: 'nonsense' })).statusCode, 400);
    const foreign = await call(anna, 'POST', '/threads', { ...body, organisationId: org.id });
    assert.equal(foreign.statusCode, 422);
    assert.equal(foreign.json().errors[0].field, '/organisationId');
    const r = await call(anna, 'POST', '/threads', body);
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().reviewStatus, 'visible');
    threadId = r.json().id;
    const view = (await call(anna, 'GET', `/threads/${threadId}`)).json();
    assert.equal(view.following, true);
    assert.equal(view.postCount, 1);
    assert.equal(view.district.name, 'Weidenau');
    assert.equal(view.abilities.steward, true);
    const list = (await call(null, 'GET', `/threads?districtId=${district}&state=unanswered`)).json();
    assert.deepEqual(
      list.items.map((x: { id: string }) => x.id),
      [threadId],
    );
    const found = (await call(null, 'GET', '/threads?q=treffen')).json();
    assert.equal(found.total, 1, 'text search finds the opening post');
    const doc = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_id', '=', threadId)
      .executeTakeFirst();
    assert.equal(doc?.title, 'Uns fehlt ein Jugendraum');
  });

  test('the author (or an admin) changes title, theme and district; the search entry follows', async () => {
    const change = { title: 'Uns fehlt ein Jugendraum in Weidenau', theme: 'youth', districtId: district };
    assert.equal((await call(bernd, 'PUT', `/threads/${threadId}`, change)).statusCode, 403);
    const r = await call(anna, 'PUT', `/threads/${threadId}`, change);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().title, change.title);
    const doc = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_id', '=', threadId)
      .executeTakeFirst();
    assert.equal(doc?.title, change.title);
    assert.equal(
      (await call(admin, 'PUT', `/threads/${threadId}`, { ...change, districtId: null })).statusCode,
      200,
    );
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', threadId)
      .where('action', '=', 'discussion.thread_edited')
      .execute();
    assert.equal(audited.length, 1, 'an admin changing someone else’s thread is audited');
    await call(anna, 'PUT', `/threads/${threadId}`, change);
  });

  test('a reply with a quote and a mention notifies the follower and the mentioned once, and records the interaction', async () => {
    const first = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items[0];
    const who = (await call(bernd, 'GET', `/threads/${threadId}/mentionable?q=Fat`)).json().items;
    assert.deepEqual(who, [{ id: staff.id, name: 'Fatma Yıldız' }], 'staff of organisations can be found');
    assert.equal(
      (await call(bernd, 'GET', `/threads/${threadId}/mentionable?q=Neu`)).json().items.length,
      0,
      'not every account of the network',
    );
    const body = `> Wo können wir uns treffen?\n\nIm Seniorentreff. @Fatma Yıldız, geht das?`;
    const r = await call(bernd, 'POST', `/threads/${threadId}/posts`, {
      body,
      quotedPostId: first.id,
      mentions: [staff.id, newcomer.id],
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().position, 2);
    assert.equal((await notes(staff, 'discussion.mentioned')).length, 1);
    assert.equal(
      (await notes(newcomer, 'discussion.mentioned')).length,
      0,
      'only the mentionable are mentioned',
    );
    const replyNotes = await notes(anna, 'discussion.reply');
    assert.equal(replyNotes.length, 1);
    assert.match(String(replyNotes[0]!.link), /beitrag=2/);
    assert.equal((await notes(bernd, 'discussion.reply')).length, 0, 'not the replier');
    // editing keeps the mention told once
    assert.equal(
      (await call(bernd, 'PUT', `/posts/${r.json().id}`, { body: `${body} Danke!`, mentions: [staff.id] }))
        .statusCode,
      204,
    );
    assert.equal((await notes(staff, 'discussion.mentioned')).length, 1);
    const posts = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items;
    assert.equal(posts[1].quoted.position, 1);
    assert.ok(posts[1].editedAt);
    const edge = await t.db
      .selectFrom('interaction')
      .select(['a_id', 'b_id', 'area'])
      .where('source_type', '=', 'discussion_post')
      .where('source_id', '=', r.json().id)
      .executeTakeFirst();
    assert.deepEqual(edge, { a_id: bernd.id, b_id: anna.id, area: 'knowledge' });
    // the replier follows now
    assert.equal((await call(bernd, 'GET', `/threads/${threadId}`)).json().following, true);
    const quoteOther = await call(anna, 'POST', `/threads/${threadId}/posts`, {
      body: 'x',
      quotedPostId: crypto.randomUUID(),
    });
    assert.equal(quoteOther.statusCode, 422);
  });

  test('the solution is marked by the thread author or an admin, not by others; closing stops replies', async () => {
    const posts = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items;
    assert.equal(
      (await call(bernd, 'PUT', `/threads/${threadId}/solution`, { postId: posts[1].id })).statusCode,
      403,
    );
    assert.equal(
      (await call(anna, 'PUT', `/threads/${threadId}/solution`, { postId: posts[0].id })).statusCode,
      422,
    );
    const r = await call(anna, 'PUT', `/threads/${threadId}/solution`, { postId: posts[1].id });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().solutionPostId, posts[1].id);
    assert.equal((await notes(bernd, 'discussion.solution')).length, 1);
    assert.equal((await call(null, 'GET', '/threads?state=solved')).json().total, 1);
    assert.equal((await call(admin, 'DELETE', `/threads/${threadId}/solution`)).json().solutionPostId, null);
    assert.equal((await call(bernd, 'PUT', `/threads/${threadId}/closed`)).statusCode, 403);
    assert.equal((await call(admin, 'PUT', `/threads/${threadId}/closed`)).json().closed, true);
    const closed = await call(bernd, 'POST', `/threads/${threadId}/posts`, { body: 'Noch was' });
    assert.equal(closed.statusCode, 409);
    assert.equal(closed.json().code, 'discussion.closed');
    assert.equal((await call(anna, 'DELETE', `/threads/${threadId}/closed`)).json().closed, false);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', threadId)
      .where('action', 'in', ['discussion.closed', 'discussion.reopened'])
      .execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['discussion.closed', 'discussion.reopened']);
  });

  test('deleting one’s post keeps its place as "deleted" and unmarks it; others cannot delete or edit it', async () => {
    const posts = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items;
    await call(anna, 'PUT', `/threads/${threadId}/solution`, { postId: posts[1].id });
    assert.equal((await call(anna, 'DELETE', `/posts/${posts[1].id}`)).statusCode, 403);
    assert.equal((await call(anna, 'PUT', `/posts/${posts[1].id}`, { body: 'fremd' })).statusCode, 403);
    assert.equal((await call(bernd, 'DELETE', `/posts/${posts[1].id}`)).statusCode, 204);
    const after = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items;
    assert.equal(after.length, 2);
    assert.equal(after[1].deleted, true);
    assert.equal(after[1].body, null);
    assert.equal(after[1].html, null);
    const thread = (await call(null, 'GET', `/threads/${threadId}`)).json();
    assert.equal(thread.solutionPostId, null);
    assert.equal(thread.postCount, 1);
  });

  test('a new account’s first post waits: only its author and admins see it; approving publishes it as if now', async () => {
    const r = await call(newcomer, 'POST', `/threads/${threadId}/posts`, { body: 'Kauft billige Uhren!' });
    assert.equal(r.statusCode, 201);
    assert.equal(r.json().reviewStatus, 'pending');
    const forOthers = (await call(anna, 'GET', `/threads/${threadId}/posts`)).json();
    assert.equal(
      forOthers.items.some((p: { id: string }) => p.id === r.json().id),
      false,
    );
    const forAuthor = (await call(newcomer, 'GET', `/threads/${threadId}/posts`)).json();
    assert.equal(forAuthor.items.at(-1).reviewStatus, 'pending');
    const annaBefore = (await notes(anna, 'discussion.reply')).length;
    assert.equal(annaBefore, 1, 'nobody hears of a pending post');

    const own = await call(newcomer, 'POST', '/threads', {
      title: 'Neu in der Stadt',
      theme: 'other',
      body: 'Hallo zusammen',
    });
    assert.equal(own.json().reviewStatus, 'pending');
    const pendingThread = own.json().id;
    assert.equal((await call(anna, 'GET', `/threads/${pendingThread}`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/threads/${pendingThread}/posts`)).statusCode, 404);
    assert.equal(
      (await call(anna, 'POST', `/threads/${pendingThread}/posts`, { body: 'Hallo' })).statusCode,
      404,
    );
    assert.equal((await call(newcomer, 'GET', `/threads/${pendingThread}`)).json().reviewStatus, 'pending');
    assert.equal(
      (await call(null, 'GET', '/threads')).json().items.some((x: { id: string }) => x.id === pendingThread),
      false,
    );
    assert.equal(
      (await call(newcomer, 'GET', '/threads'))
        .json()
        .items.some((x: { id: string }) => x.id === pendingThread),
      true,
    );
    const doc = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_id', '=', pendingThread)
      .executeTakeFirst();
    assert.equal(doc, undefined, 'not in search while pending');

    assert.equal((await call(anna, 'GET', '/review')).statusCode, 403);
    assert.equal((await call(anna, 'POST', `/posts/${r.json().id}/approve`)).statusCode, 403);
    const queue = (await call(admin, 'GET', '/review')).json();
    assert.equal(queue.total, 2);
    const today = async (u: TestUser) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/today', headers: u.headers })).json();
    const section = (await today(admin)).sections.find((x: { id: string }) => x.id === 'discussions.review');
    assert.equal(section?.total, 2, 'the coordinator sees what waits on the home page');
    assert.equal(section.items[0].link, '/wissen/diskussionen/pruefen');
    assert.equal(
      (await today(anna)).sections.some((x: { id: string }) => x.id === 'discussions.review'),
      false,
    );
    assert.equal((await call(admin, 'POST', `/posts/${r.json().id}/approve`)).statusCode, 204);
    assert.equal((await call(admin, 'POST', `/posts/${r.json().id}/approve`)).statusCode, 409);
    assert.equal((await notes(anna, 'discussion.reply')).length, 2, 'followers hear of it once approved');
    assert.equal((await notes(newcomer, 'discussion.approved')).length, 1);

    // the opening post of the pending thread is rejected: the thread is gone for everyone
    const opening = (await call(admin, 'GET', `/threads/${pendingThread}/posts`)).json().items[0];
    assert.equal((await call(admin, 'POST', `/posts/${opening.id}/reject`)).statusCode, 204);
    assert.equal((await call(newcomer, 'GET', `/threads/${pendingThread}`)).statusCode, 404);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'discussion_post')
      .execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['discussion.approved', 'discussion.rejected']);
    // one approved post frees the person from review
    const next = await call(newcomer, 'POST', `/threads/${threadId}/posts`, { body: 'Danke!' });
    assert.equal(next.json().reviewStatus, 'visible');
  });

  test('moderation: a hidden post keeps its place without text; a hidden thread is gone; blocked people cannot write', async () => {
    const posts = (await call(null, 'GET', `/threads/${threadId}/posts`)).json().items;
    const target = posts.at(-1);
    const flag = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flags',
      headers: anna.headers,
      payload: { entityType: 'discussion_post', entityId: target.id, reason: 'spam' },
    });
    assert.equal(flag.statusCode, 201, flag.body);
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'discussion_post',
        entity_id: target.id,
        hidden_by: admin.id,
        reason: 'Spam',
      })
      .execute();
    const seen = (await call(anna, 'GET', `/threads/${threadId}/posts`)).json().items.at(-1);
    assert.equal(seen.hidden, true);
    assert.equal(seen.body, null);
    assert.equal((await call(admin, 'GET', `/threads/${threadId}/posts`)).json().items.at(-1).body, 'Danke!');
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'discussion_thread',
        entity_id: threadId,
        hidden_by: admin.id,
        reason: 'x',
      })
      .execute();
    assert.equal((await call(bernd, 'GET', `/threads/${threadId}`)).statusCode, 404);
    assert.equal(
      (await call(null, 'GET', '/threads')).json().items.some((x: { id: string }) => x.id === threadId),
      false,
    );
    assert.equal((await call(admin, 'GET', `/threads/${threadId}`)).json().hidden, true);
    await t.db.updateTable('account').set({ blocked_at: new Date() }).where('id', '=', bernd.id).execute();
    const blocked = await call(bernd, 'POST', '/threads', {
      title: 'Geht das noch?',
      theme: 'other',
      body: 'x',
    });
    assert.ok([401, 403].includes(blocked.statusCode), String(blocked.statusCode));
  });
});
