import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { mapCellHealth } from '../../server/areas/sharing/repositories/resources.ts';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * The map summary (resource_map_cell) under parallel writes on PostgreSQL: resources created,
 * moved, withdrawn and deleted at the same time in the same cell leave its count, sums and
 * smallest id exactly what a fresh count says, and a new map centre (which rebuilds the cells)
 * in the middle of it neither deadlocks nor loses a write.
 */
describe('map summary under parallel writes (PostgreSQL)', () => {
  let t: TestApp;
  let petra: TestUser;
  let admin: TestUser;
  let orgId: string;

  // one base cell at zoom 15 near the Lindenbrück centre (a cell is ~0.0034° × ~0.0021°)
  const inCell = (i: number) => ({ lat: 51.30005 + (i % 7) * 0.0001, lng: 9.48005 + (i % 11) * 0.0001 });
  const elsewhere = (i: number) => ({ lat: 51.31 + (i % 5) * 0.003, lng: 9.5 + (i % 3) * 0.004 });

  const call = (user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, ...(payload ? { payload } : {}) });

  async function create(i: number, at: { lat: number; lng: number }) {
    const r = await call(petra, 'POST', '/resources', {
      organisationId: orgId,
      kind: 'equipment',
      title: `Lastenrad ${i}`,
      ...at,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }

  /** The cell holding the point, and what the summary says of it. */
  async function cellOf(at: { lat: number; lng: number }) {
    const r = await sql<{ n: number | null; one_id: string | null }>`
      SELECT c.n, c.one_id FROM network w
      LEFT JOIN resource_map_cell c ON c.network_id = w.id
        AND c.gx = map_cell(${at.lng}::float8, map_cell_lng(resource_map_base_zoom()))
        AND c.gy = map_cell(${at.lat}::float8, map_cell_lng(resource_map_base_zoom()) * map_lat_factor(w.settings))
      WHERE w.id = ${t.networkId}`.execute(t.db);
    return r.rows[0]!;
  }

  async function assertExact() {
    const h = await mapCellHealth(t.db, t.networkId);
    assert.equal(h.mismatched, 0, `${h.mismatched} of ${h.cells} cells differ from a fresh count`);
  }

  before(async () => {
    t = await createPostgresTestApp();
    orgId = (await createOrganisation(t, { name: 'Radwerkstatt' })).id;
    petra = await createUser(t, { memberOf: [[orgId, 'staff']] });
    admin = await createUser(t, { admin: true });
  });
  after(() => t.close());

  test('40 parallel creations in one cell count 40; then moves, withdrawals, deletions and arrivals at once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => create(i, inCell(i))));
    assert.equal((await cellOf(inCell(0))).n, 40);
    await assertExact();

    // at once: 10 move away, 10 are withdrawn, 10 are deleted outright, 10 new ones arrive
    const results = await Promise.all([
      ...ids.slice(0, 10).map((id, i) => call(petra, 'PATCH', `/resources/${id}`, elsewhere(i))),
      ...ids.slice(10, 20).map((id) => call(petra, 'DELETE', `/resources/${id}`)),
      ...ids.slice(20, 30).map((id) =>
        t.db
          .deleteFrom('resource')
          .where('network_id', '=', t.networkId)
          .where('id', '=', id)
          .execute()
          .then(() => ({ statusCode: 204, body: '' })),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        create(100 + i, inCell(100 + i)).then(() => ({ statusCode: 201, body: '' })),
      ),
    ]);
    for (const r of results) assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    const cell = await cellOf(inCell(0));
    assert.equal(cell.n, 20); // 10 left of the first 40, 10 new
    await assertExact();
  });

  test('the smallest id leaves while smaller and larger ones arrive: the cell names the smallest left', async () => {
    const at = { lat: 51.2801, lng: 9.4601 };
    const insert = (id: string) =>
      t.db
        .insertInto('resource')
        .values({
          network_id: t.networkId,
          id,
          kind: 'room',
          owner_type: 'organisation',
          organisation_id: orgId,
          title: `Raum ${id.slice(0, 8)}`,
          lat: at.lat,
          lng: at.lng,
          public_lat: at.lat,
          public_lng: at.lng,
        })
        .execute();
    for (let i = 0; i < 8; i++) await insert(randomUUID());
    for (let round = 0; round < 15; round++) {
      const before = await cellOf(at);
      assert.ok(before.one_id);
      await Promise.all([
        // the smallest goes, in two ways at once (one of them finds nothing left to do)
        t.db
          .deleteFrom('resource')
          .where('network_id', '=', t.networkId)
          .where('id', '=', before.one_id)
          .execute(),
        t.db
          .updateTable('resource')
          .set({ active: false })
          .where('network_id', '=', t.networkId)
          .where('id', '=', before.one_id)
          .execute(),
        // new ones, some sorting before everything there
        ...Array.from({ length: 3 }, () => insert(randomUUID())),
        insert(`00000000-0000-4000-8000-${String(round).padStart(12, '0')}`),
      ]);
      await assertExact();
    }
    const left = await t.db
      .selectFrom('resource')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('network_id', '=', t.networkId)
      .where('active', '=', true)
      .where('lat', '=', at.lat)
      .executeTakeFirstOrThrow();
    assert.equal((await cellOf(at)).n, Number(left.n));
  });

  test('a new map centre rebuilds the cells while resources are written, without deadlock or a lost write', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => create(200 + i, inCell(i))));
    const centres = [
      [0, 0],
      [51.3, 9.48],
      [60, 10],
      [51.3, 9.48],
    ];
    const results = await Promise.all([
      ...centres.map((mapCenter) => call(admin, 'PATCH', '/network', { mapCenter })),
      ...ids.map((id, i) => call(petra, 'PATCH', `/resources/${id}`, i % 2 ? elsewhere(i) : inCell(i + 3))),
      ...Array.from({ length: 12 }, (_, i) =>
        create(300 + i, i % 2 ? inCell(i) : elsewhere(i)).then(() => ({ statusCode: 201, body: '' })),
      ),
    ]);
    for (const r of results) assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    await assertExact();
  });
});
