import { sql } from 'kysely';
import type { Sector } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/**
 * One person's own network, read live (it is small): the confirmed interactions they took part in
 * over the last twelve months, outside the support circles. The organisations they met directly are
 * named; the people they met are never named here (a person appears by name only to themselves),
 * only counted, and through them the organisations and communities those people belong to — except
 * people who opted out, who are only counted.
 */
export interface EgoGroup {
  type: 'organisation' | 'community';
  id: string;
  name: string;
  slug: string;
  sector: Sector | null;
  districtId: string | null;
  /** my interactions with the organisation itself */
  direct: number;
  /** how many of the people I met belong to it */
  viaPeople: number;
}

export interface Ego {
  since: Date;
  interactions: { total: number; online: number; offline: number };
  people: number;
  /** people I met who opted out of being counted */
  peopleOptedOut: number;
  groups: EgoGroup[];
}

export async function egoNetwork(
  db: Executor,
  networkId: string,
  accountId: string,
  now = new Date(),
): Promise<Ego> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const mine = sql`
    SELECT CASE WHEN a_type = 'person' AND a_id = ${accountId} THEN b_type ELSE a_type END AS other_type,
           CASE WHEN a_type = 'person' AND a_id = ${accountId} THEN b_id ELSE a_id END AS other_id,
           mode
    FROM interaction
    WHERE network_id = ${networkId} AND status = 'confirmed' AND area <> 'support' AND occurred_at >= ${since}
      AND ((a_type = 'person' AND a_id = ${accountId}) OR (b_type = 'person' AND b_id = ${accountId}))`;
  const others = await sql<{
    other_type: 'person' | 'organisation';
    other_id: string;
    n: number;
    online: number;
    opted: boolean;
  }>`
    SELECT other_type, other_id, count(*)::int AS n, (count(*) FILTER (WHERE mode = 'online'))::int AS online,
           EXISTS (SELECT 1 FROM places_analytics_opt_out o
                   WHERE o.network_id = ${networkId} AND o.account_id = m.other_id AND m.other_type = 'person') AS opted
    FROM (${mine}) m GROUP BY other_type, other_id
  `.execute(db);
  const people = others.rows.filter((r) => r.other_type === 'person');
  const counted = people.filter((r) => !r.opted).map((r) => r.other_id);
  const orgs = others.rows.filter((r) => r.other_type === 'organisation');
  const direct = new Map(orgs.map((r) => [r.other_id, r.n]));

  const via = new Map<string, number>();
  if (counted.length > 0) {
    const aff = await sql<{ id: string }>`
      SELECT organisation_id AS id FROM membership WHERE network_id = ${networkId} AND account_id = ANY(${counted}::uuid[])
      UNION ALL
      SELECT community_id FROM community_member
      WHERE network_id = ${networkId} AND status = 'active' AND account_id = ANY(${counted}::uuid[])
    `.execute(db);
    for (const r of aff.rows) via.set(r.id, (via.get(r.id) ?? 0) + 1);
  }
  const ids = [...new Set([...direct.keys(), ...via.keys()])];
  const groups: EgoGroup[] = [];
  if (ids.length > 0) {
    const o = await db
      .selectFrom('organisation')
      .select(['id', 'name', 'slug', 'sector', 'district_id'])
      .where('network_id', '=', networkId)
      .where('id', 'in', ids)
      .execute();
    for (const r of o)
      groups.push({
        type: 'organisation',
        id: r.id,
        name: r.name,
        slug: r.slug,
        sector: r.sector,
        districtId: r.district_id,
        direct: direct.get(r.id) ?? 0,
        viaPeople: via.get(r.id) ?? 0,
      });
    const c = await db
      .selectFrom('community')
      .select(['id', 'name', 'slug', 'district_id'])
      .where('network_id', '=', networkId)
      .where('id', 'in', ids)
      .where('archived_at', 'is', null)
      .execute();
    for (const r of c)
      groups.push({
        type: 'community',
        id: r.id,
        name: r.name,
        slug: r.slug,
        sector: null,
        districtId: r.district_id,
        direct: 0,
        viaPeople: via.get(r.id) ?? 0,
      });
  }
  groups.sort(
    (a, b) => b.direct + b.viaPeople - (a.direct + a.viaPeople) || a.name.localeCompare(b.name, 'de'),
  );
  const total = others.rows.reduce((s, r) => s + r.n, 0);
  const online = others.rows.reduce((s, r) => s + r.online, 0);
  return {
    since,
    interactions: { total, online, offline: total - online },
    people: counted.length,
    peopleOptedOut: people.length - counted.length,
    groups,
  };
}
