import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import Fastify, { type InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { errorHandler } from '../../server/http/errors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { blankPng } from '../helpers/images.ts';
import { circleWithEveryRole, multipartBody, someClient } from './circles-fixture.ts';
import { snapshot } from './helpers.ts';

/** Bad input of every kind is a 4xx problem+json, never a 500, and writes nothing. */
describe('HTTP robustness', () => {
  let t: TestApp;
  let admin: TestUser;
  let orgId: string;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    orgId = (await createOrganisation(t)).id;
  });
  after(() => t.close());

  async function orgCount() {
    const r = await t.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  }

  const valid = {
    name: 'Neue Initiative',
    slug: 'neue-initiative',
    kind: 'initiative',
    sector: 'civil_society',
  };

  const cases: [string, { payload: InjectOptions['payload']; headers?: Record<string, string> }][] = [
    ['malformed JSON', { payload: '{"name": ', headers: { 'content-type': 'application/json' } }],
    ['empty JSON body', { payload: '', headers: { 'content-type': 'application/json' } }],
    ['wrong type', { payload: { ...valid, name: 42 } }],
    ['unknown field', { payload: { ...valid, isAdmin: true } }],
    ['missing field', { payload: { name: 'Nur Name' } }],
    ['bad enum', { payload: { ...valid, sector: 'mafia' } }],
    ['too long', { payload: { ...valid, name: 'x'.repeat(500) } }],
    [
      'oversize body',
      {
        payload: JSON.stringify({ ...valid, description: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      },
    ],
    ['form encoded', { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['an array instead of an object', { payload: [valid] }],
  ];

  for (const [name, c] of cases) {
    test(`${name} → 4xx problem, nothing written`, async () => {
      const before = await orgCount();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: c.payload,
        headers: { ...admin.headers, ...c.headers },
      });
      assert.ok(
        res.statusCode >= 400 && res.statusCode < 500,
        `${name}: got ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(res.json().title.length > 0);
      assert.equal(await orgCount(), before);
    });
  }

  test('validation errors name the field in the user language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...admin.headers, 'accept-language': 'en-GB,en;q=0.9' },
      payload: { ...valid, extra: 1 },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].field, '/extra');
    assert.match(res.json().errors[0].message, /not expected/);
  });

  test('bad ids are a 4xx, never 500', async () => {
    for (const url of [
      '/api/v1/organisations/not-a-uuid-!!',
      `/api/v1/organisations/${'a'.repeat(300)}`,
      '/api/v1/organisations/00000000-0000-0000-0000-000000000000',
    ]) {
      const res = await t.app.inject({ url });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisations/123',
      headers: admin.headers,
      payload: { name: 'Neu' },
    });
    assert.equal(patch.statusCode, 400);
    const member = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${orgId}/members/xyz`,
      headers: admin.headers,
      payload: { role: 'staff' },
    });
    assert.equal(member.statusCode, 400);
  });

  test('unknown API routes answer 404 problem+json; health and OpenAPI answer', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /problem\+json/);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/readyz' })).json().status, 'ready');
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(doc.json().openapi, '3.1.0');
    assert.ok(Object.keys(doc.json().paths).includes('/api/v1/organisations/'));
  });
});

/**
 * Row contents of every table but those a refused request may touch (audit of reads, sessions seen,
 * and on PostgreSQL the rate limit's count of every API request).
 */
async function contents(t: TestApp) {
  const all = await snapshot(t.db);
  for (const table of ['audit_log', 'session', 'auth_failure', 'circle_access_log', 'rate_limit_hit'])
    delete all[table];
  return all;
}

const nul = 'Vor\u0000nach';

describe('bad input that reached the database', () => {
  let t: TestApp;
  let staff: TestUser;
  let circle: Awaited<ReturnType<typeof circleWithEveryRole>>;
  let updateId: string;
  let resourceId: string;
  let pageId: string;

  const send = (
    user: TestUser | null,
    method: InjectOptions['method'],
    url: string,
    opts: InjectOptions = {},
  ) =>
    t.app.inject({
      ...opts,
      method,
      url: `/api/v1${url}`,
      remoteAddress: someClient(),
      headers: { ...(user?.headers ?? {}), ...(opts.headers ?? {}) },
    });

  before(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t);
    staff = await createUser(t, { memberOf: [[org.id, 'staff']] });
    circle = await circleWithEveryRole(t);
    const update = await send(circle.coordinator, 'POST', `/circles/${circle.circleId}/updates`, {
      payload: { body: 'Heute war ein guter Tag.', visibility: 'all_members' },
    });
    assert.equal(update.statusCode, 201, update.body);
    updateId = update.json().id;
    const resource = await send(staff, 'POST', '/resources', {
      payload: { kind: 'equipment', title: 'Lastenrad', lat: 51.34, lng: 12.37 },
    });
    assert.equal(resource.statusCode, 201, resource.body);
    resourceId = resource.json().id;
    const page = await send(staff, 'POST', '/playbook/pages', {
      payload: { title: 'Erste Schritte', body: 'So fangen wir an.' },
    });
    assert.equal(page.statusCode, 201, page.body);
    pageId = page.json().pageId;
  });
  after(() => t.close());

  /** A refused request: the status, the problem's code, and nothing written. */
  async function refused(
    res: () => Promise<Awaited<ReturnType<typeof send>>>,
    status: number,
    code: string,
  ): Promise<{ title: string; errors?: { field: string; message: string }[] }> {
    const before = await contents(t);
    const r = await res();
    assert.equal(r.statusCode, status, r.body);
    assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    assert.equal(r.json().code, code);
    assert.deepEqual(await contents(t), before, 'nothing written');
    return r.json();
  }

  test('a NUL character in a text field is a 400 naming the field, in German and in English', async () => {
    const cases: [TestUser, InjectOptions['method'], string, object, string][] = [
      [staff, 'PATCH', '/me', { displayName: nul }, '/displayName'],
      [staff, 'PATCH', '/me', { skills: ['Kochen', nul] }, '/skills/1'],
      [staff, 'POST', '/exchange/posts', { kind: 'offer', category: 'help', title: nul }, '/title'],
      [
        staff,
        'POST',
        '/exchange/posts',
        { kind: 'offer', category: 'help', title: 'Einkaufshilfe', description: nul },
        '/description',
      ],
      [staff, 'POST', '/playbook/pages', { title: 'Zweite Seite', body: nul }, '/body'],
      [staff, 'PUT', `/playbook/pages/${pageId}`, { title: nul, body: 'x', baseRevision: 1 }, '/title'],
      [
        circle.coordinator,
        'POST',
        `/circles/${circle.circleId}/updates`,
        { body: nul, visibility: 'all_members' },
        '/body',
      ],
      [
        circle.coordinator,
        'POST',
        `/circles/${circle.circleId}/updates/${updateId}/comments`,
        { body: nul },
        '/body',
      ],
      [staff, 'POST', '/organisations', { [nul]: 1 }, `/${nul}`],
    ];
    for (const [user, method, url, payload, field] of cases) {
      const de = await refused(() => send(user, method, url, { payload }), 400, 'validation');
      assert.deepEqual(
        de.errors,
        [{ field, message: 'Dieser Wert enthält ein unzulässiges Steuerzeichen (NUL).' }],
        `${method} ${url}`,
      );
      const en = await send(user, method, url, { payload, headers: { 'accept-language': 'en' } });
      assert.equal(en.json().errors[0].message, 'This value contains a character that is not allowed (NUL).');
    }
  });

  test('a NUL character in the query or the path is a 400 too', async () => {
    const q = await refused(() => send(staff, 'GET', '/search?q=a%00b'), 400, 'validation');
    assert.deepEqual(q.errors?.[0]?.field, 'querystring:/q');
    const path = await refused(() => send(staff, 'GET', '/organisations/a%00b'), 400, 'validation');
    assert.deepEqual(path.errors?.[0]?.field, 'params:/id');
  });

  test('PostgreSQL refusing a NUL (22021) or a \\u0000 in jsonb (22P05) is a 400, not a 500', async () => {
    const bare = Fastify({ logger: false });
    bare.setErrorHandler(errorHandler);
    bare.get('/text', async () => (await sql`SELECT ${nul}::text AS x`.execute(t.db)).rows);
    bare.get(
      '/jsonb',
      async () => (await sql`SELECT ${JSON.stringify({ a: nul })}::jsonb AS x`.execute(t.db)).rows,
    );
    try {
      for (const url of ['/text', '/jsonb']) {
        const res = await bare.inject({ url });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.equal(res.json().code, 'bad_request');
      }
    } finally {
      await bare.close();
    }
  });

  test('a broken multipart body is a 400 on resource photos and circle attachments', async () => {
    const boundary = 'kp-broken';
    const broken: [string, string | Buffer][] = [
      ['multipart/form-data', `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx\r\n`],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx`,
      ],
      [`multipart/form-data; boundary=${boundary}`, 'kein multipart'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG`,
      ],
    ];
    const routes: [TestUser, string][] = [
      [staff, `/resources/${resourceId}/photos`],
      [circle.coordinator, `/circles/${circle.circleId}/updates/${updateId}/attachments`],
    ];
    for (const [user, url] of routes)
      for (const [contentType, payload] of broken) {
        const p = await refused(
          () => send(user, 'POST', url, { payload, headers: { 'content-type': contentType } }),
          400,
          'upload.malformed',
        );
        assert.match(p.title, /unvollständig oder fehlerhaft/);
      }
  });

  test('an image description longer than 300 characters is refused, one of 300 is kept whole', async () => {
    const png = { bytes: blankPng(40, 30), filename: 'bild.png', type: 'image/png' };
    const routes: [TestUser, string][] = [
      [staff, `/resources/${resourceId}/photos`],
      [circle.coordinator, `/circles/${circle.circleId}/updates/${updateId}/attachments`],
    ];
    for (const [user, url] of routes) {
      for (const alt of ['x'.repeat(301), 'x'.repeat(1024 * 1024)]) {
        const body = multipartBody({ alt }, png);
        const p = await refused(
          () =>
            send(user, 'POST', url, { payload: body.payload, headers: { 'content-type': body.contentType } }),
          400,
          'validation',
        );
        assert.deepEqual(p.errors, [{ field: '/alt', message: 'Bitte höchstens 300 Zeichen eingeben.' }]);
      }
      const extra = multipartBody({ alt: 'Ein Bild', caption: 'mehr' }, png);
      const unknown = await refused(
        () =>
          send(user, 'POST', url, { payload: extra.payload, headers: { 'content-type': extra.contentType } }),
        400,
        'validation',
      );
      assert.equal(unknown.errors?.[0]?.field, '/caption');
      // 300 characters of four bytes each: within the limit, so stored as sent
      const alt = '🚲'.repeat(300);
      const ok = multipartBody({ alt }, png);
      const res = await send(user, 'POST', url, {
        payload: ok.payload,
        headers: { 'content-type': ok.contentType },
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().alt, alt);
    }
  });

  test('a null body does not take a network-map snapshot; no body or {} takes an untitled one', async () => {
    const url = `/circles/${circle.circleId}/map/snapshots`;
    const json = { 'content-type': 'application/json' };
    await refused(
      () => send(circle.coordinator, 'POST', url, { payload: 'null', headers: json }),
      400,
      'validation',
    );
    await refused(
      () => send(circle.coordinator, 'POST', url, { payload: '[]', headers: json }),
      400,
      'validation',
    );
    for (const opts of [{}, { payload: {} }, { payload: '', headers: json }]) {
      const res = await send(circle.coordinator, 'POST', url, opts);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().title, '');
    }
  });

  test('a body sent to an endpoint that takes none is refused; none, an empty one or {} is fine', async () => {
    const doomed = await send(staff, 'POST', '/resources', {
      payload: { kind: 'equipment', title: 'Bohrmaschine', lat: 51.34, lng: 12.37 },
    });
    const url = `/resources/${doomed.json().id}`;
    const json = { 'content-type': 'application/json' };
    for (const payload of ['null', '{"force":true}', '[]', '"weg"', '0']) {
      const p = await refused(
        () => send(staff, 'DELETE', url, { payload, headers: json }),
        400,
        'body.unexpected',
      );
      assert.equal(p.title, 'Diese Anfrage nimmt keinen Inhalt entgegen. Bitte senden Sie sie ohne Inhalt.');
    }
    await refused(
      () => send(staff, 'DELETE', url, { payload: 'weg', headers: { 'content-type': 'text/plain' } }),
      400,
      'body.unexpected',
    );
    const en = await send(staff, 'POST', '/notifications/read-all', {
      payload: { all: true },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 400);
    assert.equal(en.json().title, 'This request takes no content. Please send it without a body.');
    // what clients send when there is nothing to say: accepted
    assert.equal(
      (await send(staff, 'POST', '/notifications/read-all', { payload: '', headers: json })).statusCode,
      204,
    );
    assert.equal((await send(staff, 'POST', '/notifications/read-all', { payload: {} })).statusCode, 204);
    assert.equal((await send(staff, 'DELETE', url, { payload: '', headers: json })).statusCode, 204);
  });
});

describe('oversized bodies over a real connection', () => {
  let t: TestApp;
  let user: TestUser;
  let port: number;
  before(async () => {
    t = await createTestApp();
    user = await createUser(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(() => t.close());

  /**
   * Sends the whole request before reading anything, as many simple clients do, and returns the raw
   * answer. A server that closes the connection with the body still unread resets it, and such a
   * client sees no answer at all.
   */
  function sendAllThenRead(method: string, path: string, body: Buffer, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.pause();
      const chunks: Buffer[] = [];
      socket.on('error', reject);
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head = '', rest = ''] = text.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: rest });
      });
      const lines = Object.entries({
        host: 'localhost',
        'content-length': String(body.length),
        connection: 'close',
        ...headers,
      }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      socket.write(body, () => socket.resume());
    });
  }

  const big = (n: number) => Buffer.from(JSON.stringify({ displayName: 'x'.repeat(n) }));
  for (const [label, body] of [
    ['a 1 MB string in a JSON field', big(1024 * 1024)],
    ['a 10 MB body', big(10 * 1024 * 1024)],
  ] as const)
    for (const [method, path, signedIn] of [
      ['POST', '/api/v1/session', false],
      ['POST', '/api/v1/organisations', true],
      ['PATCH', '/api/v1/me', true],
    ] as const)
      test(`${label} to ${method} ${path} is answered 413 problem+json`, async () => {
        const res = await sendAllThenRead(method, path, body, {
          'content-type': 'application/json',
          ...(signedIn ? user.headers : {}),
        });
        assert.equal(res.status, 413);
        assert.match(res.headers, /content-type: application\/problem\+json/);
        assert.deepEqual(JSON.parse(res.body), {
          type: 'about:blank#body_too_large',
          title: 'Die Anfrage ist zu groß.',
          status: 413,
          code: 'body_too_large',
        });
      });

  test('the answer is in English when asked, and the server goes on serving', async () => {
    const res = await sendAllThenRead('POST', '/api/v1/session', big(10 * 1024 * 1024), {
      'content-type': 'application/json',
      'accept-language': 'en',
    });
    assert.equal(JSON.parse(res.body).title, 'The request is too large.');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
  });
});
