import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * "Me too" keeps support_count exact however many press at once (PostgreSQL, real parallel
 * connections): the count always equals the rows, each person counts once, and a status change in
 * the middle of it all neither loses a press nor is lost.
 */
describe('map reports: "me too" pressed by many at once (PostgreSQL)', () => {
  let t: TestApp;
  let author: TestUser;
  let people: TestUser[];
  let staff: TestUser;

  const call = (user: TestUser, method: 'PUT' | 'DELETE' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/map-reports${url}`,
      headers: user.headers,
      ...(payload ? { payload } : {}),
    });

  async function counts(id: string) {
    const report = await t.db
      .selectFrom('map_report')
      .select('support_count')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const rows = await t.db
      .selectFrom('map_report_support')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow();
    return { count: report.support_count, rows: Number(rows.n) };
  }

  before(async () => {
    t = await createPostgresTestApp();
    const town = await createOrganisation(t, { kind: 'public_body' });
    author = await createUser(t, { displayName: 'Margarete M.' });
    staff = await createUser(t, { memberOf: [[town.id, 'staff']] });
    people = [];
    for (let i = 0; i < 30; i++) people.push(await createUser(t));
  });
  after(() => t.close());

  async function fileReport() {
    const r = await call(author, 'POST', '', {
      kind: 'defect',
      category: 'accessibility',
      title: 'Aufzug an der Haltestelle kaputt',
      lat: 51.3,
      lng: 9.5,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }

  test('30 people, each pressing twice at once: 30 rows, count 30', async () => {
    const id = await fileReport();
    const results = await Promise.all([...people, ...people].map((p) => call(p, 'PUT', `/${id}/support`)));
    assert.ok(
      results.every((r) => r.statusCode === 200),
      results.map((r) => r.statusCode).join(),
    );
    assert.deepEqual(await counts(id), { count: 30, rows: 30 });
  });

  test('pressing and taking back at once, with a status change in between: count equals rows', async () => {
    const id = await fileReport();
    // the first half already supports it
    await Promise.all(people.slice(0, 15).map((p) => call(p, 'PUT', `/${id}/support`)));
    const results = await Promise.all([
      // the first half take it back (some twice), the second half press (some twice)
      ...people.slice(0, 15).map((p) => call(p, 'DELETE', `/${id}/support`)),
      ...people.slice(0, 5).map((p) => call(p, 'DELETE', `/${id}/support`)),
      ...people.slice(15).map((p) => call(p, 'PUT', `/${id}/support`)),
      ...people.slice(25).map((p) => call(p, 'PUT', `/${id}/support`)),
      call(staff, 'POST', `/${id}/status`, { status: 'confirmed', reason: 'Geprüft: der Aufzug steht.' }),
    ]);
    assert.ok(
      results.every((r) => r.statusCode === 200),
      results.map((r) => `${r.statusCode}`).join(),
    );
    assert.deepEqual(await counts(id), { count: 15, rows: 15 });
  });
});
