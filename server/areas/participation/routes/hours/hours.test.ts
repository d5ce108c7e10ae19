import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

const hour = 3600_000;

/** The text drawn on every page of a PDF made by pdf-lib (hex strings shown with Tj). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const chunks: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1] ?? '', 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      chunks.push(Buffer.from(t[1] ?? '', 'hex').toString('latin1'));
  }
  return chunks.join('\n');
}

describe('hours: confirmed by coordinators, a history across organisations and the certificate', () => {
  let t: TestApp;
  let centre: { id: string; name: string };
  let diakonie: { id: string; name: string };
  let petra: TestUser;
  let centreAdmin: TestUser;
  let diakonieStaff: TestUser;
  let jonas: TestUser;
  let nosy: TestUser;
  let checkInHours: string;

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const log = async (user: TestUser, body: object) => {
    const r = await call(user, 'POST', '/hours', body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  };
  const countHours = async () =>
    (
      await t.db
        .selectFrom('hours_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum Süd' });
    diakonie = await createOrganisation(t, { name: 'Diakonie Nord' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    centreAdmin = await createUser(t, { memberOf: [[centre.id, 'admin']] });
    diakonieStaff = await createUser(t, { memberOf: [[diakonie.id, 'staff']] });
    jonas = await createUser(t, { displayName: 'Jonas Yılmaz' });
    nosy = await createUser(t);
    const o = await call(petra, 'POST', '/opportunities', {
      level: 'mini',
      title: 'Flyer verteilen',
      mode: 'on_site',
      organisationIds: [centre.id],
      effortMinutes: 90,
      status: 'published',
    });
    const shift = await call(petra, 'POST', `/opportunities/${o.json().id}/shifts`, {
      startsAt: new Date(Date.now() - 0.5 * hour).toISOString(),
      endsAt: new Date(Date.now() + hour).toISOString(),
      capacity: 3,
    });
    const shiftId = shift.json().id;
    await call(jonas, 'POST', `/shifts/${shiftId}/signup`);
    checkInHours = (await call(jonas, 'POST', `/shifts/${shiftId}/check-in`)).json().hoursId;
  });
  after(() => t.close());

  test('a volunteer logs hours; bad input and future dates are refused and write nothing', async () => {
    const before = await countHours();
    assert.equal(
      (
        await call(null, 'POST', '/hours', {
          organisationId: diakonie.id,
          activity: 'Lesen',
          date: '2026-01-01',
          minutes: 30,
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (
        await call(jonas, 'POST', '/hours', {
          organisationId: diakonie.id,
          activity: 'x',
          date: '2026-01-01',
          minutes: 30,
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await call(jonas, 'POST', '/hours', {
          organisationId: diakonie.id,
          activity: 'Lesen',
          date: '2026-01-01',
          minutes: 0,
        })
      ).statusCode,
      400,
    );
    const future = await call(jonas, 'POST', '/hours', {
      organisationId: diakonie.id,
      activity: 'Vorlesen',
      date: '2099-01-01',
      minutes: 60,
    });
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().code, 'hours.in_future');
    const unknown = await call(jonas, 'POST', '/hours', {
      organisationId: '00000000-0000-4000-8000-00000000dead',
      activity: 'Vorlesen',
      date: '2026-01-01',
      minutes: 60,
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(await countHours(), before);
  });

  test('only coordinators of the issuing organisation decide, once; the volunteer sees the history across organisations', async () => {
    const reading = await log(jonas, {
      organisationId: diakonie.id,
      activity: 'Vorlesen im Seniorenheim',
      date: '2026-10-03',
      minutes: 100,
    });
    const rejected = await log(jonas, {
      organisationId: diakonie.id,
      activity: 'Erfundene Tätigkeit',
      date: '2026-10-04',
      minutes: 600,
    });
    await log(jonas, { organisationId: centre.id, activity: 'Noch offen', date: '2026-10-05', minutes: 45 });

    assert.equal((await call(nosy, 'GET', `/hours/${reading}`)).statusCode, 404);
    assert.equal(
      (await call(petra, 'GET', `/hours/${reading}`)).statusCode,
      404,
      'another organisation’s entry',
    );
    assert.equal((await call(petra, 'POST', `/hours/${reading}/confirm`)).statusCode, 404);
    assert.equal((await call(jonas, 'POST', `/hours/${reading}/confirm`)).statusCode, 403, 'not one’s own');
    const queue = (
      await call(diakonieStaff, 'GET', `/hours/organisations/${diakonie.id}?status=pending`)
    ).json();
    assert.deepEqual(queue.items.map((h: { id: string }) => h.id).sort(), [reading, rejected].sort());
    assert.equal((await call(petra, 'GET', `/hours/organisations/${diakonie.id}`)).statusCode, 403);

    const ok = await call(diakonieStaff, 'POST', `/hours/${reading}/confirm`, { note: 'Danke!' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'confirmed');
    const again = await call(diakonieStaff, 'POST', `/hours/${reading}/reject`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'hours.already_decided');
    assert.equal((await call(diakonieStaff, 'POST', `/hours/${rejected}/reject`)).json().status, 'rejected');
    assert.equal((await call(petra, 'POST', `/hours/${checkInHours}/confirm`)).json().status, 'confirmed');

    const edge = await t.db
      .selectFrom('interaction')
      .select(['area', 'kind', 'a_id', 'b_id'])
      .where('source_type', '=', 'hours_entry')
      .where('source_id', '=', reading)
      .executeTakeFirstOrThrow();
    assert.deepEqual(edge, {
      area: 'participation',
      kind: 'volunteering',
      a_id: jonas.id,
      b_id: diakonie.id,
    });
    const told = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', jonas.id)
      .where('kind', 'in', ['hours.confirmed', 'hours.rejected'])
      .execute();
    assert.equal(told.length, 3);

    const history = (await call(jonas, 'GET', '/hours?limit=50')).json();
    assert.equal(history.total, 4);
    assert.deepEqual(
      history.items
        .map((h: { organisation: { name: string }; status: string }) => [h.organisation.name, h.status])
        .sort(),
      [
        ['Diakonie Nord', 'confirmed'],
        ['Diakonie Nord', 'rejected'],
        ['Nachbarschaftszentrum Süd', 'confirmed'],
        ['Nachbarschaftszentrum Süd', 'pending'],
      ],
    );
    assert.deepEqual((await call(nosy, 'GET', '/hours')).json().items, []);
  });

  test('the certificate lists exactly the confirmed activities, with exact totals, as JSON, a page and a PDF', async () => {
    const json = (await call(jonas, 'GET', '/hours/certificate')).json();
    assert.equal(json.person.name, 'Jonas Yılmaz');
    assert.deepEqual(
      json.entries.map((e: { activity: string; organisationName: string; minutes: number }) => [
        e.activity,
        e.organisationName,
        e.minutes,
      ]),
      [
        ['Vorlesen im Seniorenheim', 'Diakonie Nord', 100],
        ['Flyer verteilen', 'Nachbarschaftszentrum Süd', 90],
      ],
      'oldest first',
    );
    assert.equal(json.totalMinutes, 190);
    assert.deepEqual(
      json.organisations.map((o: { name: string; minutes: number }) => [o.name, o.minutes]),
      [
        ['Diakonie Nord', 100],
        ['Nachbarschaftszentrum Süd', 90],
      ],
    );

    const html = await call(jonas, 'GET', '/hours/certificate.html');
    assert.equal(html.statusCode, 200);
    assert.match(html.headers['content-type'] as string, /text\/html/);
    assert.ok(html.body.includes('Ehrenamtsnachweis'));
    assert.ok(html.body.includes('Vorlesen im Seniorenheim'));
    assert.ok(html.body.includes('Nachbarschaftszentrum Süd'));
    assert.ok(html.body.includes('3:10'), 'total 190 minutes = 3:10');
    assert.ok(!html.body.includes('Erfundene Tätigkeit'), 'a rejected entry never appears');
    assert.ok(!html.body.includes('Noch offen'), 'a pending entry never appears');

    const english = await t.app.inject({
      url: '/api/v1/hours/certificate.html',
      headers: { ...jonas.headers, 'accept-language': 'en' },
    });
    assert.ok(english.body.includes('Volunteer certificate'));

    const pdf = await call(jonas, 'GET', '/hours/certificate.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(pdf.rawPayload);
    assert.ok(text.includes('Ehrenamtsnachweis'), text);
    assert.ok(text.includes('Vorlesen im Seniorenheim'));
    assert.ok(text.includes('Nachbarschaftszentrum Süd'));
    assert.ok(
      text.includes('Jonas Yilmaz'),
      'letters outside the PDF font lose their accent, not the document',
    );
    assert.ok(text.includes('3:10'));
    assert.ok(!text.includes('Erfundene'));
    assert.ok(!text.includes('Noch offen'));

    assert.equal((await call(null, 'GET', '/hours/certificate.pdf')).statusCode, 401);
    const empty = (await call(nosy, 'GET', '/hours/certificate')).json();
    assert.deepEqual([empty.entries, empty.totalMinutes], [[], 0]);
  });

  test('time credits per confirmed hour: set by the organisation’s admins, paid once from its account', async () => {
    assert.equal(
      (await call(petra, 'PUT', `/hours/settings/${centre.id}`, { creditMinutesPerHour: 60 })).statusCode,
      403,
    );
    assert.equal(
      (await call(centreAdmin, 'PUT', `/hours/settings/${centre.id}`, { creditMinutesPerHour: 999 }))
        .statusCode,
      400,
    );
    const set = await call(centreAdmin, 'PUT', `/hours/settings/${centre.id}`, { creditMinutesPerHour: 60 });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal((await call(petra, 'GET', `/hours/settings/${centre.id}`)).json().creditMinutesPerHour, 60);

    const id = await log(jonas, {
      organisationId: centre.id,
      activity: 'Garten pflegen',
      date: '2026-11-01',
      minutes: 150,
    });
    const [a, b] = await Promise.all([
      call(petra, 'POST', `/hours/${id}/confirm`),
      call(centreAdmin, 'POST', `/hours/${id}/confirm`),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const confirmed = (await call(jonas, 'GET', `/hours/${id}`)).json();
    assert.equal(confirmed.creditMinutes, 150);
    const transfers = await t.db
      .selectFrom('timebank_transfer')
      .select(['minutes', 'status', 'idempotency_key'])
      .where('idempotency_key', '=', `hours-${id}`)
      .execute();
    assert.deepEqual(transfers, [{ minutes: 150, status: 'completed', idempotency_key: `hours-${id}` }]);
    const balance = await t.db
      .selectFrom('timebank_account')
      .select('balance')
      .where('person_id', '=', jonas.id)
      .executeTakeFirstOrThrow();
    assert.equal(balance.balance, 150);
  });
});
