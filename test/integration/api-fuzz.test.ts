import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifySchemaCompiler } from 'fastify';
import { createSession, sessionCookie } from '../../server/auth/sessions.ts';
import { validatorCompiler } from '../../server/http/validation.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import {
  changedTables,
  fixed,
  type JsonSchema,
  type Operation,
  type Owned,
  operationsOf,
  ownedThings,
  pointer,
  put,
  sameState,
  sample,
  stringFields,
  tableStates,
  urlOf as urlOfOp,
} from '../helpers/openapi.ts';

/**
 * Fuzzing generated from the OpenAPI document: every operation gets malformed, oversized and
 * unexpected requests, anonymous and as an instance admin. Nothing may answer 5xx, and requests
 * that were rejected may not have written anything. Besides the random requests, every string the
 * document describes (in a body, the query or the path) is sent one character over its maximum,
 * as 1 MB and with a NUL character; every operation that changes something gets a `null` body and
 * broken multipart bodies — all with ids of things that exist and may be changed by the sender, so
 * the request gets as far as it can.
 */

/** Whether a string is bounded: a maximum length, a fixed set of values, a fixed format or pattern. */
function bounded(s: JsonSchema): boolean {
  if (s.maxLength !== undefined || fixed(s)) return true;
  if (s.format === 'uuid' || s.format === 'date' || s.format === 'date-time') return true;
  // anchored and without unbounded repetition ("*", "+", "{n,}"), so no longer than its parts
  return Boolean(
    s.pattern && /^\^/.test(s.pattern) && /\$$/.test(s.pattern) && !/[*+]|\{\d+,\}/.test(s.pattern),
  );
}

const runs = Number(process.env.FUZZ_RUNS ?? 400);

describe('API fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let admin: TestUser;
  let ops: Operation[];
  let realIds: string[];
  /** Things the admin may change, by the path parameter that names them. */
  let owned: Owned;

  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    ({ owned, realIds } = await ownedThings(t, admin));
    ops = await operationsOf(t.app);
  });
  after(() => t.close());

  let clients = 0;
  /** A client address of its own per request: the rate limit is not what these requests test. */
  const someClient = () => {
    clients++;
    return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
  };

  const urlOf = (op: Operation, replace: Record<string, string> = {}, query: Record<string, string> = {}) =>
    urlOfOp(owned, op, replace, query);

  /**
   * Sends one request as the admin and checks it: no 5xx, refused (4xx), and nothing written.
   * Returns the answer for closer checks, or a failure message.
   */
  async function mustRefuse(
    op: Operation,
    url: string,
    payload: string | Buffer | undefined,
    contentType = 'application/json',
  ): Promise<{ status: number; json: () => { errors?: { field: string }[] }; failure?: string }> {
    const before = await tableState();
    const res = await t.app.inject({
      method: op.method as 'GET',
      url,
      remoteAddress: someClient(),
      headers: { ...admin.headers, ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });
    const what = `${op.method} ${url.slice(0, 120)} ${String(payload ?? '').slice(0, 60)}`;
    let failure: string | undefined;
    if (res.statusCode >= 500) failure = `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`;
    else if (res.statusCode < 400) failure = `${what} → ${res.statusCode}: accepted`;
    else {
      const after = await tableState();
      if (!sameState(before, after))
        failure = `${what} → ${res.statusCode} but wrote rows (${changedTables(before, after)})`;
    }
    return { status: res.statusCode, json: () => res.json(), ...(failure ? { failure } : {}) };
  }

  let tableStateOf: ReturnType<typeof tableStates> | undefined;
  /** Row count and a digest of the rows of every application table (test/helpers/openapi.ts). */
  const tableState = () => {
    tableStateOf ??= tableStates(t.db);
    return tableStateOf();
  };

  test('the document lists the API', () => {
    assert.ok(ops.length >= 30, `only ${ops.length} operations`);
  });

  const junkValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant('x'.repeat(5000)),
    fc.constant('\u0000'),
    fc.constant("'; DROP TABLE account; --"),
    fc.constant('../../etc/passwd'),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );
  const pathValue = fc.oneof(
    fc.string({ maxLength: 50 }).map((s) => encodeURIComponent(s) || 'x'),
    fc.uuid(),
    fc.constant('00000000-0000-0000-0000-000000000000'),
    fc.constant('%00'),
    fc.constant('a'.repeat(250)),
  );
  const body = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 20 }), junkValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 200 }),
    fc.constant('{"a":'),
    fc.constant('[]'),
    fc.constant('null'),
    fc.constant('"text"'),
    fc.constant(JSON.stringify({ email: 'x@example.org', password: 'y', name: 'Z', token: 'a'.repeat(43) })),
  );

  test(`${runs} random malformed requests: no 5xx, and nothing written by rejected ones`, async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        body,
        fc.boolean(),
        fc.boolean(),
        fc.dictionary(
          fc.constantFrom('limit', 'offset', 'q', 'status', 'unread', 'type', 'sector'),
          junkValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
          { maxKeys: 3 },
        ),
        async (opIndex, pathValues, payload, asAdmin, useRealId, query) => {
          const op = ops[opIndex % ops.length]!;
          let url = op.path;
          op.params.forEach((p, i) => {
            const v =
              useRealId && i === 0 ? realIds[opIndex % realIds.length]! : pathValues[i % pathValues.length]!;
            url = url.replace(`{${p}}`, v).replace(`:${p}`, v);
          });
          const qs = new URLSearchParams(query).toString();
          const before = await tableState();
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: { ...(asAdmin ? admin.headers : {}), 'content-type': 'application/json' },
            ...(op.hasBody || op.method !== 'GET' ? { payload } : {}),
          });
          if (res.statusCode >= 500)
            failures.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && !sameState(before, await tableState())) {
            failures.push(`${op.method} ${url} → ${res.statusCode} but wrote rows`);
          }
          return res.statusCode < 500;
        },
      ),
      { numRuns: runs, seed: 20261125, endOnFailure: true },
    );
    assert.deepEqual(failures, []);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    // Some random requests are accepted, and one of them may end the admin's session (a sign-out,
    // "everywhere", a block of the real id): which ones depends on how many operations the API has.
    // The tests after this one send every request as the admin, so the admin gets a new session.
    await t.db.updateTable('account').set({ blocked_at: null }).where('id', '=', admin.id).execute();
    const s = await createSession(t.db, t.networkId, admin.id, 'test');
    admin = { ...admin, headers: { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken } };
  });

  test('every string a request takes has a maximum length', () => {
    const unbounded: string[] = [];
    for (const op of ops) {
      for (const p of op.parameters)
        for (const f of stringFields(p.schema))
          if (!bounded(f.schema)) unbounded.push(`${op.method} ${op.path} ${p.in}:${p.name}`);
      for (const f of op.body ? stringFields(op.body) : [])
        if (!bounded(f.schema)) unbounded.push(`${op.method} ${op.path} body ${pointer(f.path)}`);
    }
    assert.deepEqual(unbounded, []);
  });

  const megabyte = 'x'.repeat(1024 * 1024);
  const nul = 'a\u0000b';

  test('every string field: one character too many, 1 MB or a NUL character is refused, nothing written', async (ctx) => {
    const failures: string[] = [];
    let sent = 0;
    let named = 0;
    const check = (r: Awaited<ReturnType<typeof mustRefuse>>, field?: string) => {
      sent++;
      if (r.failure) failures.push(r.failure);
      else if (field !== undefined) {
        // the answer names the field, when nothing else in the request was wrong
        const fields = r.status === 400 ? (r.json().errors ?? []).map((e) => e.field) : [];
        if (fields.includes(field)) named++;
        else failures.push(`${field}: ${r.status} named ${JSON.stringify(fields)}`);
      }
    };
    for (const op of ops) {
      const validate = op.body
        ? (validatorCompiler as FastifySchemaCompiler<object>)({
            schema: op.body,
            method: op.method,
            url: op.path,
            httpPart: 'body',
          })
        : undefined;
      for (const f of op.body ? stringFields(op.body) : []) {
        const base = sample(op.body!);
        const at = pointer(f.path);
        const body = (v: string) => JSON.stringify(put(op.body!, base, f.path, v));
        // a body that is valid but for this field: then the refusal must name it
        const valid = validate!(structuredClone(put(op.body!, base, f.path, sample(f.schema)))) === true;
        if (f.schema.maxLength !== undefined)
          check(
            await mustRefuse(op, urlOf(op), body('x'.repeat(f.schema.maxLength + 1))),
            valid ? at : undefined,
          );
        check(await mustRefuse(op, urlOf(op), body(megabyte)));
        check(await mustRefuse(op, urlOf(op), body(nul)), at);
      }
      const valid = op.body ? JSON.stringify(sample(op.body)) : op.method === 'GET' ? undefined : '';
      for (const p of op.parameters) {
        for (const f of stringFields(p.schema)) {
          const where = p.in === 'path' ? 'params' : 'querystring';
          const url = (v: string) =>
            p.in === 'path' ? urlOf(op, { [p.name]: encodeURIComponent(v) }) : urlOf(op, {}, { [p.name]: v });
          if (f.schema.maxLength !== undefined)
            check(await mustRefuse(op, url('x'.repeat(f.schema.maxLength + 1)), valid));
          // a path parameter of 1 MB finds no route (404); the query is validated
          check(await mustRefuse(op, url(megabyte), valid));
          check(await mustRefuse(op, url(nul), valid), `${where}:/${p.name}`);
        }
      }
    }
    ctx.diagnostic(`${sent} requests, ${named} refusals named their field`);
    assert.deepEqual(failures, []);
    assert.ok(sent > 300, `only ${sent} requests`);
    assert.ok(named > 100, `only ${named} answers named their field`);
  });

  /** Operations that change something, signing out last (accepted, it would end the admin's session). */
  const changing = () =>
    ops
      .filter((o) => o.method !== 'GET')
      .sort((a, b) => Number(a.path.includes('/session')) - Number(b.path.includes('/session')));

  test('a null body to every operation that changes something is refused, nothing written', async () => {
    const failures: string[] = [];
    for (const op of changing()) {
      const r = await mustRefuse(op, urlOf(op), 'null');
      if (r.failure) failures.push(r.failure);
    }
    assert.deepEqual(failures, []);
  });

  test('broken multipart bodies to every operation that changes something: refused, nothing written', async () => {
    const boundary = 'fuzz-boundary';
    const broken: [string, string][] = [
      ['multipart/form-data', `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx\r\n`],
      [`multipart/form-data; boundary=${boundary}`, 'no parts at all'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx`,
      ],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${'x'.repeat(5000)}\r\n--${boundary}--\r\n`,
      ],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG\r\n`,
      ],
    ];
    const failures: string[] = [];
    let uploads = 0;
    for (const op of changing()) {
      const multipart = op.summary.includes('multipart/form-data');
      if (multipart) uploads++;
      for (const [contentType, payload] of broken) {
        const r = await mustRefuse(op, urlOf(op), payload, contentType);
        if (r.failure) failures.push(r.failure);
        // the upload routes get as far as reading the parts, and say what is wrong with them
        else if (multipart && r.status !== 400) failures.push(`${op.method} ${op.path} → ${r.status}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(uploads, 4, 'resource photos, circle attachments, wiki attachments and map report photos');
  });
});
