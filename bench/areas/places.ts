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

/**
 * Communities of interest and identity (the network analytics' second kind of node) and their
 * members: `spec.communities` communities, 2 to 60 members each (a few under the analytics' five,
 * which leave them out), the first an owner, about one in ten a pending request. Local ones meet in
 * a district; the rest are translocal or online. Their members' interactions become the
 * communities' ties in a snapshot.
 */
export async function loadCommunities(ctx: TownContext) {
  const { db, networkId, seed, spec } = ctx;
  const run = (text: string) => sql.raw(text).execute(db);
  const nid = lit(networkId);
  const C = spec.communities;
  const P = spec.people;
  const topics = [
    'Repair-Café',
    'Frauenfrühstück',
    'Eltern behinderter Kinder',
    'Gartenfreunde',
    'Laufgruppe',
    'Schachclub',
    'Nähstube',
    'Sprachcafé',
    'Kochgruppe',
    'Seniorentanz',
  ];
  await ctx.step('community', async () => {
    const r = await run(`
      INSERT INTO community (network_id, id, slug, name, summary, space, district_id, joining, created_at)
      SELECT ${nid}, ${idSql(seed, 'community', 'c')}, 'gemeinschaft-' || c,
             (${arr(topics)})[1 + c % ${topics.length}] || ' ' || (c + 1),
             'Wir treffen uns regelmäßig.', space,
             CASE WHEN space = 'local' THEN ${idSql(seed, 'district', `c % ${spec.districts}`)} END,
             CASE WHEN ${uSql(seed, 'c', 42)} < 0.3 THEN 'request' ELSE 'open' END,
             timestamptz ${lit(epoch)} - interval '1 day' * (30 + c % 600)
      FROM (SELECT c, CASE WHEN ${uSql(seed, 'c', 41)} < 0.6 THEN 'local'
                           WHEN ${uSql(seed, 'c', 41)} < 0.8 THEN 'translocal' ELSE 'online' END AS space
            FROM generate_series(0, ${C - 1}) AS c) AS s`);
    return Number(r.numAffectedRows ?? 0n);
  });
  await ctx.step('community_member', async () => {
    const r = await run(`
      INSERT INTO community_member (network_id, community_id, account_id, role, status, created_at, joined_at)
      SELECT ${nid}, ${idSql(seed, 'community', 'c')}, ${idSql(seed, 'person', iSql(seed, 'c * 1000 + k', 44, P))},
             CASE WHEN k = 0 THEN 'owner' WHEN pending THEN 'member' WHEN k < 3 THEN 'moderator' ELSE 'member' END,
             CASE WHEN pending THEN 'requested' ELSE 'active' END,
             joined, CASE WHEN NOT pending THEN joined END
      FROM (SELECT c, k, k > 0 AND ${uSql(seed, 'c * 1000 + k', 45)} < 0.1 AS pending,
                   timestamptz ${lit(epoch)} - interval '1 day' * ${iSql(seed, 'c * 1000 + k', 46, 700)} AS joined
            FROM generate_series(0, ${C - 1}) AS c,
                 generate_series(0, 59) AS k
            WHERE k < 2 + ${iSql(seed, 'c', 43, 59)}) AS s
      ON CONFLICT DO NOTHING`);
    return Number(r.numAffectedRows ?? 0n);
  });
}
