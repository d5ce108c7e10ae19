import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { indexDocument, type SearchDocument, searchTypes } from '../../../platform/search.ts';
import { fold } from '../../../platform/searchWords.ts';
import { webPaths } from '../../../platform/webPaths.ts';

interface Hit {
  type: string;
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  link: string;
}

describe('search', () => {
  let t: TestApp;
  let member: TestUser;
  let otherMember: TestUser;
  let neighbour: TestUser;
  let orgId: string;
  const id = {
    cafe: crypto.randomUUID(),
    werkstatt: crypto.randomUUID(),
    hidden: crypto.randomUUID(),
    einkauf: crypto.randomUUID(),
    arzt: crypto.randomUUID(),
    handy: crypto.randomUUID(),
    gespraech: crypto.randomUUID(),
    want: crypto.randomUUID(),
    membersOnly: crypto.randomUUID(),
    expired: crypto.randomUUID(),
  };

  const doc = (d: Omit<SearchDocument, 'networkId' | 'link'>) =>
    indexDocument(t.db, { networkId: t.networkId, link: webPaths.resource(d.entityId), ...d });

  before(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t, { name: 'Tafel Nord' });
    const other = await createOrganisation(t, { name: 'Chor Süd' });
    orgId = org.id;
    member = await createUser(t, { memberOf: [[org.id, 'volunteer']] });
    otherMember = await createUser(t, { memberOf: [[other.id, 'admin']] });
    neighbour = await createUser(t);
    await doc({
      type: 'organisation',
      entityType: 'organisation',
      entityId: id.cafe,
      title: 'Seniorencafé Lindenhof',
      body: 'Ein Treffpunkt für ältere Menschen mit Kuchen.',
    });
    await doc({
      type: 'playbook_page',
      entityType: 'playbook_page',
      entityId: id.werkstatt,
      title: 'Fahrradwerkstatt',
      body: 'Reparaturen gegen Zeitgutschriften, jeden Samstag.',
    });
    await doc({
      type: 'resource',
      entityType: 'pin',
      entityId: id.hidden,
      title: 'Fahrradwerkstatt Werbung',
      body: 'Spam',
    });
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'pin',
        entity_id: id.hidden,
        hidden_by: member.id,
        reason: 'Werbung',
      })
      .execute();
    await t.db
      .updateTable('search_document')
      .set({ hidden: true })
      .where('entity_id', '=', id.hidden)
      .execute();
    await doc({
      type: 'service',
      entityType: 'resource',
      entityId: id.einkauf,
      title: 'Einkaufshilfe für Nachbarn',
      body: 'Ich bringe Ihnen die Einkäufe vom Supermarkt nach Hause.',
    });
    await doc({
      type: 'service',
      entityType: 'resource',
      entityId: id.arzt,
      title: 'Arztbegleitung',
      body: 'Ich komme mit zum Termin und bringe Sie wieder heim.',
    });
    await doc({
      type: 'opportunity',
      entityType: 'opportunity',
      entityId: id.handy,
      title: 'Handy-Sprechstunde',
      body: 'Fragen rund ums Telefonieren, Fotos und WhatsApp.',
    });
    await doc({
      type: 'service',
      entityType: 'resource',
      entityId: id.gespraech,
      title: 'Zeit für ein Gespräch',
      body: 'Ich höre zu, bei einer Tasse Tee.',
    });
    await doc({
      type: 'exchange_want',
      entityType: 'exchange_post',
      entityId: id.want,
      title: 'Suche Hilfe beim Rasenmähen',
      body: 'Mein Garten in Weidenau wächst mir über den Kopf.',
      visibility: 'signed_in',
    });
    await doc({
      type: 'resource',
      entityType: 'resource',
      entityId: id.membersOnly,
      title: 'Kühlraum der Tafel',
      body: 'Nur für unsere Ehrenamtlichen.',
      visibility: 'members',
      organisationId: org.id,
    });
    await doc({
      type: 'exchange_offer',
      entityType: 'exchange_post',
      entityId: id.expired,
      title: 'Rasenmäher zu verleihen',
      body: 'Abgelaufen.',
      visibility: 'signed_in',
      expiresAt: new Date(Date.now() - 60_000),
    });
  });
  after(() => t.close());

  const search = (query: string, who?: TestUser) =>
    t.app.inject({ method: 'GET', url: `/api/v1/search?${query}`, headers: who?.headers });
  const q = (words: string, who?: TestUser, extra = '') =>
    search(`q=${encodeURIComponent(words)}${extra}`, who);
  const ids = async (words: string, who?: TestUser) =>
    ((await q(words, who)).json().items as Hit[]).map((h) => h.entityId);

  test('anyone finds public content by a German word form, with its type, a snippet and a link', async () => {
    const res = await q('Reparatur');
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.total, 1);
    assert.deepEqual(page.items[0], {
      type: 'playbook_page',
      entityType: 'playbook_page',
      entityId: id.werkstatt,
      title: 'Fahrradwerkstatt',
      snippet: page.items[0].snippet,
      link: webPaths.resource(id.werkstatt),
    });
    assert.match(page.items[0].snippet, /Reparaturen/);
    assert.deepEqual(page.types, [{ type: 'playbook_page', count: 1 }]);
  });

  test('a typo still finds the title', async () => {
    assert.equal((await ids('Fahradwerkstatt'))[0], id.werkstatt);
    assert.equal((await ids('Senorencafe'))[0], id.cafe);
  });

  test('a word finds the compounds that start or end with it', async () => {
    assert.equal((await ids('Einkauf'))[0], id.einkauf, 'Einkauf → Einkaufshilfe');
    assert.equal((await ids('Begleitung'))[0], id.arzt, 'Begleitung → Arztbegleitung');
    assert.ok((await ids('Hilfe')).includes(id.einkauf), 'Hilfe → Einkaufshilfe');
    assert.equal((await ids('Sprechstunde'))[0], id.handy);
  });

  test('everyday words that mean the same help find each other, the typed word first', async () => {
    assert.equal((await ids('Besorgungen'))[0], id.einkauf);
    assert.equal((await ids('Smartphone'))[0], id.handy);
    assert.equal((await ids('Arztbesuch'))[0], id.arzt);
    assert.equal((await ids('shopping'))[0], id.einkauf, 'English finds the German offer');
    const res = (await q('Besuch Gesellschaft')).json();
    assert.equal(res.items[0].entityId, id.gespraech);
    assert.ok(res.terms.includes('Gespräch'), 'the synonyms looked for are named');
  });

  test('umlauts, ß and case do not matter, and filler words are ignored', async () => {
    assert.equal((await ids('GESPRACH'))[0], id.gespraech);
    assert.equal((await ids('Einkaeufe'))[0], id.einkauf);
    assert.equal((await ids('ich suche jemanden für die Einkäufe'))[0], id.einkauf);
  });

  test('the database folds words exactly as the query does', async () => {
    const samples = ['Straße', 'ÄRZTIN', 'Öl für Übungen', 'Çay Şeker Ğ İı', 'Łódź', 'café crème'];
    for (const s of samples) {
      const { rows } = await sql<{ f: string }>`SELECT search_fold(${s}) AS f`.execute(t.db);
      assert.equal(rows[0]?.f, fold(s), s);
    }
  });

  test('content hidden by a moderator is never found, also after its entry is written again', async () => {
    assert.ok(!(await ids('Fahrradwerkstatt')).includes(id.hidden));
    await doc({
      type: 'resource',
      entityType: 'pin',
      entityId: id.hidden,
      title: 'Fahrradwerkstatt Werbung, neu',
      body: 'Spam',
    });
    const res = (await q('Fahrradwerkstatt')).json();
    assert.deepEqual(
      res.items.map((h: Hit) => h.entityId),
      [id.werkstatt],
    );
    assert.equal(res.total, 1);
  });

  test('what is for people signed in is found only by them; what runs out is found by nobody', async () => {
    assert.deepEqual(await ids('Rasenmähen'), []);
    assert.deepEqual(await ids('Rasenmähen', neighbour), [id.want]);
    assert.ok(!(await ids('Rasenmäher', neighbour)).includes(id.expired));
  });

  test('what is for an organisation’s members is found only by its members', async () => {
    assert.ok(!(await ids('Kühlraum')).includes(id.membersOnly));
    assert.ok(!(await ids('Kühlraum', neighbour)).includes(id.membersOnly));
    assert.ok(!(await ids('Kühlraum', otherMember)).includes(id.membersOnly));
    assert.equal((await ids('Kühlraum', member))[0], id.membersOnly);
    const row = await t.db
      .selectFrom('search_document')
      .select('organisation_id')
      .where('entity_id', '=', id.membersOnly)
      .executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, orgId);
  });

  test('results are limited to types, counted per type and paged', async () => {
    const all = (await q('Hilfe', neighbour)).json();
    assert.ok(all.total >= 2);
    const service = all.types.find((f: { type: string }) => f.type === 'service');
    assert.ok(service.count >= 1);
    const only = (await q('Hilfe', neighbour, '&type=service')).json();
    assert.equal(only.total, service.count);
    assert.ok(only.items.every((h: Hit) => h.type === 'service'));
    assert.deepEqual(only.types, all.types, 'the counts per type stay the same whatever is chosen');
    const two = (await q('Hilfe', neighbour, '&type=service,exchange_want&limit=1&offset=1')).json();
    assert.equal(two.items.length, 1);
    assert.equal(two.limit, 1);
    assert.equal(two.offset, 1);
    const beyond = (await q('Hilfe', neighbour, '&offset=500')).json();
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, all.total, 'a page past the end still says how many there are');
  });

  test('a word in very many entries is counted up to a cap, and the answer says the count is a lower bound', async () => {
    await sql`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, link)
      SELECT ${t.networkId}::uuid, 'resource', gen_random_uuid(), 'resource', 'Tomatenbeet ' || g, 'Zum Gießen.', '/x'
      FROM generate_series(1, 520) g`.execute(t.db);
    const many = (await q('Tomatenbeet', undefined, '&limit=5')).json();
    assert.equal(many.moreThanCounted, true);
    // the best 200 of the word (platform/search.ts, wordCap) are what is counted
    assert.ok(many.total >= 200 && many.total < 520, String(many.total));
    assert.equal(many.items.length, 5);
    const few = (await q('Fahrradwerkstatt')).json();
    assert.equal(few.moreThanCounted, false);
    await t.db.deleteFrom('search_document').where('title', 'like', 'Tomatenbeet %').execute();
  });

  test('every type the filter offers is accepted; others are a 400', async () => {
    const res = await q('Hilfe', undefined, `&type=${searchTypes.join(',')}`);
    assert.equal(res.statusCode, 200);
    assert.equal((await q('Hilfe', undefined, '&type=circle')).statusCode, 400);
  });

  test('signed-in people find what anyone finds', async () => {
    assert.equal((await ids('Kuchen', neighbour))[0], id.cafe);
  });

  test('a missing, empty, blank or too long query is a 400', async () => {
    assert.equal((await search('')).statusCode, 400);
    assert.equal((await search('q=')).statusCode, 400);
    assert.equal((await search('q=%20%20')).statusCode, 400);
    assert.equal((await search(`q=${'a'.repeat(201)}`)).statusCode, 400);
    assert.equal((await search('q=x&type=DROP TABLE')).statusCode, 400);
    assert.equal((await search('q=x&order=new')).statusCode, 400);
  });

  test('punctuation, quotes and search syntax are only text', async () => {
    for (const s of ["Fahrrad' OR 1=1 --", 'a & b | !c', '"Fahrradwerkstatt" -Spam', ':* <-> ()', '...']) {
      const res = await q(s);
      assert.equal(res.statusCode, 200, s);
    }
    assert.equal((await ids('"Fahrradwerkstatt"!'))[0], id.werkstatt);
  });
});
