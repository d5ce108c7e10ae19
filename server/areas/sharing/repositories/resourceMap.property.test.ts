import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, freshDatabase, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { knownMigrations, migrateTo, migrateToLatest } from '../../../db/migrate.ts';
import type { NetworkSettings } from '../../../db/schema.ts';
import { ensureNetwork } from '../../../platform/network.ts';
import { updateNetwork } from '../../../repositories/network.ts';
import { insertOrganisation } from '../../../repositories/organisations.ts';
import {
  clusterResources,
  findResource,
  mapBaseZoom,
  mapCellHealth,
  maxClusterCells,
  publicPoint,
  updateResource,
} from './resources.ts';

/**
 * The map summary (resource_map_cell, migration 20261127_0900) against the truth. Random sequences
 * of inserts (several rows in one statement), moves, withdrawals, deletions, bulk updates and
 * changes of the network's map centre; after every step the summary equals a fresh count of the
 * resources, and for random views the summary path, the live path and a model computed here from
 * the resource rows give the same answer (cells, counts, mean positions, the named resource).
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */

interface Pt {
  lat: number;
  lng: number;
  approximate: boolean;
}
interface View {
  zoom: number;
  anchor: number;
  dx: number;
  dy: number;
  w: number;
  h: number;
  snap: boolean;
}
type Action =
  | { kind: 'insert'; rows: Pt[] }
  | { kind: 'move'; pick: number; to: Pt | null }
  | { kind: 'active'; pick: number }
  | { kind: 'title'; pick: number }
  | { kind: 'shift'; picks: number[]; dLat: number; dLng: number }
  | { kind: 'delete'; picks: number[] }
  | { kind: 'centre'; centre: [number, number] | null };

/** Two places: a town, and one across the equator and the prime meridian (negative cells). */
const anchors = [
  { lat: 51.3, lng: 9.48 },
  { lat: -0.0004, lng: -0.0003 },
];
const baseLng = 112.5 / 2 ** mapBaseZoom;

const point: fc.Arbitrary<Pt> = fc
  .record({
    anchor: fc.nat(anchors.length - 1),
    spread: fc.constantFrom(0.002, 0.03),
    u: fc.double({ min: -1, max: 1, noNaN: true }),
    v: fc.double({ min: -1, max: 1, noNaN: true }),
    // on a line of the base grid (every coarser grid's lines are among them)
    onLine: fc.boolean(),
    m: fc.integer({ min: -6, max: 6 }),
    approximate: fc.boolean(),
  })
  .map(({ anchor, spread, u, v, onLine, m, approximate }) => {
    const a = anchors[anchor]!;
    const lng = onLine ? (Math.floor(a.lng / baseLng) + m) * baseLng : a.lng + u * spread;
    return { lat: a.lat + v * spread, lng, approximate };
  });

const view: fc.Arbitrary<View> = fc.record({
  zoom: fc.integer({ min: mapBaseZoom - 6, max: mapBaseZoom + 2 }),
  anchor: fc.nat(anchors.length - 1),
  dx: fc.double({ min: -3, max: 3, noNaN: true }),
  dy: fc.double({ min: -3, max: 3, noNaN: true }),
  w: fc.double({ min: 0, max: 6, noNaN: true }),
  h: fc.double({ min: 0, max: 6, noNaN: true }),
  snap: fc.boolean(),
});

const picks = fc.array(fc.nat(60), { minLength: 1, maxLength: 5 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      rows: fc.array(point, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      pick: fc.nat(60),
      to: fc.option(point, { freq: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('active' as const), pick: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('title' as const), pick: fc.nat(60) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('shift' as const),
      picks,
      dLat: fc.constantFrom(0, 0.001, -0.0025, 0.02),
      dLng: fc.constantFrom(0, 0.0005, -0.004, baseLng),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), picks }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('centre' as const),
      centre: fc.constantFrom<[number, number] | null>(
        null,
        [51.3, 9.48],
        [47.6, 7.6],
        [0, 0],
        [-33.9, 151.2],
      ),
    }),
  },
);

/** PostgreSQL's round() of a double: to the nearest integer, halves to even. */
function rint(x: number) {
  const f = Math.floor(x);
  const d = x - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

interface Row {
  id: string;
  title: string;
  kind: string;
  approximate: boolean;
  active: boolean;
  public_lat: number | null;
  public_lng: number | null;
}

/** The map answer computed here from the resource rows: every cell the box touches, counted whole. */
function model(
  rows: Row[],
  factor: number,
  zoom: number,
  b: { minLng: number; minLat: number; maxLng: number; maxLat: number },
) {
  const cx = 112.5 / 2 ** zoom;
  const cy = cx * factor;
  const [x0, x1, y0, y1] = [
    Math.floor(b.minLng / cx),
    Math.floor(b.maxLng / cx),
    Math.floor(b.minLat / cy),
    Math.floor(b.maxLat / cy),
  ];
  const cells = new Map<
    string,
    { gx: number; gy: number; n: number; lat: number; lng: number; ids: Row[] }
  >();
  for (const r of rows) {
    if (!r.active || r.public_lat === null || r.public_lng === null) continue;
    const gx = Math.floor(r.public_lng / cx);
    const gy = Math.floor(r.public_lat / cy);
    if (gx < x0 || gx > x1 || gy < y0 || gy > y1) continue;
    const key = `${gx}:${gy}`;
    const c = cells.get(key) ?? { gx, gy, n: 0, lat: 0, lng: 0, ids: [] };
    c.n++;
    c.lat += rint(r.public_lat * 1e6);
    c.lng += rint(r.public_lng * 1e6);
    c.ids.push(r);
    cells.set(key, c);
  }
  const sorted = [...cells.values()].sort((a, b) => b.n - a.n || a.gy - b.gy || a.gx - b.gx);
  const shown = sorted.slice(0, maxClusterCells);
  return {
    cells: shown.map((c) => {
      const one = c.n === 1 ? c.ids[0]! : null;
      return {
        lat: Math.round(c.lat / c.n) / 1e6,
        lng: Math.round(c.lng / c.n) / 1e6,
        count: c.n,
        resource: one ? { id: one.id, title: one.title, kind: one.kind, approximate: one.approximate } : null,
      };
    }),
    total: shown.reduce((s, c) => s + c.n, 0),
    capped: sorted.length > maxClusterCells,
  };
}

describe('map summary (resource_map_cell) equals the live grouping', () => {
  let t: TestApp;
  let orgId: string;
  let userId: string;
  let serial = 0;

  before(async () => {
    t = await createTestApp();
    orgId = (await createOrganisation(t)).id;
    userId = (await createUser(t)).id;
  });
  after(() => t.close());

  const rows = () =>
    t.db
      .selectFrom('resource')
      .select(['id', 'title', 'kind', 'approximate', 'active', 'public_lat', 'public_lng'])
      .where('network_id', '=', t.networkId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const factor = async () =>
    Number(
      (
        await sql<{
          f: number;
        }>`SELECT map_lat_factor(settings) AS f FROM network WHERE id = ${t.networkId}`.execute(t.db)
      ).rows[0]!.f,
    );

  function insertStatement(pts: Pt[]) {
    return t.db.insertInto('resource').values(
      pts.map((p) => {
        const pub = publicPoint(p.lat, p.lng, p.approximate);
        return {
          network_id: t.networkId,
          kind: 'equipment' as const,
          owner_type: 'organisation' as const,
          organisation_id: orgId,
          title: `Ding ${++serial}`,
          approximate: p.approximate,
          lat: p.lat,
          lng: p.lng,
          public_lat: pub.lat,
          public_lng: pub.lng,
          created_by: userId,
        };
      }),
    );
  }

  async function apply(a: Action, current: Row[]) {
    const pick = (i: number) => current[i % current.length]!;
    const some = (is: number[]) => [...new Set(is.map((i) => pick(i).id))];
    switch (a.kind) {
      case 'insert':
        await insertStatement(a.rows).execute();
        return;
      case 'centre': {
        const n = await t.db
          .selectFrom('network')
          .select('settings')
          .where('id', '=', t.networkId)
          .executeTakeFirstOrThrow();
        const settings: NetworkSettings = { ...n.settings };
        if (a.centre) settings.mapCenter = a.centre;
        else delete settings.mapCenter;
        await updateNetwork(t.db, t.networkId, { settings });
        return;
      }
    }
    if (current.length === 0) return;
    switch (a.kind) {
      case 'move': {
        const r = await findResource(t.db, t.networkId, pick(a.pick).id);
        assert.ok(r);
        await updateResource(t.db, t.networkId, r, {
          lat: a.to?.lat ?? null,
          lng: a.to?.lng ?? null,
          approximate: a.to?.approximate ?? r.approximate,
        });
        return;
      }
      case 'active':
        await t.db
          .updateTable('resource')
          .set((eb) => ({ active: eb.not('active') }))
          .where('network_id', '=', t.networkId)
          .where('id', '=', pick(a.pick).id)
          .execute();
        return;
      case 'title':
        await t.db
          .updateTable('resource')
          .set({ title: `Umbenannt ${++serial}` })
          .where('network_id', '=', t.networkId)
          .where('id', '=', pick(a.pick).id)
          .execute();
        return;
      case 'shift':
        // one statement moving several rows (public point only, as a bulk correction would)
        await sql`UPDATE resource SET public_lat = public_lat + ${a.dLat}::float8, public_lng = public_lng + ${a.dLng}::float8,
                    lat = lat + ${a.dLat}::float8, lng = lng + ${a.dLng}::float8
                  WHERE network_id = ${t.networkId} AND id = ANY(${some(a.picks)}::uuid[])`.execute(t.db);
        return;
      case 'delete':
        await t.db
          .deleteFrom('resource')
          .where('network_id', '=', t.networkId)
          .where('id', 'in', some(a.picks))
          .execute();
        return;
    }
  }

  async function check(views: View[]) {
    const h = await mapCellHealth(t.db, t.networkId);
    assert.equal(
      h.mismatched,
      0,
      `summary differs from a fresh count in ${h.mismatched} of ${h.cells} cells`,
    );
    const all = await rows();
    const f = await factor();
    for (const v of views) {
      const a = anchors[v.anchor]!;
      const cx = 112.5 / 2 ** v.zoom;
      const cy = cx * f;
      let minLng = a.lng + v.dx * cx;
      let minLat = a.lat + v.dy * cy;
      if (v.snap) {
        // edges exactly on cell lines
        minLng = Math.floor(minLng / cx) * cx;
        minLat = Math.floor(minLat / cy) * cy;
      }
      const bbox = { minLng, minLat, maxLng: minLng + v.w * cx, maxLat: minLat + v.h * cy };
      const auto = await clusterResources(t.db, t.networkId, { bbox }, v.zoom);
      const live = await clusterResources(t.db, t.networkId, { bbox }, v.zoom, { live: true });
      const what = `zoom ${v.zoom}, bbox ${JSON.stringify(bbox)}`;
      assert.deepEqual(auto, live, `summary and live differ at ${what}`);
      assert.deepEqual(live, model(all, f, v.zoom, bbox), `live differs from the model at ${what}`);
    }
  }

  test('the base zoom of the code is the database’s', async () => {
    const r = await sql<{ z: number }>`SELECT resource_map_base_zoom() AS z`.execute(t.db);
    assert.equal(r.rows[0]!.z, mapBaseZoom);
  });

  test('the latitude factor is a multiple of 1/1024 that no last-bit difference of a cosine can change', async () => {
    const r = await sql<{ lat: number; scaled: number; f: number }>`
      SELECT lat, cos(radians(lat)) * 1024 AS scaled, map_lat_factor(jsonb_build_object('mapCenter', jsonb_build_array(lat, 10))) AS f
      FROM generate_series(-80, 80) AS lat`.execute(t.db);
    for (const { lat, scaled, f } of r.rows) {
      const frac = scaled - Math.floor(scaled);
      assert.ok(Math.abs(frac - 0.5) > 1e-6, `cos(${lat}°) × 1024 = ${scaled} lies at a rounding edge`);
      assert.equal(f * 1024, Math.round(scaled), `factor at ${lat}°`);
    }
    const none = await sql<{ f: number }>`SELECT map_lat_factor('{}'::jsonb) AS f`.execute(t.db);
    assert.equal(none.rows[0]!.f, Math.round(Math.cos((51 * Math.PI) / 180) * 1024) / 1024);
  });

  test('random writes and views: summary path = live path = model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(action, fc.array(view, { minLength: 1, maxLength: 2 })), {
          minLength: 1,
          maxLength: 14,
        }),
        fc.array(view, { minLength: 4, maxLength: 8 }),
        async (steps, finalViews) => {
          await t.db.deleteFrom('resource').where('network_id', '=', t.networkId).execute();
          await updateNetwork(t.db, t.networkId, { settings: {} });
          for (const [a, views] of steps) {
            await apply(a, await rows());
            await check(views);
          }
          await check(finalViews);
        },
      ),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 100),
        endOnFailure: Boolean(process.env.END_ON_FAILURE),
        ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}),
      },
    );
  });

  test('a view of many single cells is capped the same way on both paths', async () => {
    await t.db.deleteFrom('resource').where('network_id', '=', t.networkId).execute();
    await updateNetwork(t.db, t.networkId, { settings: {} });
    // 700 resources on 700 base cells in a row, one each; at the base zoom all are cells of one
    const pts = Array.from({ length: maxClusterCells + 100 }, (_, i) => ({
      lat: 51.3,
      lng: 9 + (i + 0.5) * baseLng,
      approximate: false,
    }));
    await insertStatement(pts).execute();
    const bbox = { minLng: 9, minLat: 51.29, maxLng: 9 + pts.length * baseLng, maxLat: 51.31 };
    const auto = await clusterResources(t.db, t.networkId, { bbox }, mapBaseZoom);
    const live = await clusterResources(t.db, t.networkId, { bbox }, mapBaseZoom, { live: true });
    assert.equal(auto.capped, true);
    assert.equal(auto.cells.length, maxClusterCells);
    assert.deepEqual(auto, live);
    // one zoom level out, two base cells make a cell: 350 cells of two, none capped
    const out = await clusterResources(t.db, t.networkId, { bbox }, mapBaseZoom - 1);
    assert.equal(out.capped, false);
    assert.equal(out.total, pts.length);
    assert.deepEqual(
      out,
      await clusterResources(t.db, t.networkId, { bbox }, mapBaseZoom - 1, { live: true }),
    );
    assert.equal((await mapCellHealth(t.db, t.networkId)).mismatched, 0);
  });
});

describe('the map summary migration', () => {
  test('fills the summary from the resources already there, and down removes it', async () => {
    const d = await freshDatabase();
    try {
      const migration = '20261127_0900_resource_map_cells';
      const known = await knownMigrations();
      await migrateTo(d.db, known[known.indexOf(migration) - 1]!);
      const { network } = await ensureNetwork(d.db, { slug: 'vorher', name: 'Vorher' });
      await updateNetwork(d.db, network.id, { settings: { mapCenter: [47.6, 7.6] } });
      const org = await insertOrganisation(d.db, network.id, {
        name: 'Werkstatt',
        slug: 'werkstatt',
        kind: 'association',
        sector: 'civil_society',
      });
      await d.db
        .insertInto('resource')
        .values(
          Array.from({ length: 50 }, (_, i) => ({
            network_id: network.id,
            kind: 'equipment' as const,
            owner_type: 'organisation' as const,
            organisation_id: org.id,
            title: `Werkzeug ${i}`,
            lat: 47.6 + (i % 7) * 0.003,
            lng: 7.6 + (i % 5) * 0.004,
            public_lat: 47.6 + (i % 7) * 0.003,
            public_lng: 7.6 + (i % 5) * 0.004,
            active: i % 10 !== 0,
          })),
        )
        .execute();
      await migrateToLatest(d.db);
      const h = await mapCellHealth(d.db, network.id);
      assert.equal(h.mismatched, 0);
      const n = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM resource_map_cell`.execute(d.db);
      assert.equal(n.rows[0]!.n, 45);
      await migrateTo(d.db, known[known.indexOf(migration) - 1]!);
      const left = await sql<{
        t: string | null;
      }>`SELECT to_regclass('resource_map_cell')::text AS t`.execute(d.db);
      assert.equal(left.rows[0]!.t, null);
      await migrateToLatest(d.db);
      assert.equal((await mapCellHealth(d.db, network.id)).mismatched, 0);
    } finally {
      await d.close();
    }
  });
});
