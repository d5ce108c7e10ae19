import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/**
 * Fuzzing generated from the OpenAPI document: every operation gets malformed, oversized and
 * unexpected requests, anonymous and as an instance admin. Nothing may answer 5xx, and requests
 * that were rejected may not have written anything.
 */

interface Operation {
  method: string;
  path: string;
  params: string[];
  hasBody: boolean;
}

const runs = Number(process.env.FUZZ_RUNS ?? 400);

// Tables that a rejected request may legitimately touch: throttling counts failed sign-ins.
const allowedWrites = new Set(['auth_failure']);

describe('API fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let admin: TestUser;
  let ops: Operation[];
  let realIds: string[];

  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    const org = await createOrganisation(t);
    realIds = [org.id, admin.id];
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
      >;
    };
    ops = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        ops.push({
          method: method.toUpperCase(),
          path,
          params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          hasBody: Boolean(op.requestBody),
        });
      }
    }
  });
  after(() => t.close());

  let countQuery: ReturnType<typeof sql.raw> | undefined;
  /** Row count of every application table, in one query. */
  async function tableCounts(): Promise<Record<string, number>> {
    if (!countQuery) {
      const tables = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
        ORDER BY table_name`.execute(t.db);
      countQuery = sql.raw(
        tables.rows
          .filter((r) => !allowedWrites.has(r.table_name))
          .map((r) => `SELECT '${r.table_name}' AS t, count(*)::int AS n FROM "${r.table_name}"`)
          .join(' UNION ALL '),
      );
    }
    const r = await (countQuery as ReturnType<typeof sql<{ t: string; n: number }>>).execute(t.db);
    return Object.fromEntries(r.rows.map((row) => [row.t, row.n]));
  }

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
          const before = await tableCounts();
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: { ...(asAdmin ? admin.headers : {}), 'content-type': 'application/json' },
            ...(op.hasBody || op.method !== 'GET' ? { payload } : {}),
          });
          if (res.statusCode >= 500)
            failures.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400) {
            const afterCounts = await tableCounts();
            delete before.audit_log; // reads by admins are audited by design
            delete afterCounts.audit_log;
            if (JSON.stringify(afterCounts) !== JSON.stringify(before)) {
              failures.push(`${op.method} ${url} → ${res.statusCode} but wrote rows`);
            }
          }
          return res.statusCode < 500;
        },
      ),
      { numRuns: runs, seed: 20261125, endOnFailure: true },
    );
    assert.deepEqual(failures, []);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
  });
});
