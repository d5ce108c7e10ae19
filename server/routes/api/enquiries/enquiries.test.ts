import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { enquiriesPerHour, enquiriesPerOrganisationPerDay } from '../../../repositories/enquiries.ts';

describe('enquiries: asking an organisation for help', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let other: Awaited<ReturnType<typeof createOrganisation>>;
  let admin: TestUser;
  let secondAdmin: TestUser;
  let staff: TestUser;
  let otherAdmin: TestUser;
  let instanceAdmin: TestUser;
  let margarete: TestUser;
  let enquiryId: string;

  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Caritas-Beratung' });
    other = await createOrganisation(t, { name: 'Sportverein' });
    admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    secondAdmin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    staff = await createUser(t, { memberOf: [[org.id, 'staff']] });
    otherAdmin = await createUser(t, { memberOf: [[other.id, 'admin']] });
    instanceAdmin = await createUser(t, { admin: true });
    margarete = await createUser(t, { displayName: 'Margarete M.' });
  });
  after(() => t.close());

  const ask = (user: TestUser | undefined, orgId: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${orgId}/enquiries`,
      headers: user?.headers,
      payload,
    });
  const list = (user: TestUser, orgId = org.id, query = '') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${orgId}/enquiries${query}`,
      headers: user.headers,
    });
  const mark = (user: TestUser, id: string, answered: boolean, orgId = org.id) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${orgId}/enquiries/${id}`,
      headers: user.headers,
      payload: { answered },
    });
  const mine = (user: TestUser) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me/enquiries', headers: user.headers });

  test('a person asks an organisation (named by its slug); its admins are told in the app and by email', async () => {
    const res = await ask(margarete, org.slug, {
      subject: '  Begleitung zum Augenarzt ',
      message: 'Ich brauche einmal im Monat jemanden, der mich zum Augenarzt begleitet.',
      contact: '05611 12 34 56',
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    enquiryId = body.id;
    assert.equal(body.subject, 'Begleitung zum Augenarzt');
    assert.deepEqual(body.organisation, { id: org.id, slug: org.slug, name: 'Caritas-Beratung' });
    assert.deepEqual(body.author, { id: margarete.id, name: 'Margarete M.' });
    assert.equal(body.contact, '05611 12 34 56');
    assert.equal(body.answeredAt, null);

    const notes = await t.db
      .selectFrom('notification')
      .select(['account_id', 'kind', 'params', 'link'])
      .where('kind', '=', 'enquiry.received')
      .execute();
    assert.deepEqual(notes.map((n) => n.account_id).sort(), [admin.id, secondAdmin.id].sort());
    assert.deepEqual(notes[0]?.params, {
      name: 'Margarete M.',
      organisation: 'Caritas-Beratung',
      subject: 'Begleitung zum Augenarzt',
    });
    assert.equal(notes[0]?.link, `/organisationen/${org.slug}/verwaltung#anfragen`);

    const mails = await t.db
      .selectFrom('outbox_email')
      .select(['to_address', 'body_shown', 'subject'])
      .execute();
    assert.deepEqual(mails.map((m) => m.to_address).sort(), [admin.email, secondAdmin.email].sort());
    for (const m of mails) {
      // the outbox is read by instance admins: what was asked, and by whom, stays out of it
      assert.doesNotMatch(m.body_shown, /Augenarzt|Margarete|05611/);
      assert.match(m.body_shown, new RegExp(`/organisationen/${org.slug}/verwaltung#anfragen`));
      assert.equal(m.subject, 'Neue Anfrage an Caritas-Beratung');
    }
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'enquiry%')
      .execute();
    assert.deepEqual(audited, []);
  });

  test('anonymous visitors are asked to sign in; bad input is refused with the field named', async () => {
    assert.equal(
      (await ask(undefined, org.id, { subject: 'Hilfe', message: 'Bitte', contact: '0123' })).statusCode,
      401,
    );
    const blank = await ask(margarete, org.id, { subject: '   ', message: 'Bitte', contact: '0123' });
    assert.equal(blank.statusCode, 422);
    assert.equal(blank.json().errors[0].field, '/subject');
    const empty = await ask(margarete, org.id, { subject: 'Hilfe', message: '', contact: '0123' });
    assert.equal(empty.statusCode, 400);
    const noContact = await ask(margarete, org.id, { subject: 'Hilfe', message: 'Bitte', contact: ' ' });
    assert.equal(noContact.statusCode, 422, 'the organisation must be able to answer');
    assert.equal(noContact.json().errors[0].field, '/contact');
    assert.equal(
      (await ask(margarete, org.id, { subject: 'x'.repeat(121), message: 'Bitte', contact: '0123' }))
        .statusCode,
      400,
    );
    assert.equal(
      (await ask(margarete, org.id, { subject: 'Hilfe', message: 'Bitte', contact: '0123', to: 'x' }))
        .statusCode,
      400,
    );
    assert.equal(
      (await ask(margarete, 'gibt-es-nicht', { subject: 'Hilfe', message: 'Bitte', contact: '0123' }))
        .statusCode,
      404,
    );
  });

  test("the organisation's admins read its enquiries; its staff, other organisations and instance admins do not", async () => {
    const res = await list(admin);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().total, 1);
    assert.equal(res.json().open, 1);
    assert.equal(
      res.json().items[0].message,
      'Ich brauche einmal im Monat jemanden, der mich zum Augenarzt begleitet.',
    );
    for (const u of [staff, otherAdmin, instanceAdmin, margarete])
      assert.equal((await list(u)).statusCode, 403);
    assert.equal((await list(otherAdmin, other.id)).json().total, 0);
  });

  test('an admin marks it answered and can open it again; the person sees it in their own list', async () => {
    const answered = await mark(admin, enquiryId, true);
    assert.equal(answered.statusCode, 200);
    const at = answered.json().answeredAt;
    assert.ok(at);
    // marking again keeps the first time
    assert.equal((await mark(secondAdmin, enquiryId, true)).json().answeredAt, at);
    const own = await mine(margarete);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().total, 1);
    assert.equal(own.json().items[0].answeredAt, at);
    assert.equal((await list(admin, org.id, '?status=open')).json().total, 0);
    assert.equal((await list(admin, org.id, '?status=answered')).json().total, 1);
    assert.equal((await mark(admin, enquiryId, false)).json().answeredAt, null);
    assert.equal((await list(admin)).json().open, 1);
  });

  test('to anyone else an enquiry does not exist: 404, also through another organisation', async () => {
    for (const u of [staff, otherAdmin, instanceAdmin, margarete])
      assert.equal((await mark(u, enquiryId, true)).statusCode, 404, u.displayName);
    assert.equal((await mark(otherAdmin, enquiryId, true, other.id)).statusCode, 404);
    assert.equal((await mine(staff)).json().total, 0);
    assert.equal((await list(admin)).json().items[0].answeredAt, null);
  });

  test('an admin asking their own organisation is not told of it themselves', async () => {
    const before = await t.db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', admin.id)
      .execute();
    assert.equal(
      (await ask(admin, org.id, { subject: 'Test', message: 'Geht das an?', contact: 'intern' })).statusCode,
      201,
    );
    const after = await t.db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', admin.id)
      .execute();
    assert.equal(after.length, before.length);
  });

  test(`at most ${enquiriesPerOrganisationPerDay} a day to one organisation and ${enquiriesPerHour} an hour in all, also in a burst`, async () => {
    const jonas = await createUser(t);
    for (let i = 0; i < enquiriesPerOrganisationPerDay; i++)
      assert.equal(
        (await ask(jonas, org.id, { subject: `Frage ${i}`, message: 'Bitte', contact: '0123' })).statusCode,
        201,
      );
    const refused = await ask(jonas, org.id, { subject: 'Noch eine', message: 'Bitte', contact: '0123' });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.json().title, /mehrere Anfragen/);
    const orgs = await Promise.all([1, 2, 3, 4].map(() => createOrganisation(t)));
    const burst = await Promise.all(
      orgs.map((o) => ask(jonas, o.id, { subject: 'Frage', message: 'Bitte', contact: '0123' })),
    );
    assert.deepEqual(
      burst.map((r) => r.statusCode).sort(),
      [201, 201, 429, 429],
      'two more fit into the hour, whatever the order',
    );
    const stored = await t.db
      .selectFrom('organisation_enquiry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('author_id', '=', jonas.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), enquiriesPerHour);
  });
});
