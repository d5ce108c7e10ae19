import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { publishJob } from '../../../server/interop/activitypub/jobs.ts';
import { enqueue } from '../../../server/platform/jobs.ts';
import { seedDemoTown } from '../../../server/seed/demo.ts';
import { type FederatedInstance, federatedInstance } from '../../helpers/federation.ts';

/**
 * The promise of the federation: support circles, network maps, care needs, the time bank, rosters
 * and anything members-only never leave the town. On the seeded demo town, every actor, outbox,
 * followers collection and object anyone may fetch, and every activity sent when every event,
 * news post and opportunity of the town (public or not) is published to a follower of every actor,
 * is collected — and none of it holds an id, a title or a name of those things, or any person's
 * name. Draft and closed opportunities are not sent either; published ones are, as `Note`s.
 */
describe('never federate', () => {
  let t: FederatedInstance;
  let inbox: Server;
  let inboxUrl: string;
  const delivered: string[] = [];
  const fetched: string[] = [];

  before(async () => {
    t = await federatedInstance({ allowLoopback: true });
    await seedDemoTown(t.db, t.networkId);
    // a follower elsewhere that records what reaches it
    inbox = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        delivered.push(body);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => inbox.listen(0, '127.0.0.1', r));
    const address = inbox.address();
    inboxUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/inbox`;
  });
  after(async () => {
    inbox?.close();
    await t?.close();
  });

  const get = async (url: string) => {
    const res = await fetch(url, { headers: { accept: 'application/activity+json' } });
    const text = await res.text();
    if (res.status === 200) fetched.push(text);
    return { status: res.status, text };
  };

  test('everything fetchable and everything sent holds only public things', async () => {
    const orgs = await t.db.selectFrom('organisation').select(['id', 'slug']).execute();
    const communities = await t.db
      .selectFrom('community')
      .select(['id', 'slug', 'joining', 'archived_at'])
      .execute();
    const actors = [
      ...orgs.map((o) => o.id),
      ...communities.filter((c) => c.joining === 'open' && !c.archived_at).map((c) => c.id),
    ];
    assert.ok(actors.length > 5);

    // every actor has a follower elsewhere, so every change is sent
    for (const id of actors)
      await t.db
        .insertInto('ap_follower')
        .values({
          network_id: t.networkId,
          actor_id: id,
          follower_uri: `${inboxUrl.replace('/inbox', '')}/actor`,
          inbox: inboxUrl,
          shared_inbox: null,
          domain: '127.0.0.1',
        })
        .execute();

    const host = new URL(t.origin).host;
    const objectUrls = new Set<string>();
    for (const id of actors) {
      assert.equal((await get(`${t.origin}/ap/actors/${id}`)).status, 200);
      const outbox = await get(`${t.origin}/ap/actors/${id}/outbox`);
      for (const m of outbox.text.matchAll(
        /"(http:\/\/[^"]+\/ap\/(?:events|news|opportunities)\/[0-9a-f-]{36})"/g,
      ))
        objectUrls.add(m[1]!);
      await get(`${t.origin}/ap/actors/${id}/followers`);
    }
    for (const o of orgs) await get(`${t.origin}/.well-known/webfinger?resource=acct:${o.slug}@${host}`);
    for (const url of objectUrls) assert.equal((await get(url)).status, 200, url);

    // every event and news post of the town, public or not, is "changed" once
    const events = await t.db.selectFrom('place_event').select(['id', 'visibility', 'title']).execute();
    const posts = await t.db
      .selectFrom('news_post')
      .select(['id', 'visibility', 'status', 'title'])
      .execute();
    for (const e of events)
      await enqueue(t.db, { networkId: t.networkId, kind: publishJob, payload: { kind: 'event', id: e.id } });
    for (const p of posts)
      await enqueue(t.db, { networkId: t.networkId, kind: publishJob, payload: { kind: 'news', id: p.id } });
    const opportunities = await t.db.selectFrom('opportunity').select(['id', 'status', 'title']).execute();
    for (const o of opportunities)
      await enqueue(t.db, {
        networkId: t.networkId,
        kind: publishJob,
        payload: { kind: 'opportunity', id: o.id },
      });
    await t.drain();
    assert.ok(delivered.length > 0, 'something public was sent');

    // a published opportunity is sent and fetchable as a Note; a draft or a closed one never
    const published = opportunities.filter((o) => o.status === 'published');
    const unpublished = opportunities.filter((o) => o.status !== 'published');
    assert.ok(published.length > 0 && unpublished.some((o) => o.status === 'draft'));
    assert.ok(
      unpublished.some((o) => o.status === 'closed'),
      'the demo town has a closed opportunity',
    );
    for (const o of published) {
      const url = `${t.origin}/ap/opportunities/${o.id}`;
      assert.ok(objectUrls.has(url), `${o.title} is in its organisation's outbox`);
      const res = await get(url);
      assert.equal(res.status, 200);
      const note = JSON.parse(res.text) as { type: string; name: string; url: unknown };
      assert.equal(note.type, 'Note');
      assert.equal(note.name, o.title);
      assert.ok(
        delivered.some((d) => d.includes(`"${url}"`) && d.includes('"Create"')),
        `${o.title} was sent`,
      );
    }
    for (const o of unpublished)
      assert.equal(
        (await get(`${t.origin}/ap/opportunities/${o.id}`)).status,
        404,
        `${o.status}: ${o.title}`,
      );

    // and a private event fetched by its id answers 404
    const privateEvents = events.filter((e) => e.visibility !== 'public');
    assert.ok(privateEvents.length > 0, 'the demo town has members-only events');
    for (const e of privateEvents)
      assert.equal((await get(`${t.origin}/ap/events/${e.id}`)).status, 404, `${e.visibility}: ${e.title}`);
    const privatePosts = posts.filter((p) => p.visibility !== 'public' || p.status !== 'published');
    for (const p of privatePosts)
      assert.equal(
        (await get(`${t.origin}/ap/news/${p.id}`)).status,
        404,
        `${p.visibility}, ${p.status}: ${p.title}`,
      );

    // what must never appear
    const forbidden: string[] = [];
    for (const e of privateEvents) forbidden.push(e.id);
    for (const p of privatePosts) forbidden.push(p.id);
    for (const o of unpublished) forbidden.push(o.id, o.title);
    const circles = await t.db.selectFrom('circle').select(['id', 'person_label']).execute();
    assert.ok(circles.length > 0, 'the demo town has circles');
    for (const c of circles) forbidden.push(c.id, c.person_label);
    for (const m of await t.db.selectFrom('circle_map_entry').select(['id', 'label']).execute())
      forbidden.push(m.id, m.label);
    for (const n of await t.db.selectFrom('circle_need').select(['id']).execute()) forbidden.push(n.id);
    for (const u of await t.db.selectFrom('circle_update').select(['id']).execute()) forbidden.push(u.id);
    for (const x of await t.db.selectFrom('timebank_transfer').select(['id']).execute()) forbidden.push(x.id);
    for (const s of await t.db.selectFrom('shift').select(['id']).execute()) forbidden.push(s.id);
    // no person is an actor: no account's id or email appears; and nobody a circle is for is named
    // (a staff member named in a public post of their organisation is public by that post)
    for (const a of await t.db.selectFrom('account').select(['id', 'email']).execute())
      forbidden.push(a.id, a.email);
    const circlePeople = await t.db
      .selectFrom('circle as c')
      .innerJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'c.network_id').onRef('a.id', '=', 'c.person_account_id'),
      )
      .select('a.display_name')
      .execute();
    for (const p of circlePeople) forbidden.push(p.display_name);
    for (const c of communities.filter((c) => c.joining !== 'open' || c.archived_at)) forbidden.push(c.id);

    const everything = [...fetched, ...delivered].join('\n');
    const leaks = [...new Set(forbidden)].filter((f) => f.length >= 6 && everything.includes(f));
    assert.deepEqual(leaks, []);
  });
});
