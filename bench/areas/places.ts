import { sql } from 'kysely';
import { arr, batch, epoch, idSql, intArr, iSql, lit, type TownContext, uSql } from '../townKit.ts';
import { areaKinds, areaWeights } from '../words.ts';

/** Räume & Brücken: the interactions between people and organisations, the town's community graph. */

/**
 * The interactions of every area between people and organisations. `orgSectorStart` and
 * `orgSectorCount` give for each organisation the index range of its sector (bench/foundation.ts).
 */
export function loadInteractions(ctx: TownContext & { orgSectorStart: number[]; orgSectorCount: number[] }) {
  const { db, networkId, seed, spec, step, orgSectorStart, orgSectorCount } = ctx;
  const run = (text: string) => sql.raw(text).execute(db);
  const nid = lit(networkId);
  const D = spec.districts;
  const O = spec.organisations;
  const P = spec.people;
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const pick = (xs: readonly string[], expr: string, k: number) =>
    `(${arr(xs)})[1 + ${iSql(seed, expr, k, xs.length)}]`;
  const personId = (expr: string) => idSql(seed, 'person', expr);
  const orgId = (expr: string) => idSql(seed, 'org', expr);

  // Interactions: the community graph ----------------------------------------------------------
  // pair: 45 % person→organisation (half of them with the person's home organisation),
  // 20 % organisation→organisation (60 % within the sector), 20 % person→person (half within the
  // district), 15 % organisation→person. Recent months are denser than older ones.
  const areaCase = (expr: string) => {
    let acc = 0;
    const whens = areaWeights.map(([area, w]) => {
      acc += w;
      return `WHEN ${expr} < ${acc.toFixed(4)} THEN ${lit(area)}`;
    });
    return `CASE ${whens.join(' ')} ELSE 'places' END`;
  };
  const kindCase = (areaExpr: string, expr: string, k: number) =>
    `CASE ${areaExpr} ${Object.entries(areaKinds)
      .map(([area, kinds]) => `WHEN ${lit(area)} THEN ${pick(kinds, expr, k)}`)
      .join(' ')} END`;
  return step('interaction', () =>
    batch(spec.interactions, 100_000, (a, b) =>
      run(`
        INSERT INTO interaction (network_id, id, area, kind, mode, a_type, a_id, b_type, b_id, occurred_at, created_at)
        SELECT ${nid}, ${idSql(seed, 'interaction', 'n')}, area, ${kindCase('area', 'n', 3)},
               CASE WHEN ${u('n', 4)} < 0.45 THEN 'offline' ELSE 'online' END,
               a_type, CASE a_type WHEN 'person' THEN ${personId('a')} ELSE ${orgId('a')} END,
               b_type, CASE b_type WHEN 'person' THEN ${personId('b')} ELSE ${orgId('b')} END,
               occ, occ
        FROM (
          SELECT n, area, occ,
                 CASE WHEN t < 0.65 THEN 'person' ELSE 'organisation' END AS a_type,
                 CASE WHEN t < 0.45 OR t >= 0.65 AND t < 0.85 THEN 'organisation' ELSE 'person' END AS b_type,
                 CASE WHEN t < 0.45 OR (t >= 0.65 AND t < 0.85) THEN pa ELSE oa END AS a,
                 CASE
                   WHEN t < 0.45 THEN CASE WHEN ${u('n', 6)} < 0.5 THEN ${iSql(seed, 'pa', 20, O)} ELSE ${iSql(seed, 'n', 7, O)} END
                   WHEN t < 0.65 THEN pb
                   WHEN t < 0.85 THEN CASE WHEN os = oa THEN (oa + 1) % ${O} ELSE os END
                   ELSE pa
                 END AS b
          FROM (
            SELECT n, t, pa, oa, area, occ,
                   CASE WHEN pb0 = pa THEN (pa + 1) % ${P} ELSE pb0 END AS pb,
                   CASE WHEN ${u('n', 9)} < 0.6
                        THEN (${intArr(orgSectorStart)})[oa + 1] + ${iSql(seed, 'n', 10, `(${intArr(orgSectorCount)})[oa + 1]`)}
                        ELSE ${iSql(seed, 'n', 11, O)} END AS os
            FROM (
              SELECT n, ${u('n', 1)} AS t, ${iSql(seed, 'n', 5, P)} AS pa, ${iSql(seed, 'n', 8, O)} AS oa,
                     ${areaCase(u('n', 2))} AS area,
                     timestamptz ${lit(epoch)} - interval '1 minute' * floor(power(${u('n', 12)}, 1.6) * 730 * 1440) AS occ,
                     CASE WHEN ${u('n', 13)} < 0.5
                          THEN least(${P - 1}, ${iSql(seed, 'n', 14, Math.max(1, Math.floor(P / D)))} * ${D} + ${iSql(seed, 'n', 5, P)} % ${D})
                          ELSE ${iSql(seed, 'n', 15, P)} END AS pb0
              FROM generate_series(${a}, ${b}) AS n
            ) AS s0
          ) AS s1
        ) AS s2
        WHERE NOT (a_type = b_type AND a = b)`),
    ),
  );
}
