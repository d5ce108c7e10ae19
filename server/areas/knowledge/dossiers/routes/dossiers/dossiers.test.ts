import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

describe('dossiers: compiled from public evidence, sent to a public body, handled and answered', () => {
  let t: TestApp;
  let centre: { id: string };
  let stadt: { id: string; name: string };
  let club: { id: string };
  let lukas: TestUser; // staff of the centre: compiles
  let volunteer: TestUser; // volunteer of the centre
  let thomas: TestUser; // staff of the public body
  let coordinator: TestUser; // instance admin
  let stranger: TestUser;
  let people: TestUser[]; // neighbours behind the evidence
  let district: string;
  let report: string;
  let thread: string;
  let wikiPublic: string;
  let wikiMembers: string;
  let pendingPost: string;
  let dossierId: string;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/dossiers${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const notifications = async (who: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', who.id)
      .where('kind', '=', kind)
      .execute();

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    club = await createOrganisation(t, { name: 'Sportverein' });
    stadt = await createOrganisation(t, {
      name: 'Stadt – Sozialplanung',
      kind: 'public_body',
      sector: 'public',
    });
    lukas = await createUser(t, { displayName: 'Lukas', memberOf: [[centre.id, 'staff']] });
    volunteer = await createUser(t, { memberOf: [[centre.id, 'volunteer']] });
    thomas = await createUser(t, { displayName: 'Thomas', memberOf: [[stadt.id, 'staff']] });
    coordinator = await createUser(t, { admin: true });
    stranger = await createUser(t, { memberOf: [[club.id, 'admin']] });
    people = [];
    for (let i = 0; i < 6; i++) people.push(await createUser(t, { displayName: `Nachbar ${i}` }));
    const d = await t.db
      .insertInto('district')
      .values({ network_id: t.networkId, slug: 'weidenau', name: 'Weidenau' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    district = d.id;
    const r = await t.db
      .insertInto('map_report')
      .values({
        network_id: t.networkId,
        kind: 'missing_offer',
        category: 'youth',
        title: 'Kein Jugendraum in Weidenau',
        lat: 51.31,
        lng: 9.48,
        district_id: district,
        author_id: people[0]!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    report = r.id;
    await t.db
      .insertInto('map_report_support')
      .values([1, 2].map((i) => ({ network_id: t.networkId, report_id: report, account_id: people[i]!.id })))
      .execute();
    const th = await t.db
      .insertInto('discussion_thread')
      .values({
        network_id: t.networkId,
        title: 'Ein Jugendraum für uns?',
        theme: 'youth',
        author_id: people[3]!.id,
        district_id: district,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    thread = th.id;
    await t.db
      .insertInto('discussion_post')
      .values([
        {
          network_id: t.networkId,
          thread_id: thread,
          position: 1,
          body: 'Wo treffen sich die Jugendlichen?',
          author_id: people[3]!.id,
        },
        {
          network_id: t.networkId,
          thread_id: thread,
          position: 2,
          body: 'Ich helfe mit.',
          author_id: people[4]!.id,
        },
        // deleted and pending posts bring nobody
        {
          network_id: t.networkId,
          thread_id: thread,
          position: 3,
          body: 'weg',
          author_id: people[5]!.id,
          deleted_at: new Date(),
        },
      ])
      .execute();
    const pending = await t.db
      .insertInto('discussion_post')
      .values({
        network_id: t.networkId,
        thread_id: thread,
        position: 4,
        body: 'wartet',
        author_id: people[5]!.id,
        review_status: 'pending',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    pendingPost = pending.id;
    const w = await t.db
      .insertInto('wiki_page')
      .values({
        network_id: t.networkId,
        slug: 'jugendarbeit',
        title: 'Jugendarbeit in der Stadt',
        visibility: 'public',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    wikiPublic = w.id;
    await t.db
      .insertInto('wiki_revision')
      .values({
        network_id: t.networkId,
        page_id: wikiPublic,
        revision: 1,
        title: 'Jugendarbeit in der Stadt',
        body: 'Text',
        author_id: lukas.id,
      })
      .execute();
    const wm = await t.db
      .insertInto('wiki_page')
      .values({
        network_id: t.networkId,
        slug: 'intern',
        title: 'Interne Notizen',
        visibility: 'members',
        organisation_id: centre.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    wikiMembers = wm.id;
  });
  after(() => t.close());

  test('staff compile for their organisation; volunteers, visitors and others’ staff cannot', async () => {
    const body = { title: 'Jugendraum für Weidenau', summary: '', organisationId: centre.id };
    assert.equal((await call(null, 'POST', '/', body)).statusCode, 401);
    assert.equal((await call(volunteer, 'POST', '/', body)).statusCode, 403);
    const foreign = await call(stranger, 'POST', '/', body);
    assert.equal(foreign.statusCode, 422);
    assert.equal(foreign.json().errors[0].field, '/organisationId');
    assert.equal(
      (await call(lukas, 'POST', '/', { ...body, organisationId: null })).statusCode,
      422,
      'only coordinators compile for the network',
    );
    assert.equal((await call(lukas, 'POST', '/', { ...body, title: 'x' })).statusCode, 400);
    const r = await call(lukas, 'POST', '/', body);
    assert.equal(r.statusCode, 201, r.body);
    dossierId = r.json().id;
    assert.equal((await call(coordinator, 'POST', '/', { ...body, organisationId: null })).statusCode, 201);
  });

  test('a draft is its compilers’ alone: 404 to everyone else, in lists and exports too', async () => {
    for (const who of [null, volunteer, thomas, stranger, people[0]!]) {
      assert.equal((await call(who, 'GET', `/${dossierId}`)).statusCode, 404);
      assert.equal((await call(who, 'GET', `/${dossierId}/pdf`)).statusCode, 404);
      assert.equal((await call(who, 'GET', `/${dossierId}/items.csv`)).statusCode, 404);
      assert.equal(
        (await call(who, 'PUT', `/${dossierId}`, { title: 'Jugendraum!', summary: '' })).statusCode,
        who ? 404 : 401,
      );
    }
    assert.equal((await call(coordinator, 'GET', `/${dossierId}`)).statusCode, 200);
    const mine = await call(lukas, 'GET', '/drafts');
    assert.deepEqual(
      mine.json().items.map((d: { id: string }) => d.id),
      [dossierId],
    );
    assert.equal((await call(stranger, 'GET', '/drafts')).json().total, 0);
    assert.equal((await call(null, 'GET', '/')).json().total, 0);
  });

  test('only public, visible things may be evidence; the 422 says why', async () => {
    const add = (type: string, itemId: string) =>
      call(lukas, 'POST', `/${dossierId}/items`, { type, itemId });
    const members = await add('wiki_page', wikiMembers);
    assert.equal(members.statusCode, 422);
    assert.deepEqual(
      members.json().errors.map((f: { field: string }) => f.field),
      ['/itemId'],
    );
    assert.match(members.json().errors[0].message, /öffentlich|public/);
    assert.equal((await add('discussion_post', pendingPost)).statusCode, 422);
    assert.equal((await add('map_report', wikiPublic)).statusCode, 422, 'a page is no report');
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'wiki_page',
        entity_id: wikiPublic,
        hidden_by: coordinator.id,
        reason: 'test',
      } as never)
      .execute();
    assert.equal((await add('wiki_page', wikiPublic)).statusCode, 422, 'hidden by a moderator');
    await t.db.deleteFrom('hidden_content').execute();

    const list = await call(lukas, 'GET', `/evidence?type=wiki_page&dossierId=${dossierId}`);
    assert.deepEqual(
      list.json().items.map((i: { id: string }) => i.id),
      [wikiPublic],
      'members-only pages are not offered',
    );
    assert.equal((await call(volunteer, 'GET', '/evidence?type=wiki_page')).statusCode, 404);
    const search = await call(lukas, 'GET', '/evidence?type=map_report&q=jugendraum');
    assert.equal(search.json().total, 1);

    assert.equal((await add('map_report', report)).statusCode, 200);
    assert.equal((await add('map_report', report)).statusCode, 409);
    assert.equal((await add('discussion_thread', thread)).statusCode, 200);
    const full = await add('wiki_page', wikiPublic);
    assert.equal(full.statusCode, 200);
    assert.equal(full.json().items.length, 3);
    const again = await call(lukas, 'GET', `/evidence?type=wiki_page&dossierId=${dossierId}`);
    assert.equal(again.json().items[0].added, true);
  });

  test('the counts: distinct people behind the evidence, shown only from five up; districts named', async () => {
    // report author 0, supporters 1 2, thread author 3 (also post 1), poster 4, wiki author lukas = 6 people
    const d = (await call(lukas, 'GET', `/${dossierId}`)).json();
    assert.equal(d.evidence.people, 6);
    assert.equal(d.evidence.support, 2);
    assert.equal(d.evidence.suppressed, false);
    assert.deepEqual(
      d.evidence.districts.map((x: { name: string }) => x.name),
      ['Weidenau'],
    );
    assert.deepEqual(d.evidence.counts, {
      map_report: 1,
      discussion_thread: 1,
      discussion_post: 0,
      wiki_page: 1,
    });
    // without the thread and the page, three people: too few to give as a number
    await call(lukas, 'DELETE', `/${dossierId}/items/discussion_thread/${thread}`);
    const few = (await call(lukas, 'DELETE', `/${dossierId}/items/wiki_page/${wikiPublic}`)).json();
    assert.equal(few.evidence.people, null);
    assert.equal(few.evidence.support, null);
    assert.equal(few.evidence.suppressed, true);
    assert.equal(
      (await call(lukas, 'DELETE', `/${dossierId}/items/wiki_page/${wikiPublic}`)).statusCode,
      404,
    );
    await call(lukas, 'POST', `/${dossierId}/items`, {
      type: 'discussion_thread',
      itemId: thread,
      note: 'Eltern berichten',
    });
    await call(lukas, 'POST', `/${dossierId}/items`, { type: 'wiki_page', itemId: wikiPublic });
  });

  test('sending needs a summary and a public body; it makes the dossier public and tells the body', async () => {
    const empty = await call(lukas, 'POST', `/${dossierId}/send`, { organisationId: stadt.id });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().code, 'dossiers.needs_summary');
    const edited = await call(lukas, 'PUT', `/${dossierId}`, {
      title: 'Jugendraum für Weidenau',
      summary: 'Es fehlt ein **Raum** für Jugendliche.',
    });
    assert.equal(edited.json().summaryHtml.includes('<strong>Raum</strong>'), true);
    assert.equal(
      (await call(lukas, 'POST', `/${dossierId}/send`, { organisationId: club.id })).statusCode,
      422,
    );
    assert.equal(
      (await call(volunteer, 'POST', `/${dossierId}/send`, { organisationId: stadt.id })).statusCode,
      404,
    );
    const sent = await call(lukas, 'POST', `/${dossierId}/send`, { organisationId: stadt.id });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().status, 'sent');
    assert.equal(
      (await call(lukas, 'POST', `/${dossierId}/send`, { organisationId: stadt.id })).statusCode,
      409,
    );
    assert.equal(
      (await call(lukas, 'POST', `/${dossierId}/items`, { type: 'map_report', itemId: report })).statusCode,
      409,
    );
    assert.equal((await call(lukas, 'DELETE', `/${dossierId}`)).statusCode, 409);

    const anyone = await call(null, 'GET', `/${dossierId}`);
    assert.equal(anyone.statusCode, 200);
    const text = anyone.body;
    for (const p of people) assert.ok(!text.includes(p.displayName), 'no names of supporters or posters');
    assert.equal(anyone.json().recipientName, stadt.name);
    assert.equal(anyone.json().abilities.handle, false);
    assert.equal((await call(null, 'GET', '/')).json().total, 1);

    const arrived = await notifications(thomas, 'dossier.arrived');
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0]!.link, `/wissen/dossiers/${dossierId}`);
    assert.equal(
      (await notifications(people[1]!, 'dossier.sent')).length,
      1,
      'a supporter hears where it went',
    );
    const inbox = await call(thomas, 'GET', '/inbox');
    assert.deepEqual(
      inbox.json().items.map((d: { id: string }) => d.id),
      [dossierId],
    );
    const today = await t.app.inject({ method: 'GET', url: '/api/v1/me/today', headers: thomas.headers });
    assert.ok(today.body.includes('Jugendraum für Weidenau'), 'waiting on the body’s home');
    const tie = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_type', '=', 'dossier')
      .where('source_id', '=', dossierId)
      .execute();
    assert.equal(tie.length, 1);
    assert.deepEqual([tie[0]!.a_id, tie[0]!.b_id], [centre.id, stadt.id]);
  });

  test('the body records received, agenda and answer in order; the answer reaches every contributor', async () => {
    const step = (who: TestUser | null, body: object) => call(who, 'POST', `/${dossierId}/steps`, body);
    assert.equal(
      (await step(lukas, { step: 'received' })).statusCode,
      403,
      'the compilers do not record for a body of the network',
    );
    assert.equal((await step(coordinator, { step: 'received' })).statusCode, 403);
    assert.equal((await step(null, { step: 'received' })).statusCode, 401);
    assert.equal((await step(thomas, { step: 'received' })).statusCode, 200);
    assert.equal((await step(thomas, { step: 'received' })).statusCode, 409);
    assert.equal(
      (await step(thomas, { step: 'on_agenda', committee: 'J', date: '2027-01-14' })).statusCode,
      400,
    );
    const agenda = await step(thomas, {
      step: 'on_agenda',
      committee: 'Jugendhilfeausschuss',
      date: '2027-01-14',
    });
    assert.equal(agenda.statusCode, 200);
    assert.equal(agenda.json().agendaDate, '2027-01-14');
    const [onAgenda] = await notifications(people[4]!, 'dossier.on_agenda');
    assert.equal((onAgenda!.params as { when: string }).when, '14.01.2027');
    const answered = await step(thomas, {
      step: 'answered',
      answer: 'Ein Jugendtreff öffnet im **Gemeindehaus**.',
    });
    assert.equal(answered.statusCode, 200);
    assert.ok(answered.json().answerHtml.includes('<strong>Gemeindehaus</strong>'));
    assert.deepEqual(
      answered.json().steps.map((s: { step: string }) => s.step),
      ['sent', 'received', 'on_agenda', 'answered'],
    );
    assert.equal(answered.json().steps[3].by, 'Thomas');
    assert.equal(
      (await step(thomas, { step: 'answered', answer: 'Nochmal' })).statusCode,
      409,
      'the answer is final',
    );
    for (const p of people.slice(0, 5))
      assert.equal(
        (await notifications(p, 'dossier.answered')).length,
        1,
        `${p.displayName} hears the answer`,
      );
    assert.equal(
      (await notifications(people[5]!, 'dossier.answered')).length,
      0,
      'a deleted or pending post brings nobody',
    );
    assert.equal((await notifications(thomas, 'dossier.answered')).length, 0, 'not who recorded it');
    assert.equal((await notifications(lukas, 'dossier.answered')).length, 1, 'the compilers hear it');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', dossierId)
      .orderBy('at')
      .execute();
    assert.ok(
      ['dossier.sent', 'dossier.received', 'dossier.on_agenda', 'dossier.answered'].every((a) =>
        audits.some((x) => x.action === a),
      ),
    );
  });

  test('for a body outside the network: an email with the links, and the compilers record on its behalf', async () => {
    const r = await call(lukas, 'POST', '/', {
      title: 'Bänke am Marktplatz',
      summary: 'Es fehlen Bänke.',
      organisationId: centre.id,
    });
    const id = r.json().id;
    assert.equal(
      (
        await call(lukas, 'POST', `/${id}/send`, { email: 'ausschuss@kreis.example', name: 'Kreistag' })
      ).json().code,
      'dossiers.needs_evidence',
    );
    await call(lukas, 'POST', `/${id}/items`, { type: 'map_report', itemId: report });
    assert.equal(
      (await call(lukas, 'POST', `/${id}/send`, { email: 'nicht-gültig', name: 'Kreistag' })).statusCode,
      400,
    );
    const sent = await call(lukas, 'POST', `/${id}/send`, {
      email: 'ausschuss@kreis.example',
      name: 'Kreistag',
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().recipientEmail, 'ausschuss@kreis.example');
    assert.equal(
      (await call(null, 'GET', `/${id}`)).json().recipientEmail,
      null,
      'the address is the compilers’',
    );
    const mail = await t.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('to_address', '=', 'ausschuss@kreis.example')
      .executeTakeFirstOrThrow();
    assert.ok(mail.body_text.includes(`/wissen/dossiers/${id}`));
    assert.ok(mail.body_text.includes(`/api/v1/dossiers/${id}/pdf`));
    assert.equal((await call(thomas, 'POST', `/${id}/steps`, { step: 'received' })).statusCode, 403);
    const rec = await call(lukas, 'POST', `/${id}/steps`, {
      step: 'answered',
      answer: 'Bänke kommen im Frühjahr.',
    });
    assert.equal(rec.statusCode, 200);
    assert.equal(rec.json().steps.at(-1).onBehalf, true);
  });

  test('exports: a PDF, the items as CSV, the reports as GeoJSON — with figures, without names', async () => {
    const pdf = await call(null, 'GET', `/${dossierId}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    assert.ok(doc.getPageCount() >= 1);
    const csv = await call(null, 'GET', `/${dossierId}/items.csv`);
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.includes('"Kein Jugendraum in Weidenau"'));
    assert.equal(csv.body.trim().split('\r\n').length, 4, 'a header and three items');
    for (const p of people) assert.ok(!csv.body.includes(p.displayName));
    const geo = await call(null, 'GET', `/${dossierId}/reports.geojson`);
    assert.equal(geo.statusCode, 200);
    const fc = geo.json();
    assert.equal(fc.type, 'FeatureCollection');
    assert.deepEqual(
      fc.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates),
      [[9.48, 51.31]],
    );
  });

  test('evidence that is hidden later keeps its place but loses its title and its people', async () => {
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'discussion_thread',
        entity_id: thread,
        hidden_by: coordinator.id,
        reason: 'test',
      } as never)
      .execute();
    const d = (await call(null, 'GET', `/${dossierId}`)).json();
    const item = d.items.find((i: { type: string }) => i.type === 'discussion_thread');
    assert.equal(item.available, false);
    assert.equal(item.title, '');
    assert.equal(d.evidence.counts.discussion_thread, 0);
    await t.db.deleteFrom('hidden_content').execute();
  });

  test('drafts can be deleted by their compilers', async () => {
    const r = await call(lukas, 'POST', '/', {
      title: 'Nur ein Versuch',
      summary: '',
      organisationId: centre.id,
    });
    const id = r.json().id;
    assert.equal((await call(thomas, 'DELETE', `/${id}`)).statusCode, 404);
    assert.equal((await call(lukas, 'DELETE', `/${id}`)).statusCode, 204);
    assert.equal((await call(lukas, 'GET', `/${id}`)).statusCode, 404);
  });
});
