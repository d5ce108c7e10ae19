import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

describe('places communities: making, joining by request, roles, archive, and their discussions', () => {
  let t: TestApp;
  let district: string;
  let org: { id: string };
  let rosa: TestUser; // makes the communities (owner)
  let kemal: TestUser; // becomes moderator
  let ida: TestUser; // a member
  let outsider: TestUser; // signed in, in no community
  let admin: TestUser; // an instance admin
  let n = 0;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      remoteAddress: `10.7.${(++n >> 8) & 255}.${n & 255}`,
      ...(payload !== undefined ? { payload } : {}),
    });
  const ok = async (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    status = method === 'POST' ? 201 : 200,
  ) => {
    const r = await call(user, method, url, payload);
    assert.equal(r.statusCode, status, `${method} ${url}: ${r.body}`);
    return r.body ? r.json() : undefined;
  };
  const fields = (over: object = {}) => ({
    name: 'Frauenfrühstück Weidenau',
    summary: 'Frauen aus dem Viertel frühstücken zusammen.',
    description: 'Freitags um **9 Uhr**.\n\n<script>alert(1)</script>',
    space: 'local',
    towns: [],
    districtId: district,
    joining: 'request',
    ...over,
  });
  const notes = (u: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', u.id)
      .where('kind', '=', kind)
      .execute();
  const searchDoc = (entityId: string) =>
    t.db
      .selectFrom('search_document')
      .select(['title', 'link'])
      .where('entity_id', '=', entityId)
      .executeTakeFirst();
  const audited = (entityId: string) =>
    t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => r.action));

  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    // people who belong to an organisation: their posts never wait for the first-post review
    rosa = await createUser(t, { displayName: 'Rosa Lindner', memberOf: [[org.id, 'volunteer']] });
    kemal = await createUser(t, { displayName: 'Kemal Aydın', memberOf: [[org.id, 'volunteer']] });
    ida = await createUser(t, { displayName: 'Ida Brandt', memberOf: [[org.id, 'volunteer']] });
    outsider = await createUser(t, { displayName: 'Otto Außen', memberOf: [[org.id, 'staff']] });
    admin = await createUser(t, { displayName: 'Miriam Koch', admin: true });
    const d = await t.db
      .insertInto('district')
      .values({ network_id: t.networkId, name: 'Weidenau', slug: 'weidenau' })
      .returning('id')
      .executeTakeFirstOrThrow();
    district = d.id;
  });
  after(() => t.close());

  let breakfast: { id: string; slug: string };
  let repair: { id: string; slug: string };

  test('anyone signed in makes one and owns it; the address comes from the name, unique; bad input names the field', async () => {
    assert.equal((await call(null, 'POST', '/places/communities', fields())).statusCode, 401);
    assert.equal((await call(rosa, 'POST', '/places/communities', fields({ name: 'ab' }))).statusCode, 400);
    assert.equal(
      (await call(rosa, 'POST', '/places/communities', fields({ space: 'moon' }))).statusCode,
      400,
    );
    const online = await call(rosa, 'POST', '/places/communities', fields({ space: 'online' }));
    assert.equal(online.statusCode, 422);
    assert.equal(online.json().errors[0].field, '/districtId');
    const towns = await call(rosa, 'POST', '/places/communities', fields({ towns: ['Auental'] }));
    assert.equal(towns.statusCode, 422);
    assert.equal(towns.json().errors[0].field, '/towns');
    breakfast = await ok(rosa, 'POST', '/places/communities', fields());
    assert.equal(breakfast.slug, 'frauenfruehstueck-weidenau');
    const twin = await ok(
      outsider,
      'POST',
      '/places/communities',
      fields({ name: 'Frauenfrühstück  Weidenau!' }),
    );
    assert.equal(twin.slug, 'frauenfruehstueck-weidenau-2');
    repair = await ok(rosa, 'POST', '/places/communities', {
      ...fields({ name: 'Repair-Café', space: 'translocal', districtId: null, joining: 'open' }),
      towns: ['Auental', ' Birkheim ', 'Auental'],
    });
    const page = await ok(null, 'GET', `/places/communities/${breakfast.slug}`);
    assert.equal(page.id, breakfast.id);
    assert.deepEqual(page.me, null);
    assert.doesNotMatch(page.html, /<script/, 'the description is rendered and sanitised');
    assert.match(page.html, /<strong>9 Uhr<\/strong>/);
    const mine = await ok(rosa, 'GET', `/places/communities/${breakfast.id}`);
    assert.deepEqual(mine.me, { role: 'owner', status: 'active' });
    assert.equal(mine.abilities.archive, true);
    assert.deepEqual((await ok(null, 'GET', `/places/communities/${repair.id}`)).towns, [
      'Auental',
      'Birkheim',
    ]);
    assert.equal((await searchDoc(repair.id))?.link, '/raeume/gemeinschaften/repair-cafe');
    assert.deepEqual(await audited(breakfast.id), ['community.created']);
    assert.equal((await call(null, 'GET', '/places/communities/no-such-thing')).statusCode, 404);
  });

  test('by request: the owners and moderators hear of it, answer it, and the person hears back', async () => {
    // Kemal joins first and becomes moderator
    assert.deepEqual(await ok(kemal, 'POST', `/places/communities/${breakfast.id}/join`, {}, 200), {
      status: 'requested',
    });
    assert.equal((await call(kemal, 'POST', `/places/communities/${breakfast.id}/join`, {})).statusCode, 409);
    const asked = await notes(rosa, 'community.join_requested');
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]!.params, { name: 'Kemal Aydın', community: 'Frauenfrühstück Weidenau' });
    assert.equal(asked[0]!.link, '/raeume/gemeinschaften/frauenfruehstueck-weidenau/verwalten');
    // only its owners and moderators see and answer requests
    assert.equal((await call(kemal, 'GET', `/places/communities/${breakfast.id}/requests`)).statusCode, 403);
    const requests = await ok(rosa, 'GET', `/places/communities/${breakfast.id}/requests`);
    assert.deepEqual(
      requests.items.map((r: { name: string }) => r.name),
      ['Kemal Aydın'],
    );
    const accept = `/places/communities/${breakfast.id}/requests/${kemal.id}/accept`;
    assert.equal((await call(outsider, 'POST', accept)).statusCode, 403);
    assert.equal((await call(rosa, 'POST', accept)).statusCode, 204);
    assert.equal((await call(rosa, 'POST', accept)).statusCode, 404, 'answered already');
    assert.equal((await notes(kemal, 'community.request_accepted')).length, 1);
    assert.equal(
      (
        await call(rosa, 'PUT', `/places/communities/${breakfast.id}/members/${kemal.id}/role`, {
          role: 'moderator',
        })
      ).statusCode,
      204,
    );
    // Ida asks with a note; the moderator answers; the outsider asks and is declined
    await ok(ida, 'POST', `/places/communities/${breakfast.id}/join`, { note: 'Ich wohne gegenüber.' }, 200);
    assert.equal((await notes(kemal, 'community.join_requested')).length, 1, 'moderators hear of it too');
    const withNote = await ok(kemal, 'GET', `/places/communities/${breakfast.id}/requests`);
    assert.equal(withNote.items[0].note, 'Ich wohne gegenüber.');
    assert.equal(
      (await call(kemal, 'POST', `/places/communities/${breakfast.id}/requests/${ida.id}/accept`)).statusCode,
      204,
    );
    await ok(outsider, 'POST', `/places/communities/${breakfast.id}/join`, {}, 200);
    assert.equal(
      (await call(kemal, 'POST', `/places/communities/${breakfast.id}/requests/${outsider.id}/decline`))
        .statusCode,
      204,
    );
    assert.equal((await notes(outsider, 'community.request_declined')).length, 1);
    assert.equal((await ok(outsider, 'GET', `/places/communities/${breakfast.id}`)).me, null);
    assert.deepEqual(await audited(breakfast.id), [
      'community.created',
      'community.request_accepted',
      'community.role_set',
      'community.request_accepted',
      'community.request_declined',
    ]);
  });

  test('names are for members; outsiders of a by-request community see the count only from five on', async () => {
    assert.equal(
      (await call(outsider, 'GET', `/places/communities/${breakfast.id}/members`)).statusCode,
      403,
    );
    assert.equal((await call(null, 'GET', `/places/communities/${breakfast.id}/members`)).statusCode, 401);
    const members = await ok(ida, 'GET', `/places/communities/${breakfast.id}/members`);
    assert.deepEqual(
      members.items.map((m: { name: string; role: string }) => `${m.name}:${m.role}`),
      ['Rosa Lindner:owner', 'Kemal Aydın:moderator', 'Ida Brandt:member'],
    );
    const outside = await ok(outsider, 'GET', `/places/communities/${breakfast.id}`);
    assert.deepEqual([outside.members, outside.membersSuppressed], [null, true]);
    const inside = await ok(ida, 'GET', `/places/communities/${breakfast.id}`);
    assert.deepEqual([inside.members, inside.membersSuppressed], [3, false]);
    for (let i = 0; i < 2; i++) {
      const u = await createUser(t);
      await ok(u, 'POST', `/places/communities/${breakfast.id}/join`, {}, 200);
      assert.equal(
        (await call(rosa, 'POST', `/places/communities/${breakfast.id}/requests/${u.id}/accept`)).statusCode,
        204,
      );
    }
    const five = await ok(null, 'GET', `/places/communities/${breakfast.id}`);
    assert.deepEqual([five.members, five.membersSuppressed], [5, false]);
    // an open community's count is public however small
    const open = await ok(null, 'GET', `/places/communities/${repair.id}`);
    assert.deepEqual([open.members, open.membersSuppressed], [1, false]);
  });

  test('the list: search by name, filters, mine, paging; the empty page is an empty page', async () => {
    const all = await ok(null, 'GET', '/places/communities');
    assert.equal(all.total, 3);
    assert.deepEqual(
      (await ok(null, 'GET', '/places/communities?q=repair')).items.map((c: { id: string }) => c.id),
      [repair.id],
    );
    assert.equal((await ok(null, 'GET', '/places/communities?space=translocal')).total, 1);
    assert.equal((await ok(null, 'GET', `/places/communities?districtId=${district}`)).total, 2);
    const mine = await ok(ida, 'GET', '/places/communities?mine=true');
    assert.deepEqual(
      mine.items.map((c: { id: string }) => c.id),
      [breakfast.id],
    );
    assert.equal((await ok(null, 'GET', '/places/communities?mine=true')).total, 0);
    const paged = await ok(null, 'GET', '/places/communities?limit=2&offset=2');
    assert.deepEqual([paged.items.length, paged.total], [1, 3]);
    assert.equal((await ok(null, 'GET', '/places/communities?q=nirgendwo')).total, 0);
  });

  test('one a moderator of the network hid is gone for everyone but the instance admins', async () => {
    const twin = await ok(outsider, 'POST', '/places/communities', fields({ name: 'Billige Uhren' }));
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'community',
        entity_id: twin.id,
        hidden_by: admin.id,
        reason: 'Werbung',
      })
      .execute();
    assert.ok(!(await ok(null, 'GET', '/places/communities?q=Uhren')).items.length);
    for (const who of [null, outsider])
      assert.equal((await call(who, 'GET', `/places/communities/${twin.id}`)).statusCode, 404);
    assert.equal((await call(outsider, 'POST', `/places/communities/${twin.id}/join`, {})).statusCode, 404);
    assert.equal((await ok(admin, 'GET', `/places/communities/${twin.id}`)).hidden, true);
  });

  describe('discussions: Wissen’s threads, belonging to a community', () => {
    let closedThread: string;
    let openThread: string;

    test('a by-request community’s thread exists for its members only: 404 everywhere else', async () => {
      assert.equal(
        (
          await call(outsider, 'POST', `/places/communities/${breakfast.id}/threads`, {
            title: 'Hallo zusammen',
            body: 'x',
          })
        ).statusCode,
        404,
      );
      const made = await ok(ida, 'POST', `/places/communities/${breakfast.id}/threads`, {
        title: 'Wer kennt eine Kinderärztin?',
        body: 'Eine Freundin sucht eine, die Türkisch spricht.',
      });
      assert.equal(made.pending, false);
      closedThread = made.id;
      // the community's list
      for (const who of [null, outsider, admin])
        assert.equal((await call(who, 'GET', `/places/communities/${breakfast.id}/threads`)).statusCode, 404);
      const listed = await ok(kemal, 'GET', `/places/communities/${breakfast.id}/threads`);
      assert.deepEqual(
        listed.items.map((x: { id: string }) => x.id),
        [closedThread],
      );
      // Wissen's own routes
      for (const who of [null, outsider, admin]) {
        assert.equal((await call(who, 'GET', `/discussions/threads/${closedThread}`)).statusCode, 404);
        assert.equal((await call(who, 'GET', `/discussions/threads/${closedThread}/posts`)).statusCode, 404);
        const list = await ok(who, 'GET', '/discussions/threads');
        assert.ok(!list.items.some((x: { id: string }) => x.id === closedThread), 'not in Wissen’s list');
        assert.equal((await ok(who, 'GET', '/discussions/threads?q=Kinder%C3%A4rztin')).total, 0);
      }
      for (const who of [outsider, admin]) {
        assert.equal(
          (await call(who, 'POST', `/discussions/threads/${closedThread}/posts`, { body: 'Ich!' }))
            .statusCode,
          404,
        );
        assert.equal((await call(who, 'PUT', `/follows/discussion_thread/${closedThread}`)).statusCode, 404);
        assert.equal(
          (await call(who, 'GET', `/discussions/threads/${closedThread}/mentionable`)).statusCode,
          404,
        );
      }
      const seen = await ok(kemal, 'GET', `/discussions/threads/${closedThread}`);
      assert.deepEqual(seen.community, {
        id: breakfast.id,
        name: 'Frauenfrühstück Weidenau',
        slug: breakfast.slug,
      });
      assert.equal(seen.abilities.reply, true);
      assert.ok(
        (await ok(kemal, 'GET', '/discussions/threads')).items.some(
          (x: { id: string }) => x.id === closedThread,
        ),
      );
      // never in the network's search
      assert.equal(await searchDoc(closedThread), undefined);
      const found = await ok(admin, 'GET', '/search?q=Kinder%C3%A4rztin');
      assert.equal(found.total, 0);
      // nor evidence for a political body (dossiers bundle what anyone may read)
      const evidence = await ok(
        admin,
        'GET',
        '/dossiers/evidence?type=discussion_thread&q=Kinder%C3%A4rztin',
      );
      assert.equal(evidence.total, 0);
      // @mentions: only its members
      const mentionable = await ok(kemal, 'GET', `/discussions/threads/${closedThread}/mentionable`);
      assert.ok(
        !mentionable.items.some((p: { id: string }) => p.id === outsider.id),
        'staff outside is not offered',
      );
    });

    test('whoever leaves a by-request community loses its threads: no reply notices, no title in what they follow', async () => {
      await ok(kemal, 'POST', `/discussions/threads/${closedThread}/posts`, {
        body: 'In Nordfeld, frag Mariam.',
      });
      assert.equal((await call(ida, 'POST', `/places/communities/${breakfast.id}/leave`)).statusCode, 204);
      assert.equal((await call(ida, 'GET', `/discussions/threads/${closedThread}`)).statusCode, 404);
      const before = (await notes(ida, 'discussion.reply')).length;
      await ok(kemal, 'POST', `/discussions/threads/${closedThread}/posts`, {
        body: 'Und die Nummer steht im Aushang.',
      });
      assert.equal(
        (await notes(ida, 'discussion.reply')).length,
        before,
        'a former member hears nothing more',
      );
      const follows = await ok(ida, 'GET', '/follows');
      const kept = follows.items.find((f: { targetId: string }) => f.targetId === closedThread);
      assert.ok(kept, 'the follow stays so it can be ended');
      assert.equal(kept.title ?? null, null, 'but names nothing');
    });

    test('an open community’s thread: everyone reads and finds it, its members write', async () => {
      assert.equal(
        (
          await call(outsider, 'POST', `/places/communities/${repair.id}/threads`, {
            title: 'Toaster kaputt',
            body: 'Hilfe',
          })
        ).statusCode,
        403,
      );
      const made = await ok(rosa, 'POST', `/places/communities/${repair.id}/threads`, {
        title: 'Ersatzteile für Kaffeemaschinen',
        body: 'Wer kennt eine Quelle für Pumpen?',
      });
      openThread = made.id;
      assert.equal((await ok(null, 'GET', `/places/communities/${repair.id}/threads`)).total, 1);
      const seen = await ok(outsider, 'GET', `/discussions/threads/${openThread}`);
      assert.equal(seen.abilities.reply, false, 'not a member: reading only');
      const refused = await call(outsider, 'POST', `/discussions/threads/${openThread}/posts`, {
        body: 'Ich weiß was',
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'discussion.community_members');
      assert.equal((await searchDoc(openThread))?.title, 'Ersatzteile für Kaffeemaschinen');
      const evidence = await ok(admin, 'GET', '/dossiers/evidence?type=discussion_thread&q=Ersatzteile');
      assert.equal(evidence.total, 1, 'an open community’s talk may be evidence');
      await ok(outsider, 'POST', `/places/communities/${repair.id}/join`, {}, 200);
      assert.equal((await ok(outsider, 'GET', `/discussions/threads/${openThread}`)).abilities.reply, true);
      await ok(outsider, 'POST', `/discussions/threads/${openThread}/posts`, {
        body: 'Im Elektroladen am Markt.',
      });
      // turning it by-request takes its threads out of the search, and out of sight
      const edit = fields({ name: 'Repair-Café', space: 'translocal', districtId: null, towns: ['Auental'] });
      assert.equal((await call(outsider, 'PUT', `/places/communities/${repair.id}`, edit)).statusCode, 403);
      await ok(rosa, 'PUT', `/places/communities/${repair.id}`, edit);
      assert.equal(await searchDoc(openThread), undefined);
      assert.equal((await call(null, 'GET', `/discussions/threads/${openThread}`)).statusCode, 404);
      assert.equal(
        (await ok(outsider, 'GET', `/discussions/threads/${openThread}`)).id,
        openThread,
        'members still read',
      );
      await ok(rosa, 'PUT', `/places/communities/${repair.id}`, { ...edit, joining: 'open' });
      assert.equal((await searchDoc(openThread))?.title, 'Ersatzteile für Kaffeemaschinen');
    });
  });

  test('first-post review: a by-request community vouches for its members there, and nowhere else', async () => {
    const newcomer = await createUser(t, { displayName: 'Neu Ling' }); // today, no organisation
    const own = await ok(newcomer, 'POST', '/places/communities', fields({ name: 'Mein eigener Kreis' }));
    const inside = await ok(newcomer, 'POST', `/places/communities/${own.id}/threads`, {
      title: 'Willkommen im Kreis',
      body: 'Schön, dass ihr da seid.',
    });
    assert.equal(
      inside.pending,
      false,
      'its members (here: its maker) were accepted, nobody else could read it',
    );
    const open = await ok(newcomer, 'POST', '/discussions/threads', {
      title: 'Billige Uhren zu verkaufen',
      theme: 'other',
      body: 'Nur heute!',
    });
    assert.equal(open.reviewStatus, 'pending', 'a community one made oneself frees nobody from the review');
  });

  test('one owner always: the last cannot leave, lose the role or be taken out; moderators take out members only', async () => {
    const url = `/places/communities/${breakfast.id}`;
    const refusal = await call(rosa, 'POST', `${url}/leave`);
    assert.equal(refusal.statusCode, 409);
    assert.equal(refusal.json().code, 'community.last_owner');
    assert.equal(
      (await call(rosa, 'PUT', `${url}/members/${rosa.id}/role`, { role: 'member' })).statusCode,
      409,
    );
    assert.equal(
      (await call(kemal, 'PUT', `${url}/members/${rosa.id}/role`, { role: 'member' })).statusCode,
      403,
    );
    assert.equal((await call(kemal, 'DELETE', `${url}/members/${rosa.id}`)).statusCode, 403);
    assert.equal((await call(rosa, 'DELETE', `${url}/members/${rosa.id}`)).statusCode, 409);
    const plain = (await ok(rosa, 'GET', `${url}/members`)).items.find(
      (m: { role: string }) => m.role === 'member',
    );
    assert.equal((await call(kemal, 'DELETE', `${url}/members/${plain.id}`)).statusCode, 204);
    assert.equal((await call(kemal, 'DELETE', `${url}/members/${plain.id}`)).statusCode, 404);
    assert.equal(
      (
        await t.db
          .selectFrom('notification')
          .select('id')
          .where('account_id', '=', plain.id)
          .where('kind', '=', 'community.member_removed')
          .execute()
      ).length,
      1,
    );
    // handing over, then leaving
    assert.equal(
      (await call(rosa, 'PUT', `${url}/members/${kemal.id}/role`, { role: 'owner' })).statusCode,
      204,
    );
    assert.equal((await call(rosa, 'POST', `${url}/leave`)).statusCode, 204);
    assert.deepEqual((await ok(kemal, 'GET', url)).me, { role: 'owner', status: 'active' });
    assert.equal((await call(rosa, 'POST', `${url}/leave`)).statusCode, 409, 'not in it any more');
  });

  test('archiving (its owners): out of the list and the search, nothing more happens, its page and talk stay', async () => {
    const url = `/places/communities/${repair.id}`;
    assert.equal((await call(outsider, 'POST', `${url}/archive`)).statusCode, 403);
    const archived = await ok(rosa, 'POST', `${url}/archive`, undefined, 200);
    assert.equal(archived.archived, true);
    assert.equal(archived.abilities.startThread, false);
    assert.equal((await call(rosa, 'POST', `${url}/archive`)).statusCode, 409);
    assert.ok(
      !(await ok(null, 'GET', '/places/communities')).items.some((c: { id: string }) => c.id === repair.id),
    );
    assert.equal(await searchDoc(repair.id), undefined);
    assert.equal((await call(ida, 'POST', `${url}/join`, {})).statusCode, 409);
    assert.equal(
      (await call(rosa, 'POST', `${url}/threads`, { title: 'Noch eine Frage', body: 'x' })).statusCode,
      409,
    );
    const threads = await ok(null, 'GET', `${url}/threads`);
    assert.equal(threads.total, 1, 'its talk stays readable');
    assert.equal(
      (await call(rosa, 'POST', `/discussions/threads/${threads.items[0].id}/posts`, { body: 'Noch da?' }))
        .statusCode,
      403,
    );
    assert.ok((await audited(repair.id)).includes('community.archived'));
  });

  test('the personal home: requests to answer, one’s own waiting, and honest suggestions', async () => {
    const today = async (u: TestUser) =>
      (await ok(u, 'GET', '/me/today')).sections as {
        id: string;
        items: { title: string; detail?: string; link: string }[];
      }[];
    const asker = await createUser(t, { displayName: 'Vera Neu' });
    await ok(asker, 'POST', `/places/communities/${breakfast.id}/join`, {}, 200);
    const steward = (await today(kemal)).find((s) => s.id === 'places.community_requests');
    assert.ok(steward, 'the owner is asked to answer');
    assert.match(steward.items[0]!.title, /Vera Neu/);
    assert.equal(steward.items[0]!.link, `/raeume/gemeinschaften/${breakfast.slug}/verwalten`);
    const waiting = (await today(asker)).find((s) => s.id === 'places.community_waiting');
    assert.match(waiting?.items[0]?.title ?? '', /Frauenfrühstück Weidenau/);
    // suggestions: what the person said about themselves, and nothing else
    const neighbour = await createUser(t, { displayName: 'Nina Neu' });
    const profile = {
      network_id: t.networkId,
      account_id: neighbour.id,
      interests: ['Frühstück'],
      district_ids: [],
    };
    await t.db
      .insertInto('profile')
      .values(profile)
      .onConflict((oc) => oc.columns(['network_id', 'account_id']).doUpdateSet(profile))
      .execute();
    const suggested = (await today(neighbour)).find((s) => s.id === 'places.community_suggestions');
    assert.ok(suggested, 'a suggestion by interest');
    assert.match(suggested.items[0]!.detail ?? '', /Frühstück/);
    const nobody = await createUser(t, { displayName: 'Paul Ohne' });
    assert.equal(
      (await today(nobody)).find((s) => s.id === 'places.community_suggestions'),
      undefined,
    );
  });
});
