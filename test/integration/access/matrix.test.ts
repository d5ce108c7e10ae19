import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import type { Case } from './cases.ts';
import { generatedMarker, permissions, renderGrid } from './permissions.ts';
import { buildTown, type Method, roles, type Town } from './town.ts';

/**
 * The access-control matrix over the whole API: every operation of the OpenAPI document is either in
 * permissions.ts (here) or in the support circles' own matrix (../circles-authz.test.ts); a route in
 * neither, or a listed route that no longer exists, fails the first test. The second sends every
 * listed request as every role of the town and compares the answer with the table.
 */

/** 'GET /api/v1/bookings/{id}' → 'GET /bookings/{id}'; the collection root loses its slash. */
const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/(.)\/$/, '$1')}`;

/** The routes the circles matrix lists, read from its table ('GET /:id/needs' → 'GET /circles/{id}/needs'). */
function circleMatrixRoutes(): string[] {
  const source = readFileSync(new URL('../circles-authz.test.ts', import.meta.url), 'utf8');
  const table = source.slice(source.indexOf('const matrix'), source.indexOf('\ndescribe('));
  return [...table.matchAll(/^ {2}'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)': \{/gm)].map(([, method, path]) =>
    routeKey(method!, `/circles${path!.replace(/:(\w+)/g, '{$1}')}`),
  );
}

describe('access control: every route × every role (permissions.ts)', () => {
  let t: TestApp;
  let town: Town;
  let documented: { key: string; tags: string[] }[];

  before(async () => {
    t = await createTestApp();
    town = await buildTown(t);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: routeKey(method, path), tags: op.tags ?? [] })),
    );
  });
  after(() => t.close());

  test('every route of the OpenAPI document is in one of the two matrices, and every listed route exists', () => {
    const circles = circleMatrixRoutes();
    const keys = documented.map((d) => d.key);
    assert.ok(keys.length >= 180, `only ${keys.length} operations documented`);
    assert.ok(circles.length >= 40, `read only ${circles.length} routes from the circles matrix`);
    assert.deepEqual(
      keys.filter((k) => !(k in permissions) && !circles.includes(k)),
      [],
      'routes in neither matrix',
    );
    assert.deepEqual(
      [...Object.keys(permissions), ...circles].filter((k) => !keys.includes(k)),
      [],
      'listed routes that do not exist',
    );
    assert.deepEqual(
      Object.keys(permissions).filter((k) => documented.find((d) => d.key === k)?.tags.includes('circles')),
      [],
      'circle routes belong in the circles matrix',
    );
  });

  test('docs/ACCESS.md shows the table as it is', () => {
    const file = new URL('../../../docs/ACCESS.md', import.meta.url);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(generatedMarker);
    assert.ok(at >= 0, `docs/ACCESS.md lacks the line ${generatedMarker}`);
    const written = text.slice(0, at + generatedMarker.length);
    if (process.env.UPDATE_ACCESS_GRID === '1') writeFileSync(file, `${written}\n\n${renderGrid()}`);
    assert.equal(
      readFileSync(file, 'utf8').slice(written.length),
      `\n\n${renderGrid()}`,
      'docs/ACCESS.md is out of date: run UPDATE_ACCESS_GRID=1 npx node --test test/integration/access/matrix.test.ts',
    );
  });

  test('each role gets exactly what the table allows, and private things answer 404 to outsiders', async () => {
    const unexpected: string[] = [];
    for (const [route, spec] of Object.entries(permissions)) {
      const [method] = route.split(' ') as [Method];
      for (const c of ([] as Case[]).concat(spec)) {
        const label = c.when ? `${route} (${c.when})` : route;
        for (const role of roles) {
          const user = c.session === 'spare' ? await town.spareSession(role) : town.userOf(role);
          const r = await c.request(town, role);
          const res = await town.call(user, { method, ...r });
          if (c.session === 'renew') await town.renewSessions();
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          const expected = c.allowed.includes(role);
          const said = `${res.statusCode} ${res.body.slice(0, 160)}`;
          if (ok !== expected) {
            unexpected.push(`${label} as ${role}: ${expected ? 'refused' : 'allowed'} — ${said}`);
          } else if (!ok) {
            // a private thing answers 404 to whoever may not know it exists, exactly like a missing one
            const mayKnow = c.seenBy === undefined || c.seenBy.includes(role);
            const fine =
              role === 'anonymous' ? [401, 404] : (c.refusal ?? (mayKnow ? [403, 404, 409] : [404]));
            if (!fine.includes(res.statusCode))
              unexpected.push(`${label} as ${role}: expected ${fine.join('/')} — ${said}`);
          }
        }
      }
    }
    assert.deepEqual(unexpected, []);
  });
});
