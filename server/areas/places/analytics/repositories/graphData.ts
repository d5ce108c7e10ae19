import { sql } from 'kysely';
import { sectors } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { minPeoplePerCell } from '../../../../platform/smallCells.ts';
import type { InteractionCountRow, NodeInput, PeopleRow, SnapshotInput } from '../compute.ts';
import type { CountedArea, NodeType } from '../snapshot.ts';
import { countedAreas, periodMonths, snapshotMonths } from '../snapshot.ts';

/**
 * Everything a snapshot is computed from, aggregated by the database: the interactions are grouped
 * once into a temporary table (per pair of parties, area, month and mode), and the ties, the people
 * and the counts are read from it with GROUP BY, so a million interactions never travel to the
 * server. Call it inside a transaction (the temporary table lives until its commit).
 *
 * The rules of the graph, as a data protection officer would read them:
 * - Nodes are the organisations and the communities of at least five active members (a smaller
 *   community would stand for its few members). People are never nodes.
 * - Only confirmed interactions count, of every area but the support circles. Circles enter nothing
 *   here except one anonymous count (`circle`), shown only when it is five or more.
 * - An interaction between two organisations is a tie of weight 1 between them.
 * - A person stands for the organisations they are a member of and the communities they belong to
 *   (their affiliations, k of them). An interaction of a person with an organisation gives each of
 *   the person's affiliations a tie to that organisation of weight 1/k; one between two people with
 *   k and l affiliations gives each pair of their affiliations 1/(k·l). So every interaction weighs 1
 *   in all, however many groups its people belong to. A share that would join a node to itself
 *   (a member meeting their own organisation) is no tie; a person who belongs nowhere adds no tie.
 * - A person who opted out (places_analytics_opt_out) has no affiliations here: their interactions
 *   add no tie at all, to nobody. They are still counted, without name, in the aggregate figures
 *   (how many took part, online vs offline), which the small-cell rule protects.
 * - Months are local calendar months (Europe/Berlin), whole ones only.
 */

export interface GraphDataWindow {
  /** 'YYYY-MM-01': the first month counted */
  from: string;
  /** 'YYYY-MM-01': the first month not counted */
  until: string;
}

/** The whole months before the month of `now` (local time): the window of a snapshot. */
export function snapshotWindow(now: Date, months = snapshotMonths): GraphDataWindow & { months: string[] } {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .slice(0, 7);
  const [y, m] = local.split('-').map(Number) as [number, number];
  const start = y * 12 + (m - 1) - months;
  const label = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  const list = Array.from({ length: months }, (_, i) => label(start + i));
  return { from: `${list[0]}-01`, until: `${local}-01`, months: list };
}

const zone = 'Europe/Berlin';
/** ties per row of text (see readGraphData) */
const tieChunk = 20_000;

export async function readGraphData(db: Executor, networkId: string, now: Date): Promise<SnapshotInput> {
  const w = snapshotWindow(now);
  const [fy, fm] = w.from.split('-').map(Number) as [number, number];
  const startMonth = fy * 12 + fm;
  const recentFrom = snapshotMonths - periodMonths['3m'];
  const from = sql`(${w.from}::timestamp AT TIME ZONE ${zone})`;
  const until = sql`(${w.until}::timestamp AT TIME ZONE ${zone})`;

  const orgs = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'slug', 'sector', 'district_id'])
    .where('network_id', '=', networkId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const communities = await db
    .selectFrom('community as c')
    .select(['c.id', 'c.name', 'c.slug', 'c.district_id'])
    .where('c.network_id', '=', networkId)
    .where('c.archived_at', 'is', null)
    .where((eb) =>
      eb(
        eb
          .selectFrom('community_member as m')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('m.network_id', '=', 'c.network_id')
          .whereRef('m.community_id', '=', 'c.id')
          .where('m.status', '=', 'active'),
        '>=',
        minPeoplePerCell,
      ),
    )
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  const nodes: NodeInput[] = [
    ...orgs.map((o) => ({
      id: o.id,
      type: 'organisation' as NodeType,
      name: o.name,
      slug: o.slug,
      sector: o.sector,
      districtId: o.district_id,
    })),
    ...communities.map((c) => ({
      id: c.id,
      type: 'community' as NodeType,
      name: c.name,
      slug: c.slug,
      sector: null,
      districtId: c.district_id,
    })),
  ];
  const districtIds = (
    await db.selectFrom('district').select('id').where('network_id', '=', networkId).orderBy('id').execute()
  ).map((d) => d.id);
  const orgIds = orgs.map((o) => o.id);
  const communityIds = communities.map((c) => c.id);

  // the interactions of the window, grouped once (a transaction that took a snapshot before, like
  // the demo seed's, still has the table)
  await sql`DROP TABLE IF EXISTS places_analytics_i`.execute(db);
  await sql`
    CREATE TEMP TABLE places_analytics_i ON COMMIT DROP AS
    SELECT a_type, a_id, b_type, b_id, area, mode = 'online' AS online,
           (extract(year FROM occurred_at AT TIME ZONE ${zone}) * 12
             + extract(month FROM occurred_at AT TIME ZONE ${zone}))::int - ${startMonth} AS month,
           count(*)::int AS n
    FROM interaction
    WHERE network_id = ${networkId} AND status = 'confirmed' AND area <> 'support'
      AND occurred_at >= ${from} AND occurred_at < ${until}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  `.execute(db);

  const nodeTable = sql`
    (SELECT id, (i - 1)::int AS idx, t FROM (
       SELECT id, i, 'organisation' AS t FROM unnest(${orgIds}::uuid[]) WITH ORDINALITY AS o(id, i)
       UNION ALL
       SELECT id, i + ${orgIds.length}, 'community' FROM unnest(${communityIds}::uuid[]) WITH ORDINALITY AS c(id, i)
     ) x)`;
  // each end of an interaction as the node(s) it stands for, with its share of the weight
  const ends = sql`
    (SELECT 'organisation' AS party_type, id AS party_id, idx, 1.0::float8 AS share FROM ${nodeTable} n WHERE t = 'organisation'
     UNION ALL
     SELECT 'person', account_id, idx, 1.0::float8 / count(*) OVER (PARTITION BY account_id) FROM (
       SELECT m.account_id, n.idx FROM membership m JOIN ${nodeTable} n ON n.id = m.organisation_id AND n.t = 'organisation'
       WHERE m.network_id = ${networkId}
       UNION
       SELECT c.account_id, n.idx FROM community_member c JOIN ${nodeTable} n ON n.id = c.community_id AND n.t = 'community'
       WHERE c.network_id = ${networkId} AND c.status = 'active'
     ) aff
     WHERE NOT EXISTS (SELECT 1 FROM places_analytics_opt_out o
                       WHERE o.network_id = ${networkId} AND o.account_id = aff.account_id))`;
  // The ties come as text, some 20 000 to a row ("u,v,area or month,recent,weight;…"), and are read
  // into typed arrays a chunk at a time with a pause between: at M they are some 340 000, and as
  // one row object each they kept the server's event loop busy (parsing, then collecting the
  // garbage) for up to a quarter of a second at a time.
  const tieChunks = await sql<{ by_month: boolean; n: number; t: string }>`
    WITH e AS MATERIALIZED ${ends},
    t AS (
      SELECT least(ea.idx, eb.idx) AS u, greatest(ea.idx, eb.idx) AS v, i.area, i.month,
             i.month >= ${recentFrom} AS recent, i.n * ea.share * eb.share AS w
      FROM places_analytics_i i
      JOIN e ea ON ea.party_type = i.a_type AND ea.party_id = i.a_id
      JOIN e eb ON eb.party_type = i.b_type AND eb.party_id = i.b_id
      WHERE ea.idx <> eb.idx
    ),
    r AS (
      SELECT false AS by_month, u, v, coalesce(array_position(${[...countedAreas]}::text[], area) - 1, -1) AS k,
             recent::int AS recent, sum(w)::float8 AS w
      FROM t GROUP BY u, v, area, recent
      UNION ALL
      SELECT true, u, v, month, 0, sum(w)::float8 FROM t GROUP BY u, v, month
    )
    SELECT by_month, count(*)::int AS n, string_agg(concat_ws(',', u, v, k, recent, w), ';') AS t
    FROM (SELECT *, row_number() OVER (PARTITION BY by_month) / ${tieChunk} AS chunk FROM r) x
    GROUP BY by_month, chunk
  `.execute(db);

  const sectorList = [...sectors];
  const people = await sql<{
    scope: PeopleRow['scope'];
    area: CountedArea | null;
    month: number | null;
    people: number;
    cross_sector: number;
    cross_district: number;
    online_people: number;
    offline_people: number;
  }>`
    WITH org AS (
      SELECT id, (1 << (array_position(${sectorList}::text[], sector) - 1)) AS s,
             CASE WHEN district_id IS NULL THEN 0::bigint
                  ELSE 1::bigint << ((coalesce(array_position(${districtIds}::uuid[], district_id), 1) - 1) % 63) END AS d
      FROM organisation WHERE network_id = ${networkId}
    ),
    pmask AS (
      SELECT m.account_id, bit_or(org.s) AS s, bit_or(org.d) AS d
      FROM membership m JOIN org ON org.id = m.organisation_id
      WHERE m.network_id = ${networkId} GROUP BY m.account_id
    ),
    pe AS (
      SELECT i.a_id AS person, i.area, i.month, i.online,
             coalesce(pa.s, 0) | coalesce(ob.s, pb.s, 0) AS s, coalesce(pa.d, 0) | coalesce(ob.d, pb.d, 0) AS d
      FROM places_analytics_i i
      LEFT JOIN pmask pa ON pa.account_id = i.a_id
      LEFT JOIN org ob ON i.b_type = 'organisation' AND ob.id = i.b_id
      LEFT JOIN pmask pb ON i.b_type = 'person' AND pb.account_id = i.b_id
      WHERE i.a_type = 'person'
      UNION ALL
      SELECT i.b_id, i.area, i.month, i.online,
             coalesce(pb.s, 0) | coalesce(oa.s, pa.s, 0), coalesce(pb.d, 0) | coalesce(oa.d, pa.d, 0)
      FROM places_analytics_i i
      LEFT JOIN pmask pb ON pb.account_id = i.b_id
      LEFT JOIN org oa ON i.a_type = 'organisation' AND oa.id = i.a_id
      LEFT JOIN pmask pa ON i.a_type = 'person' AND pa.account_id = i.a_id
      WHERE i.b_type = 'person'
    ),
    per AS MATERIALIZED (
      SELECT person, area, month, bit_or(s) AS s, bit_or(d) AS d, bool_or(online) AS on_, bool_or(NOT online) AS off_
      FROM pe GROUP BY person, area, month
    ),
    rolled AS (
      SELECT 'month' AS scope, NULL::text AS area, month, person,
             bit_or(s) AS s, bit_or(d) AS d, bool_or(on_) AS on_, bool_or(off_) AS off_
      FROM per GROUP BY month, person
      UNION ALL
      SELECT '12m', area, NULL, person, bit_or(s), bit_or(d), bool_or(on_), bool_or(off_)
      FROM per GROUP BY GROUPING SETS ((area, person), (person))
      UNION ALL
      SELECT '3m', area, NULL, person, bit_or(s), bit_or(d), bool_or(on_), bool_or(off_)
      FROM per WHERE month >= ${recentFrom} GROUP BY GROUPING SETS ((area, person), (person))
      UNION ALL
      SELECT 'old', area, NULL, person, bit_or(s), bit_or(d), bool_or(on_), bool_or(off_)
      FROM per WHERE month < ${recentFrom} GROUP BY GROUPING SETS ((area, person), (person))
    )
    SELECT scope, area, month, count(*)::int AS people,
           (count(*) FILTER (WHERE s & (s - 1) <> 0))::int AS cross_sector,
           (count(*) FILTER (WHERE d & (d - 1) <> 0))::int AS cross_district,
           (count(*) FILTER (WHERE on_))::int AS online_people,
           (count(*) FILTER (WHERE off_))::int AS offline_people
    FROM rolled GROUP BY scope, area, month
  `.execute(db);

  const counts = await sql<{ area: CountedArea; month: number; online: boolean; n: number }>`
    SELECT area, month, online, sum(n)::int AS n FROM places_analytics_i GROUP BY area, month, online
  `.execute(db);

  const circle = await sql<{ interactions: number; people: number }>`
    WITH c AS (
      SELECT a_type, a_id, b_type, b_id FROM interaction
      WHERE network_id = ${networkId} AND status = 'confirmed' AND area = 'support'
        AND occurred_at >= ${from} AND occurred_at < ${until}
    )
    SELECT (SELECT count(*) FROM c)::int AS interactions,
           (SELECT count(*) FROM (SELECT a_id FROM c WHERE a_type = 'person'
                                  UNION SELECT b_id FROM c WHERE b_type = 'person') p)::int AS people
  `.execute(db);

  let nView = 0;
  let nMonth = 0;
  for (const c of tieChunks.rows) {
    if (c.by_month) nMonth += c.n;
    else nView += c.n;
  }
  const viewTies = {
    u: new Int32Array(nView),
    v: new Int32Array(nView),
    area: new Int8Array(nView),
    recent: new Uint8Array(nView),
    weight: new Float64Array(nView),
  };
  const monthTies = {
    u: new Int32Array(nMonth),
    v: new Int32Array(nMonth),
    month: new Int8Array(nMonth),
    weight: new Float64Array(nMonth),
  };
  let i = 0;
  let j = 0;
  for (const c of tieChunks.rows) {
    for (const tie of c.t.split(';')) {
      const [u, v, k, recent, weight] = tie.split(',');
      if (c.by_month) {
        monthTies.u[j] = Number(u);
        monthTies.v[j] = Number(v);
        monthTies.month[j] = Number(k);
        monthTies.weight[j++] = Number(weight);
      } else {
        viewTies.u[i] = Number(u);
        viewTies.v[i] = Number(v);
        viewTies.area[i] = Number(k);
        viewTies.recent[i] = Number(recent);
        viewTies.weight[i++] = Number(weight);
      }
    }
    // let requests through between chunks
    await new Promise((resume) => setImmediate(resume));
  }
  return {
    months: w.months,
    nodes,
    districtIds,
    viewTies,
    monthTies,
    people: people.rows.map((r) => ({
      scope: r.scope,
      area: r.area,
      month: r.month,
      people: r.people,
      crossSector: r.cross_sector,
      crossDistrict: r.cross_district,
      onlinePeople: r.online_people,
      offlinePeople: r.offline_people,
    })),
    interactions: counts.rows.map(
      (r): InteractionCountRow => ({ area: r.area, month: r.month, online: r.online, n: r.n }),
    ),
    circle: circle.rows[0] ?? { interactions: 0, people: 0 },
  };
}
