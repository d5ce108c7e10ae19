import { sql } from 'kysely';
import type { CommunityThreadRules } from '../../knowledge/index.ts';

/**
 * Who may read and write a community's threads — Wissen's discussions, reused — as SQL over this part's
 * tables, registered with Wissen (./index.ts), which asks it in every list, count, digest and search
 * entry of its threads: a community that accepts members by request keeps its threads to its active
 * members; one anyone may join shows them to everyone; only active members write, and nobody once it is
 * archived. (Wissen's scope.ts says what it makes of these.)
 */
export const communityThreadRules: CommunityThreadRules = {
  membersOnly: (network, community) => sql<boolean>`EXISTS (SELECT 1 FROM community rc
    WHERE rc.network_id = ${network} AND rc.id = ${community} AND rc.joining = 'request')`,
  member: (network, community, account) => sql<boolean>`EXISTS (SELECT 1 FROM community_member rm
    WHERE rm.network_id = ${network} AND rm.community_id = ${community} AND rm.account_id = ${account}
      AND rm.status = 'active')`,
  active: (network, community) => sql<boolean>`EXISTS (SELECT 1 FROM community rc
    WHERE rc.network_id = ${network} AND rc.id = ${community} AND rc.archived_at IS NULL)`,
  label: (network, community) => sql<{ name: string; slug: string } | null>`(SELECT
    json_build_object('name', rc.name, 'slug', rc.slug) FROM community rc
    WHERE rc.network_id = ${network} AND rc.id = ${community})`,
};
