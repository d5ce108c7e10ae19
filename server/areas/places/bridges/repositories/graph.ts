import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';
import type { NodeKey } from '../distance.ts';
import type { Party } from '../match.ts';

/**
 * The graph the bridges are measured on, read from the interaction record every area writes.
 *
 * A node is an organisation or a community (not archived). A confirmed interaction ties its two
 * sides: an organisation stands for itself, a person for every organisation they belong to (any
 * role) and every community they are an active member of. A support circle's interactions never
 * count, not even anonymously: a circle is private, and whom it brings together is not the
 * network's business. Ties have no weight here — one meeting is enough to know each other.
 */

/** The organisations and the communities of the network, with what "far apart" compares. */
export async function parties(db: Executor, networkId: string): Promise<Party[]> {
  const [orgs, communities] = await Promise.all([
    db
      .selectFrom('organisation')
      .select(['id', 'name', 'sector', 'district_id'])
      .where('network_id', '=', networkId)
      .execute(),
    db
      .selectFrom('community')
      .select(['id', 'name', 'district_id'])
      .where('network_id', '=', networkId)
      .where('archived_at', 'is', null)
      .execute(),
  ]);
  return [
    ...orgs.map((o) => ({
      type: 'organisation' as const,
      id: o.id,
      name: o.name,
      sector: o.sector,
      districtId: o.district_id,
    })),
    ...communities.map((c) => ({
      type: 'community' as const,
      id: c.id,
      name: c.name,
      sector: 'community' as const,
      districtId: c.district_id,
    })),
  ];
}

/** Who belongs where: a person's organisations (any role) and active communities. */
const belonging = (networkId: string) => sql`
  SELECT m.account_id, 'organisation'::text AS node_type, m.organisation_id AS node_id
  FROM membership m WHERE m.network_id = ${networkId}::uuid
  UNION
  SELECT cm.account_id, 'community', cm.community_id
  FROM community_member cm
  JOIN community c ON c.network_id = cm.network_id AND c.id = cm.community_id AND c.archived_at IS NULL
  WHERE cm.network_id = ${networkId}::uuid AND cm.status = 'active'`;

/** An interaction's side → the nodes it stands for: an organisation itself, a person where they belong. */
const sides = (networkId: string) => sql`
  SELECT 'organisation'::text AS party_type, o.id AS party_id, 'organisation'::text AS node_type, o.id AS node_id
  FROM organisation o WHERE o.network_id = ${networkId}::uuid
  UNION ALL
  SELECT 'person', b.account_id, b.node_type, b.node_id FROM (${belonging(networkId)}) b`;

/** Every tie between two nodes, once (in one order), from the confirmed interactions outside the circles. */
export async function ties(db: Executor, networkId: string): Promise<[NodeKey, NodeKey][]> {
  const r = await sql<{ x: NodeKey; y: NodeKey }>`
    WITH pairs AS (
      SELECT DISTINCT a_type, a_id, b_type, b_id FROM interaction
      WHERE network_id = ${networkId}::uuid AND status = 'confirmed' AND area <> 'support'),
    side AS (${sides(networkId)})
    SELECT DISTINCT least(sa.node_type || ':' || sa.node_id, sb.node_type || ':' || sb.node_id) AS x,
           greatest(sa.node_type || ':' || sa.node_id, sb.node_type || ':' || sb.node_id) AS y
    FROM pairs p
    JOIN side sa ON sa.party_type = p.a_type AND sa.party_id = p.a_id
    JOIN side sb ON sb.party_type = p.b_type AND sb.party_id = p.b_id
    WHERE sa.node_id <> sb.node_id`.execute(db);
  return r.rows.map((row) => [row.x, row.y]);
}

/** Pairs of nodes with a person in both (`x|y`, both orders): they know each other through that person. */
export async function sharedMembers(db: Executor, networkId: string): Promise<Set<string>> {
  const r = await sql<{ x: string; y: string }>`
    WITH belongs AS (${belonging(networkId)})
    SELECT DISTINCT p.node_type || ':' || p.node_id AS x, q.node_type || ':' || q.node_id AS y
    FROM belongs p JOIN belongs q ON q.account_id = p.account_id AND q.node_id <> p.node_id`.execute(db);
  return new Set(r.rows.map((row) => `${row.x}|${row.y}`));
}

/** Whether a confirmed interaction outside the circles joined the two since `since`; its id if so. */
export async function interactionBetween(
  db: Executor,
  networkId: string,
  a: { type: 'organisation' | 'community'; id: string },
  b: { type: 'organisation' | 'community'; id: string },
  since: Date,
): Promise<string | undefined> {
  const r = await sql<{ id: string }>`
    WITH side AS (${sides(networkId)})
    SELECT i.id FROM interaction i
    JOIN side sa ON sa.party_type = i.a_type AND sa.party_id = i.a_id
    JOIN side sb ON sb.party_type = i.b_type AND sb.party_id = i.b_id
    WHERE i.network_id = ${networkId}::uuid AND i.status = 'confirmed' AND i.area <> 'support'
      AND i.occurred_at >= ${since}
      AND ((sa.node_type = ${a.type} AND sa.node_id = ${a.id}::uuid
            AND sb.node_type = ${b.type} AND sb.node_id = ${b.id}::uuid)
        OR (sa.node_type = ${b.type} AND sa.node_id = ${b.id}::uuid
            AND sb.node_type = ${a.type} AND sb.node_id = ${a.id}::uuid))
    ORDER BY i.occurred_at, i.id
    LIMIT 1`.execute(db);
  return r.rows[0]?.id;
}
