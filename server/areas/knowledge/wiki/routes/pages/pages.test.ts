import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { blankPng } from '../../../../../../test/helpers/images.ts';

function multipart(description: string | null, file: Buffer | null, filename: string) {
  const boundary = `----kp${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  if (description !== null)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n`,
      ),
    );
  if (file)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('wiki: pages, links and backlinks, revisions, conflicts, visibility, archive, attachments', () => {
  let t: TestApp;
  let caritas: { id: string };
  let diakonie: { id: string };
  let aylin: TestUser;
  let mehmet: TestUser;
  let volunteer: TestUser;
  let neighbour: TestUser;
  let admin: TestUser;
  let follower: TestUser;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/wiki${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const create = async (user: TestUser, body: object) => {
    const r = await call(user, 'POST', '/pages', body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  const count = async (table: 'wiki_revision' | 'wiki_page' | 'audit_log') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    diakonie = await createOrganisation(t, { name: 'Diakonie' });
    aylin = await createUser(t, { displayName: 'Aylin', memberOf: [[caritas.id, 'staff']] });
    mehmet = await createUser(t, { displayName: 'Mehmet', memberOf: [[diakonie.id, 'staff']] });
    volunteer = await createUser(t, { memberOf: [[caritas.id, 'volunteer']] });
    neighbour = await createUser(t);
    admin = await createUser(t, { admin: true });
    follower = await createUser(t);
  });
  after(() => t.close());

  test('who may write where: staff of any organisation and instance admins the network wiki, only its own staff an organisation’s', async () => {
    const body = { title: 'Wegweiser Pflege', body: 'Rat und Hilfe.' };
    assert.equal((await call(null, 'POST', '/pages', body)).statusCode, 401);
    assert.equal((await call(volunteer, 'POST', '/pages', body)).statusCode, 403);
    assert.equal((await call(neighbour, 'POST', '/pages', body)).statusCode, 403);
    assert.equal(
      (await call(mehmet, 'POST', '/pages', { ...body, organisationId: caritas.id })).statusCode,
      403,
    );
    assert.equal((await call(aylin, 'POST', '/pages', { ...body, title: 'x' })).statusCode, 400);
    const spaces = await call(aylin, 'POST', '/pages', { ...body, title: '  x  ' });
    assert.equal(spaces.statusCode, 422, 'a title of spaces and one letter');
    assert.equal(spaces.json().errors[0].field, '/title');
    const members = await call(aylin, 'POST', '/pages', { ...body, visibility: 'members' });
    assert.equal(members.statusCode, 422, 'members-only needs an organisation');
    assert.equal(await count('wiki_page'), 0);
    const p = await create(aylin, body);
    assert.equal(p.slug, 'wegweiser-pflege');
    assert.equal(p.revision, 1);
    assert.equal(p.organisation, null);
    assert.equal(p.freshness.ownerId, aylin.id);
    assert.equal(p.freshness.reviewIntervalDays, 180);
    assert.equal(p.freshness.stale, false);
    const dup = await call(mehmet, 'POST', '/pages', { ...body, title: 'wegweiser pflege' });
    assert.equal(dup.statusCode, 422, 'a title is unique in its wiki, in any case');
    assert.match(dup.json().errors[0].field, /title/);
    // the same title in an organisation's wiki is another page, with its own slug space
    const own = await create(aylin, { ...body, organisationId: caritas.id });
    assert.equal(own.slug, 'wegweiser-pflege');
    assert.equal(own.organisation.id, caritas.id);
    const byAdmin = await create(admin, { title: 'Straßenfest im Süden', body: '' });
    assert.equal(byAdmin.slug, 'strassenfest-im-sueden');
  });

  test('links lead to the own wiki first, then the network; missing ones are listed; backlinks follow', async () => {
    const a = await create(mehmet, {
      title: 'Pflegegrad beantragen',
      body: 'Danach gibt es den [[Entlastungsbetrag|Betrag für Entlastung]]. Siehe [[Wegweiser Pflege]].',
    });
    assert.deepEqual(a.missingLinks, ['Entlastungsbetrag']);
    assert.match(a.html, /<span class="wiki-link-missing">Betrag für Entlastung<\/span>/);
    const network = (await call(null, 'GET', '/pages?wiki=network&q=Wegweiser'))
      .json()
      .items.find((i: { title: string }) => i.title === 'Wegweiser Pflege');
    assert.match(
      a.html,
      new RegExp(`<a class="wiki-link" href="/wissen/wiki/${network.id}">Wegweiser Pflege</a>`),
    );
    // creating the missing page turns the link into one, and the backlink appears
    const b = await create(mehmet, { title: 'Entlastungsbetrag', body: 'Monatlich für Hilfe im Alltag.' });
    assert.deepEqual(
      b.backlinks.map((l: { title: string }) => l.title),
      ['Pflegegrad beantragen'],
    );
    const again = (await call(null, 'GET', `/pages/${a.id}`)).json();
    assert.deepEqual(again.missingLinks, []);
    assert.match(again.html, new RegExp(`href="/wissen/wiki/${b.id}"`));
    // an organisation's page links to its own "Wegweiser Pflege" before the network's
    const own = (await call(aylin, 'GET', `/pages?wiki=${caritas.id}`))
      .json()
      .items.find((i: { title: string }) => i.title === 'Wegweiser Pflege');
    const c = await create(aylin, {
      title: 'Teamablauf',
      body: '[[wegweiser pflege]]',
      organisationId: caritas.id,
    });
    assert.match(c.html, new RegExp(`href="/wissen/wiki/${own.id}"`));
    const networkPage = (await call(null, 'GET', `/pages/${network.id}`)).json();
    assert.deepEqual(
      networkPage.backlinks.map((l: { title: string }) => l.title),
      ['Pflegegrad beantragen'],
    );
  });

  test('revisions keep author and summary; any two are compared word by word; an old one comes back as a new revision', async () => {
    const p = await create(aylin, { title: 'Sprechzeiten', body: 'Dienstags 9 bis 12 Uhr im Rathaus.' });
    const follow = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/follows/wiki_page/${p.id}`,
      headers: follower.headers,
    });
    assert.ok(follow.statusCode < 300, follow.body);
    const saved = await call(mehmet, 'PUT', `/pages/${p.id}`, {
      title: 'Sprechzeiten',
      body: 'Dienstags 9 bis 13 Uhr im Rathaus.',
      summary: 'Eine Stunde länger',
      baseRevision: 1,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().revision, 2);
    assert.equal(saved.json().author.name, 'Mehmet');
    const notes = await t.db
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', follower.id)
      .execute();
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.kind, 'wiki.page_changed');
    assert.equal(notes[0]!.link, `/wissen/wiki/${p.id}`);
    const edge = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_type', '=', 'wiki_revision')
      .where('source_id', '=', `${p.id}/2`)
      .execute();
    assert.equal(edge.length, 1, 'editing a page someone else started is an interaction');
    assert.deepEqual([edge[0]!.a_id, edge[0]!.b_id], [mehmet.id, aylin.id]);
    const list = (await call(null, 'GET', `/pages/${p.id}/revisions`)).json();
    assert.deepEqual(
      list.items.map((r: { revision: number; summary: string; author: { name: string } }) => [
        r.revision,
        r.summary,
        r.author.name,
      ]),
      [
        [2, 'Eine Stunde länger', 'Mehmet'],
        [1, '', 'Aylin'],
      ],
    );
    const diff = (await call(null, 'GET', `/pages/${p.id}/diff?from=1&to=2`)).json();
    assert.deepEqual(
      diff.parts.filter((x: { op: string }) => x.op !== 'equal'),
      [
        { op: 'delete', text: '12' },
        { op: 'insert', text: '13' },
      ],
    );
    assert.equal((await call(null, 'GET', `/pages/${p.id}/diff?from=1&to=9`)).statusCode, 404);
    const old = (await call(null, 'GET', `/pages/${p.id}/revisions/1`)).json();
    assert.equal(old.body, 'Dienstags 9 bis 12 Uhr im Rathaus.');
    assert.equal(old.currentRevision, 2);
    assert.equal(
      (await call(volunteer, 'POST', `/pages/${p.id}/restore`, { revision: 1, baseRevision: 2 })).statusCode,
      403,
    );
    const restored = await call(aylin, 'POST', `/pages/${p.id}/restore`, { revision: 1, baseRevision: 2 });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().revision, 3);
    assert.equal(restored.json().restoredFrom, 1);
    assert.equal(restored.json().body, 'Dienstags 9 bis 12 Uhr im Rathaus.');
    const stale = await call(aylin, 'POST', `/pages/${p.id}/restore`, { revision: 2, baseRevision: 2 });
    assert.equal(stale.statusCode, 409);
  });

  test('a save against an older revision is a 409 with both versions, and nothing is overwritten', async () => {
    const p = await create(aylin, { title: 'Entlastung beantragen', body: 'Erste Fassung.' });
    const first = await call(mehmet, 'PUT', `/pages/${p.id}`, {
      title: p.title,
      body: 'Mehmets Fassung.',
      baseRevision: 1,
    });
    assert.equal(first.statusCode, 200);
    const before = await count('wiki_revision');
    const second = await call(aylin, 'PUT', `/pages/${p.id}`, {
      title: p.title,
      body: 'Aylins Fassung.',
      summary: 'Meine Änderung',
      baseRevision: 1,
    });
    assert.equal(second.statusCode, 409);
    const c = second.json();
    assert.equal(c.code, 'wiki.edit_conflict');
    assert.equal(c.current.revision, 2);
    assert.equal(c.current.body, 'Mehmets Fassung.');
    assert.equal(c.current.author.name, 'Mehmet');
    assert.ok(c.current.createdAt);
    assert.deepEqual(c.yours, {
      baseRevision: 1,
      title: p.title,
      body: 'Aylins Fassung.',
      summary: 'Meine Änderung',
    });
    assert.equal(await count('wiki_revision'), before);
    assert.equal((await call(null, 'GET', `/pages/${p.id}`)).json().body, 'Mehmets Fassung.');
  });

  test('visibility: members-only pages and their links, backlinks and files are 404 to everyone else; search follows', async () => {
    const secret = await create(aylin, {
      title: 'Interne Checkliste',
      body: 'Nur fürs Team. [[Wegweiser Pflege]]',
      organisationId: caritas.id,
      visibility: 'members',
    });
    for (const who of [null, neighbour, mehmet, admin])
      assert.equal((await call(who, 'GET', `/pages/${secret.id}`)).statusCode, 404);
    assert.equal((await call(volunteer, 'GET', `/pages/${secret.id}`)).statusCode, 200);
    const listed = (u: TestUser | null) =>
      call(u, 'GET', `/pages?wiki=${caritas.id}`).then((r) =>
        r.json().items.map((i: { title: string }) => i.title),
      );
    assert.ok(!(await listed(neighbour)).includes('Interne Checkliste'));
    assert.ok((await listed(volunteer)).includes('Interne Checkliste'));
    const own = (await call(aylin, 'GET', `/pages?wiki=${caritas.id}&q=Wegweiser`))
      .json()
      .items.find((i: { title: string }) => i.title === 'Wegweiser Pflege');
    const ownPage = (u: TestUser | null) => call(u, 'GET', `/pages/${own.id}`).then((r) => r.json());
    assert.ok(
      (await ownPage(volunteer)).backlinks.some((b: { title: string }) => b.title === 'Interne Checkliste'),
    );
    assert.ok(
      !(await ownPage(null)).backlinks.some((b: { title: string }) => b.title === 'Interne Checkliste'),
    );
    const doc = await t.db
      .selectFrom('search_document')
      .select(['visibility', 'organisation_id'])
      .where('entity_id', '=', secret.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(doc, { visibility: 'members', organisation_id: caritas.id });
    const signedIn = await call(aylin, 'PATCH', `/pages/${secret.id}/settings`, { visibility: 'signed_in' });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    assert.equal((await call(null, 'GET', `/pages/${secret.id}`)).statusCode, 404);
    assert.equal((await call(neighbour, 'GET', `/pages/${secret.id}`)).statusCode, 200);
  });

  test('a link to a page the reader may not read looks missing, whoever read the page before', async () => {
    const hidden = await create(aylin, {
      title: 'Dienstplan des Teams',
      body: 'Nur fürs Team.',
      organisationId: caritas.id,
      visibility: 'members',
    });
    const open = await create(aylin, {
      title: 'Besuchsdienst erklärt',
      body: 'Siehe [[Dienstplan des Teams|den Dienstplan]] und [[Wegweiser Pflege]].',
      organisationId: caritas.id,
    });
    const read = (u: TestUser | null) =>
      call(u, 'GET', `/pages/${open.id}`).then((r) => r.json().html as string);
    const linked = new RegExp(`<a class="wiki-link" href="/wissen/wiki/${hidden.id}">den Dienstplan</a>`);
    const missing = /<span class="wiki-link-missing">den Dienstplan<\/span>/;
    // the member's rendering first, then the stranger's, then the member's again (each from its own entry)
    for (const [who, shows] of [
      [volunteer, linked],
      [null, missing],
      [neighbour, missing],
      [volunteer, linked],
      [null, missing],
    ] as const) {
      const html = await read(who);
      assert.match(html, shows);
      assert.match(html, /class="wiki-link" href="\/wissen\/wiki\/[^"]+">Wegweiser Pflege<\/a>/);
      if (shows === missing) assert.ok(!html.includes(hidden.id), 'not even its id');
    }
  });

  test('settings: owner must be an editor; interval within limits', async () => {
    const p = await create(aylin, {
      title: 'Pflegekurse',
      body: 'Kurse für Angehörige.',
      organisationId: caritas.id,
    });
    assert.equal(
      (await call(volunteer, 'PATCH', `/pages/${p.id}/settings`, { reviewIntervalDays: 30 })).statusCode,
      403,
    );
    assert.equal(
      (await call(aylin, 'PATCH', `/pages/${p.id}/settings`, { ownerId: mehmet.id })).statusCode,
      422,
    );
    assert.equal(
      (await call(aylin, 'PATCH', `/pages/${p.id}/settings`, { reviewIntervalDays: 3 })).statusCode,
      400,
    );
    const ok = await call(aylin, 'PATCH', `/pages/${p.id}/settings`, { reviewIntervalDays: 30 });
    assert.equal(ok.json().freshness.reviewIntervalDays, 30);
  });

  test('archive: gone for readers and search, editors still see it and bring it back', async () => {
    const p = await create(aylin, { title: 'Alte Telefonliste', body: 'Veraltet.' });
    assert.equal((await call(volunteer, 'POST', `/pages/${p.id}/archive`)).statusCode, 403);
    assert.equal((await call(mehmet, 'POST', `/pages/${p.id}/archive`)).statusCode, 204);
    assert.equal((await call(null, 'GET', `/pages/${p.id}`)).statusCode, 404);
    assert.equal((await call(volunteer, 'GET', `/pages/${p.id}`)).statusCode, 404);
    assert.equal((await call(aylin, 'GET', `/pages/${p.id}`)).json().archivedAt !== null, true);
    const archived = (await call(aylin, 'GET', '/pages?archived=true'))
      .json()
      .items.map((i: { id: string }) => i.id);
    assert.deepEqual(archived, [p.id]);
    assert.deepEqual((await call(neighbour, 'GET', '/pages?archived=true')).json().items, []);
    const inSearch = () =>
      t.db.selectFrom('search_document').select('entity_id').where('entity_id', '=', p.id).execute();
    assert.equal((await inSearch()).length, 0);
    // a link to it is plain text now, and not offered to be written again (the title is still taken)
    const linking = await create(aylin, { title: 'Telefonnummern', body: 'Siehe [[Alte Telefonliste]].' });
    assert.doesNotMatch(linking.html, /href=/);
    assert.deepEqual(linking.missingLinks, []);
    const back = await call(aylin, 'POST', `/pages/${p.id}/unarchive`);
    assert.equal(back.statusCode, 200);
    assert.equal(back.json().archivedAt, null);
    assert.equal((await inSearch()).length, 1);
    const relinked = (await call(null, 'GET', `/pages/${linking.id}`)).json();
    assert.match(relinked.html, new RegExp(`href="/wissen/wiki/${p.id}"`));
    assert.deepEqual(
      (await call(null, 'GET', `/pages/${p.id}`)).json().backlinks.map((b: { title: string }) => b.title),
      ['Telefonnummern'],
    );
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', p.id)
      .execute();
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'wiki.page_archived',
      'wiki.page_created',
      'wiki.page_unarchived',
    ]);
  });

  test('the list filters by wiki, staleness and text (German and English), with pages', async () => {
    await create(aylin, {
      title: 'Nachbarschaftshilfe',
      body: 'Wir helfen beim Einkaufen und begleiten zu Ärzten.',
    });
    const found = (q: string) =>
      call(null, 'GET', `/pages?q=${encodeURIComponent(q)}`).then((r) =>
        r.json().items.map((i: { title: string }) => i.title),
      );
    assert.ok((await found('begleiten')).includes('Nachbarschaftshilfe'));
    assert.ok((await found('Einkaufen')).includes('Nachbarschaftshilfe'));
    assert.deepEqual(await found('Zahnarztpraxis'), []);
    await t.db
      .updateTable('wiki_page')
      .set({ reviewed_at: new Date(Date.now() - 400 * 86_400_000) })
      .where('title', '=', 'Nachbarschaftshilfe')
      .execute();
    const stale = (await call(null, 'GET', '/pages?stale=true')).json();
    assert.deepEqual(
      stale.items.map((i: { title: string }) => i.title),
      ['Nachbarschaftshilfe'],
    );
    assert.equal(stale.items[0].freshness.stale, true);
    const paged = (await call(null, 'GET', '/pages?wiki=network&limit=2&offset=0')).json();
    assert.equal(paged.items.length, 2);
    assert.ok(paged.total > 2);
    const anonymous = (await call(null, 'GET', '/pages')).json();
    assert.deepEqual(anonymous.canCreateIn, []);
    const mine = (await call(aylin, 'GET', '/pages')).json();
    assert.deepEqual(mine.canCreateIn, [null, { id: caritas.id, name: 'Caritas' }]);
  });

  test('attachments: images re-encoded, PDFs as downloads, with the page’s visibility', async () => {
    const p = await create(aylin, {
      title: 'Flyer',
      body: '',
      organisationId: caritas.id,
      visibility: 'members',
    });
    const upload = (u: TestUser, body: ReturnType<typeof multipart>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/wiki/pages/${p.id}/attachments`,
        headers: { ...u.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
    assert.equal(
      (await upload(volunteer, multipart('Flyer', blankPng(40, 30), 'flyer.png'))).statusCode,
      403,
    );
    assert.equal((await upload(aylin, multipart('', blankPng(40, 30), 'flyer.png'))).statusCode, 422);
    assert.equal((await upload(aylin, multipart('Text', Buffer.from('<script>'), 'a.html'))).statusCode, 415);
    const img = await upload(aylin, multipart('Flyer der Pflegeberatung', blankPng(40, 30), 'flyer.png'));
    assert.equal(img.statusCode, 201, img.body);
    assert.equal(img.json().kind, 'image');
    assert.equal(img.json().fileName, 'flyer.webp');
    assert.equal(img.json().markdown, `![Flyer der Pflegeberatung](${img.json().url})`);
    const pdf = await upload(aylin, multipart('Antrag', Buffer.from('%PDF-1.4\n%%EOF\n'), 'Antrag März.pdf'));
    assert.equal(pdf.statusCode, 201, pdf.body);
    const get = (u: TestUser | null, url: string) =>
      t.app.inject({ method: 'GET', url, headers: u?.headers ?? {} });
    const shown = await get(volunteer, img.json().url);
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.headers['content-type'], 'image/webp');
    assert.equal((await get(neighbour, img.json().url)).statusCode, 404);
    assert.equal((await get(null, pdf.json().url)).statusCode, 404);
    const doc = await get(volunteer, pdf.json().url);
    assert.match(String(doc.headers['content-disposition']), /^attachment;/);
    // the image in the page's text is shown; one from elsewhere is not
    const saved = await call(aylin, 'PUT', `/pages/${p.id}`, {
      title: 'Flyer',
      body: `${img.json().markdown}\n\n![x](https://tracker.example/p.png)`,
      baseRevision: 1,
    });
    assert.match(
      saved.json().html,
      new RegExp(`<img src="${img.json().url}" alt="Flyer der Pflegeberatung" />`),
    );
    assert.doesNotMatch(saved.json().html, /tracker/);
    assert.equal(saved.json().attachments.length, 2);
    assert.equal(
      (await call(aylin, 'DELETE', `/pages/${p.id}/attachments/${pdf.json().id}`)).statusCode,
      204,
    );
    assert.equal((await get(volunteer, pdf.json().url)).statusCode, 404);
  });

  test('the network search finds pages as their visibility allows, in German and English', async () => {
    await create(aylin, {
      title: 'Mittagstisch für Senioren',
      body: 'Warm lunch for older neighbours every Wednesday.',
    });
    await create(aylin, {
      title: 'Dienstplan Mittagstisch',
      body: 'Wer kocht wann.',
      organisationId: caritas.id,
      visibility: 'members',
    });
    const search = (u: TestUser | null, q: string) =>
      t.app
        .inject({
          method: 'GET',
          url: `/api/v1/search?q=${encodeURIComponent(q)}&type=wiki_page`,
          headers: u?.headers ?? {},
        })
        .then((r) => r.json().items.map((i: { title: string }) => i.title) as string[]);
    assert.deepEqual(await search(null, 'Mittagstisch'), ['Mittagstisch für Senioren']);
    assert.deepEqual((await search(volunteer, 'Mittagstisch')).sort(), [
      'Dienstplan Mittagstisch',
      'Mittagstisch für Senioren',
    ]);
    assert.deepEqual(await search(null, 'neighbours'), ['Mittagstisch für Senioren']);
  });

  test('raw HTML and script links never come out of a page', async () => {
    const p = await create(aylin, {
      title: '<img src=x onerror=alert(1)>',
      body: '<script>alert(1)</script> [klick](javascript:alert(1)) [[<b>x</b>|<i onmouseover=alert(1)>y</i>]]',
    });
    assert.doesNotMatch(p.html, /<script|<[^>]*\son\w+=|href="javascript|<b>|<i[ >]/);
    assert.match(p.html, /&lt;script&gt;/, 'typed HTML is shown as text');
    assert.equal(p.title, '<img src=x onerror=alert(1)>');
  });
});
