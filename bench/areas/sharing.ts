import { sql } from 'kysely';
import { mapCellHealth } from '../../server/areas/sharing/repositories/resources.ts';
import {
  arr,
  batchRange,
  cellLat,
  cellLng,
  districtCell,
  epoch,
  idSql,
  intArr,
  iSql,
  lit,
  type TeilenContext,
  uSql,
} from '../townKit.ts';

/** Teilen (area 4): resources with coordinates, their bookings and the map summary. */

const resourceKinds: readonly (readonly [string, number, readonly string[]])[] = [
  ['room', 0.2, ['Gruppenraum', 'Saal', 'Besprechungsraum', 'Küche', 'Werkstatt']],
  ['equipment', 0.35, ['Beamer', 'Bierzeltgarnitur', 'Lastenrad', 'Bohrmaschine', 'Pavillon', 'Rollstuhl']],
  ['vehicle', 0.05, ['Kleinbus', 'Transporter', 'Anhänger']],
  ['giveaway', 0.15, ['Kinderkleidung', 'Brot vom Vortag', 'Bücherkiste', 'Sofa']],
  ['skill', 0.15, ['Hilfe beim Umzug', 'Fahrradreparatur', 'Nachhilfe Mathe', 'Übersetzen Türkisch']],
  ['service', 0.1, ['Begleitung zum Arzt', 'Einkaufshilfe', 'Computerhilfe']],
];

/**
 * Resources with coordinates around their district's centre (a person's shown rounded to a
 * 300 m grid, as the server does) and bookings that never overlap by construction: booking b is
 * slot b / R of resource b % R, and slots lie 45 days apart.
 */
export async function loadResources(ctx: TeilenContext) {
  const { db, networkId, seed, spec } = ctx;
  const R = spec.resources;
  const B = spec.bookings;
  const D = spec.districts;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const run = (text: string) => sql.raw(text).execute(db);
  let acc = 0;
  const kindCase = `CASE ${resourceKinds
    .map(([kind, w]) => {
      acc += w;
      return `WHEN ${u('r', 50)} < ${acc.toFixed(3)} THEN ${lit(kind)}`;
    })
    .join(' ')} ELSE 'service' END`;
  const titleCase = (kindExpr: string) =>
    `CASE ${kindExpr} ${resourceKinds
      .map(
        ([kind, , titles]) =>
          `WHEN ${lit(kind)} THEN (${arr(titles)})[1 + ${iSql(seed, 'r', 51, titles.length)}]`,
      )
      .join(' ')} END`;
  const cells = Array.from({ length: D }, (_, d) => districtCell(d, D));
  const latStep = 300 / 111_320;
  await ctx.step('resource', () =>
    batchRange(R, 50_000, (a, b) =>
      run(`
        INSERT INTO resource (network_id, id, kind, owner_type, organisation_id, person_id, title, description,
                              district_id, lat, lng, approximate, public_lat, public_lng, who_may_borrow, capacity,
                              auto_approve, created_by, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'resource', 'r')}, kind, CASE WHEN org THEN 'organisation' ELSE 'person' END,
               CASE WHEN org THEN ${idSql(seed, 'org', 'oi')} END, CASE WHEN NOT org THEN ${idSql(seed, 'person', 'pi')} END,
               title || ' ' || (r + 1), title || ': bitte rechtzeitig anfragen, Rückgabe sauber und vollständig.',
               ${idSql(seed, 'district', 'd')}, lat, lng, NOT org,
               CASE WHEN org THEN lat ELSE round((round(lat / ${latStep}) * ${latStep})::numeric, 6)::float8 END,
               CASE WHEN org THEN lng ELSE round((round(lng / (${latStep} / cos(radians(lat)))) * (${latStep} / cos(radians(lat))))::numeric, 6)::float8 END,
               CASE WHEN ${u('r', 55)} < 0.5 THEN 'everyone' ELSE 'members' END,
               CASE WHEN kind = 'room' THEN 5 + ${iSql(seed, 'r', 56, 60)} END,
               ${u('r', 57)} < 0.3,
               CASE WHEN org THEN ${idSql(seed, 'person', `(oi * 7919) % ${spec.people}`)} ELSE ${idSql(seed, 'person', 'pi')} END,
               timestamptz ${lit(epoch)} - interval '1 day' * ${iSql(seed, 'r', 58, 700)},
               timestamptz ${lit(epoch)}
        FROM (
          SELECT r, kind, ${titleCase('kind')} AS title, org, oi, pi, d,
                 round(((${intArr(cells.map((c) => Math.round(c.lat * 1e6)))})[d + 1] / 1e6 + (${u('r', 59)} - 0.5) * ${cellLat * 0.8})::numeric, 6)::float8 AS lat,
                 round(((${intArr(cells.map((c) => Math.round(c.lng * 1e6)))})[d + 1] / 1e6 + (${u('r', 60)} - 0.5) * ${cellLng * 0.8})::numeric, 6)::float8 AS lng
          FROM (
            SELECT r, ${kindCase} AS kind, ${u('r', 52)} < 0.6 AS org, ${iSql(seed, 'r', 53, spec.organisations)} AS oi,
                   ${iSql(seed, 'r', 54, spec.people)} AS pi, r % ${D} AS d
            FROM generate_series(${a}, ${b}) AS r
          ) AS s0
        ) AS s1`),
    ),
  );
  // what the API writes to search for each active resource (server/areas/sharing/search.ts)
  await ctx.step('search_document_resource', async () => {
    const r = await run(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, link, organisation_id, updated_at)
      SELECT network_id, 'resource', id, CASE WHEN kind IN ('skill', 'service') THEN 'service' ELSE 'resource' END,
             title, description, '/teilen/ressourcen/' || id, organisation_id, updated_at
      FROM resource WHERE network_id = ${nid} AND active`);
    return Number(r.numAffectedRows ?? 0n);
  });
  await ctx.step('booking', () =>
    batchRange(B, 50_000, (a, b) =>
      run(`
        INSERT INTO booking (network_id, id, resource_id, requester_id, period, buffered_period, status, note, created_at)
        SELECT ${nid}, ${idSql(seed, 'booking', 'n')}, ${idSql(seed, 'resource', `n % ${R}`)},
               ${idSql(seed, 'person', iSql(seed, 'n', 61, spec.people))}, tstzrange(t0, t1, '[)'), tstzrange(t0, t1, '[)'),
               CASE WHEN t1 > timestamptz ${lit(epoch)} THEN (CASE WHEN ${u('n', 62)} < 0.7 THEN 'approved' ELSE 'requested' END)
                    WHEN ${u('n', 62)} < 0.8 THEN 'returned' WHEN ${u('n', 62)} < 0.9 THEN 'cancelled' ELSE 'declined' END,
               '', t0 - interval '3 days'
        FROM (
          SELECT n, t0, t0 + interval '1 hour' * (1 + ${iSql(seed, 'n', 63, 4)}) AS t1
          FROM (
            SELECT n, date_trunc('hour', timestamptz ${lit(epoch)} - interval '150 days'
                     + interval '45 days' * (n / ${R}) + interval '1 day' * ${iSql(seed, 'n', 64, 40)}
                     + interval '1 hour' * (8 + ${iSql(seed, 'n', 65, 10)})) AS t0
            FROM generate_series(${a}, ${b}) AS n
          ) AS s0
        ) AS s1`),
    ),
  );
}

/**
 * The map summary is kept by statement-level triggers, so each bulk INSERT of loadResources() filled
 * it with one aggregated upsert; it must equal a fresh count, or the load fails.
 */
export async function checkResourceMap(ctx: TeilenContext) {
  const { db, networkId, spec } = ctx;
  const health = await mapCellHealth(db, networkId);
  if (health.mismatched > 0 || (spec.resources > 0 && health.cells === 0))
    throw new Error(`the map summary differs from the loaded resources: ${JSON.stringify(health)}`);
  return health;
}
