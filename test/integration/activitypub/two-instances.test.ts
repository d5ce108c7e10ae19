import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { blockDomain, followRemote, unfollowRemote } from '../../../server/interop/activitypub/remote.ts';
import { remoteEventsBetween } from '../../../server/interop/activitypub/remoteContent.ts';
import { eventBody } from '../../helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories.ts';
import { type FederatedInstance, federatedInstance, settle } from '../../helpers/federation.ts';

/**
 * Two Knotenpunkt instances on loopback, each with its own database, federate: A's Repair-Café
 * follows B's, B's public event reaches A's database, its change and its cancellation follow, and
 * A's unfollow reaches B. Unsigned activities are refused, a blocked instance's are dropped.
 */
describe('ActivityPub between two instances', () => {
  let a: FederatedInstance;
  let b: FederatedInstance;
  let orgA: { id: string; slug: string };
  let orgB: { id: string; slug: string };
  let hostB: TestUser;
  const actorUrl = (i: FederatedInstance, id: string) => `${i.origin}/ap/actors/${id}`;

  before(async () => {
    a = await federatedInstance({ allowLoopback: true });
    b = await federatedInstance({ allowLoopback: true });
    orgA = await createOrganisation(a, { name: 'Repair-Café Lindenbrück' });
    orgB = await createOrganisation(b, { name: 'Repair-Café Nachbarstadt' });
    hostB = await createUser(b, { memberOf: [[orgB.id, 'admin']] });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  const dataOf = (i: FederatedInstance) => ({ db: i.db, networkId: i.networkId, config: i.app.deps.config });
  const failedJobs = async (i: FederatedInstance) =>
    i.db.selectFrom('job').select(['kind', 'last_error']).where('last_error', 'is not', null).execute();

  test('WebFinger and the actor document name the organisation', async () => {
    const host = new URL(b.origin).host;
    const wf = await fetch(`${b.origin}/.well-known/webfinger?resource=acct:${orgB.slug}@${host}`);
    assert.equal(wf.status, 200);
    const jrd = (await wf.json()) as { links: { rel: string; href?: string }[] };
    const self = jrd.links.find((l) => l.rel === 'self');
    assert.equal(self?.href, actorUrl(b, orgB.id));
    const actor = await fetch(actorUrl(b, orgB.id), { headers: { accept: 'application/activity+json' } });
    assert.equal(actor.status, 200);
    const doc = (await actor.json()) as Record<string, unknown>;
    assert.equal(doc.type, 'Organization');
    assert.equal(doc.preferredUsername, orgB.slug);
    assert.ok((doc.publicKey as { publicKeyPem: string }).publicKeyPem.includes('PUBLIC KEY'));
    const html = await fetch(actorUrl(b, orgB.id), { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(html.status, 302);
    assert.equal(html.headers.get('location'), `/organisationen/${orgB.slug}`);
    const nodeinfo = await fetch(`${b.origin}/.well-known/nodeinfo`);
    assert.equal(nodeinfo.status, 200);
  });

  test('A follows B and B accepts', async () => {
    await followRemote(dataOf(a), orgA.id, actorUrl(b, orgB.id), null);
    await settle(a, b);
    const follower = await b.db.selectFrom('ap_follower').selectAll().execute();
    assert.deepEqual(
      follower.map((f) => [f.actor_id, f.follower_uri]),
      [[orgB.id, actorUrl(a, orgA.id)]],
    );
    const following = await a.db.selectFrom('ap_following').select('status').execute();
    assert.deepEqual(following, [{ status: 'accepted' }], JSON.stringify(await failedJobs(a)));
  });

  let eventId: string;
  const remoteEvents = () =>
    a.db.selectFrom('remote_event').select(['uri', 'title', 'venue', 'starts_at']).execute();

  test("B's public event appears at A; its change follows", async () => {
    const res = await b.app.inject({
      method: 'POST',
      url: '/api/v1/places/events',
      headers: hostB.headers,
      payload: eventBody({ type: 'organisation', id: orgB.id }, { title: 'Reparieren statt wegwerfen' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    eventId = res.json().id;
    await settle(a, b);
    const got = await remoteEvents();
    assert.equal(got.length, 1, JSON.stringify(await failedJobs(b)));
    assert.equal(got[0]?.title, 'Reparieren statt wegwerfen');
    assert.equal(got[0]?.uri, `${b.origin}/ap/events/${eventId}`);

    const changed = await b.app.inject({
      method: 'PUT',
      url: `/api/v1/places/events/${eventId}`,
      headers: hostB.headers,
      payload: (() => {
        const { host: _host, ...rest } = eventBody(
          { type: 'organisation', id: orgB.id },
          { title: 'Reparieren statt wegwerfen – jetzt im Saal', venue: 'Großer Saal' },
        );
        return rest;
      })(),
    });
    assert.equal(changed.statusCode, 200, changed.body);
    await settle(a, b);
    const after = await remoteEvents();
    assert.equal(after.length, 1);
    assert.equal(after[0]?.title, 'Reparieren statt wegwerfen – jetzt im Saal');
    assert.equal(after[0]?.venue, 'Großer Saal');
  });

  test('a members-only event of B never reaches A', async () => {
    const res = await b.app.inject({
      method: 'POST',
      url: '/api/v1/places/events',
      headers: hostB.headers,
      payload: eventBody(
        { type: 'organisation', id: orgB.id },
        { title: 'Nur für Mitglieder', visibility: 'members' },
      ),
    });
    assert.equal(res.statusCode, 201, res.body);
    await settle(a, b);
    assert.deepEqual(
      (await remoteEvents()).map((e) => e.title),
      ['Reparieren statt wegwerfen – jetzt im Saal'],
    );
  });

  test('an unsigned or forged activity is refused and nothing is stored', async () => {
    const forged = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${b.origin}/ap/forged/1`,
      type: 'Create',
      actor: actorUrl(b, orgB.id),
      object: {
        id: `${b.origin}/ap/events/00000000-0000-4000-8000-000000000001`,
        type: 'Event',
        name: 'Gefälscht',
        startTime: '2030-01-01T10:00:00Z',
        attributedTo: actorUrl(b, orgB.id),
      },
    };
    const unsigned = await fetch(`${a.origin}/ap/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(forged),
    });
    assert.equal(unsigned.status, 401);
    const badSignature = await fetch(`${a.origin}/ap/actors/${orgA.id}/inbox`, {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        date: new Date().toUTCString(),
        signature: `keyId="${actorUrl(b, orgB.id)}#main-key",algorithm="rsa-sha256",headers="(request-target) host date",signature="${Buffer.from('not a signature').toString('base64')}"`,
      },
      body: JSON.stringify(forged),
    });
    assert.equal(badSignature.status, 401);
    assert.equal((await remoteEvents()).length, 1);
  });

  test('remote events are listed with their origin; hidden by a moderator or blocked, they are not', async () => {
    const month = () =>
      remoteEventsBetween(a.db, a.networkId, new Date(), new Date(Date.now() + 30 * 86_400_000));
    const [listed] = await month();
    assert.equal(listed?.origin_domain, '127.0.0.1');
    assert.equal(listed?.url, `${b.origin}/raeume/kalender/${eventId}`);
    // and in A's one calendar, marked as from B's Repair-Café and linked there
    const calendar = await a.app.inject({ method: 'GET', url: '/api/v1/places/events/calendar?limit=200' });
    assert.equal(calendar.statusCode, 200, calendar.body);
    const entry = (
      calendar.json().items as { id: string; link: string; remote: { originName: string } | null }[]
    ).find((e) => e.id === listed?.id);
    assert.equal(entry?.remote?.originName, 'Repair-Café Nachbarstadt');
    assert.equal(entry?.link, `${b.origin}/raeume/kalender/${eventId}`);
    const moderator = await createUser(a, { admin: true });
    await a.db
      .insertInto('hidden_content')
      .values({
        network_id: a.networkId,
        entity_type: 'remote_event',
        entity_id: listed!.id,
        hidden_by: moderator.id,
        reason: 'Test',
      })
      .execute();
    assert.deepEqual(await month(), []);
    await a.db.deleteFrom('hidden_content').execute();
    assert.equal((await month()).length, 1);
    await a.db
      .insertInto('ap_blocked_domain')
      .values({ network_id: a.networkId, domain: '127.0.0.1' })
      .execute();
    assert.deepEqual(await month(), []);
    await a.db.deleteFrom('ap_blocked_domain').execute();
  });

  test("B's cancellation deletes the event at A", async () => {
    const res = await b.app.inject({
      method: 'POST',
      url: `/api/v1/places/events/${eventId}/cancel`,
      headers: hostB.headers,
      payload: { reason: 'Krank' },
    });
    assert.equal(res.statusCode, 200, res.body);
    await settle(a, b);
    assert.deepEqual(await remoteEvents(), []);
  });

  test("a blocked instance's activities are dropped", async () => {
    await blockDomain(a.db, a.networkId, '127.0.0.1', null);
    const res = await b.app.inject({
      method: 'POST',
      url: '/api/v1/places/events',
      headers: hostB.headers,
      payload: eventBody({ type: 'organisation', id: orgB.id }, { title: 'Nach der Sperre' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    await settle(a, b);
    assert.deepEqual(await remoteEvents(), []);
    await a.db.deleteFrom('ap_blocked_domain').execute();
  });

  test("B's published opportunity reaches A as a post; a draft never; closing it withdraws it", async () => {
    const remotePosts = () => a.db.selectFrom('remote_post').select(['uri', 'title']).execute();
    const opportunity = async (title: string, status: 'draft' | 'published') => {
      const res = await b.app.inject({
        method: 'POST',
        url: '/api/v1/opportunities',
        headers: hostB.headers,
        payload: {
          level: 'regular',
          title,
          description: 'Jeden Samstag Fahrräder flicken.',
          mode: 'on_site',
          organisationIds: [orgB.id],
          status,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const draft = await opportunity('Noch geheim: Fahrradwerkstatt', 'draft');
    const published = await opportunity('Fahrradwerkstatt: Helfer gesucht', 'published');
    await settle(a, b);
    assert.deepEqual(await remotePosts(), [
      { uri: `${b.origin}/ap/opportunities/${published}`, title: 'Fahrradwerkstatt: Helfer gesucht' },
    ]);
    assert.ok(!JSON.stringify(await remotePosts()).includes(draft));

    const closed = await b.app.inject({
      method: 'PATCH',
      url: `/api/v1/opportunities/${published}`,
      headers: hostB.headers,
      payload: { status: 'closed' },
    });
    assert.equal(closed.statusCode, 200, closed.body);
    await settle(a, b);
    assert.deepEqual(await remotePosts(), []);
  });

  test('A unfollows and B forgets the follower', async () => {
    const [f] = await a.db.selectFrom('ap_following').select(['actor_id', 'remote_actor_id']).execute();
    assert.ok(f);
    await unfollowRemote(dataOf(a), f.actor_id, f.remote_actor_id);
    await settle(a, b);
    assert.deepEqual(await b.db.selectFrom('ap_follower').selectAll().execute(), []);
    assert.deepEqual(await a.db.selectFrom('ap_following').selectAll().execute(), []);
  });
});
