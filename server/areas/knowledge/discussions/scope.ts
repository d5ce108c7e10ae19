import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';

/**
 * Threads that belong to a community (`discussion_thread.community_id`). Communities are another area's
 * (Räume & Brücken), and so is the rule of who belongs to one: that area registers it here, the way the
 * areas register what the time bank can pay for — Wissen imports no other area and names none of its
 * tables. The rule comes as SQL over the other area's tables, so every list, count, digest and search
 * entry of Wissen asks the same question in the same query as the threads themselves.
 *
 * What Wissen makes of it, the one definition every part uses:
 * - read: a thread of no community, of a community that is not members-only, or — members-only — by its
 *   active members; to everyone else such a thread does not exist (404, missing from every list, search,
 *   digest, follow and dossier). Instance admins have no extra right here: a members-only community's
 *   talk is its members' business.
 * - write (start, reply): a thread of no community, as before; a community's thread only by its active
 *   members, while it takes part (not archived).
 * - found by the network's search: only what anyone may read (members-only threads never enter it).
 * - first-post review: the members of a members-only community were accepted by its moderators, who
 *   vouch for them as an organisation does for its members; their posts there do not wait for the
 *   instance admins (who may not read them).
 * Until a rule is registered, a community's thread is read and written by nobody. The rule is
 * registered when the server's areas are put together, so build these SQL fragments for each query —
 * never once when a module loads.
 */

/** SQL referring to a column or a value (the network, the community, the person asking). */
export type SqlValue = RawBuilder<unknown>;

export interface CommunityThreadRules {
  /** true when the community's threads are for its members only */
  membersOnly(network: SqlValue, community: SqlValue): RawBuilder<boolean>;
  /** true when `account` (null: nobody signed in) is an active member of the community */
  member(network: SqlValue, community: SqlValue, account: SqlValue): RawBuilder<boolean>;
  /** true while the community takes part (new threads and replies); an archived one does not */
  active(network: SqlValue, community: SqlValue): RawBuilder<boolean>;
  /** the community's name and slug as a JSON object (`{ "name": …, "slug": … }`), for the thread's label */
  label(network: SqlValue, community: SqlValue): RawBuilder<{ name: string; slug: string } | null>;
}

let rules: CommunityThreadRules | undefined;

/** Called once by the area that owns communities (its part's index.ts). */
export function registerCommunityThreadRules(r: CommunityThreadRules): void {
  if (rules && rules !== r) throw new Error('community thread rules registered twice');
  rules = r;
}

const viewerSql = (viewer: string | null | SqlValue): SqlValue =>
  viewer === null || typeof viewer === 'string' ? sql`${viewer}::uuid` : viewer;

const columns = (alias: string) => ({
  network: sql.ref(`${alias}.network_id`),
  community: sql.ref(`${alias}.community_id`),
});

/**
 * SQL: the thread of alias `alias` may be read by `viewer` — an account id, a column reference
 * (`sql.ref('a.id')`), or null for someone not signed in (then: may anyone read it).
 */
export function threadReadable(alias: string, viewer: string | null | SqlValue): RawBuilder<boolean> {
  const { network, community } = columns(alias);
  if (!rules) return sql<boolean>`(${community} IS NULL)`;
  return sql<boolean>`(${community} IS NULL OR NOT ${rules.membersOnly(network, community)}
    OR ${rules.member(network, community, viewerSql(viewer))})`;
}

/** SQL: `viewer` may start a thread in, or reply to, the thread of alias `alias` (as far as its community goes). */
export function threadWritable(alias: string, viewer: string | null | SqlValue): RawBuilder<boolean> {
  const { network, community } = columns(alias);
  if (!rules) return sql<boolean>`(${community} IS NULL)`;
  return sql<boolean>`(${community} IS NULL OR (${rules.active(network, community)}
    AND ${rules.member(network, community, viewerSql(viewer))}))`;
}

/** SQL: the members of the thread's community vouch for `viewer` (members-only, and a member). */
export function threadVouched(alias: string, viewer: string | null | SqlValue): RawBuilder<boolean> {
  const { network, community } = columns(alias);
  if (!rules) return sql<boolean>`false`;
  return sql<boolean>`(${community} IS NOT NULL AND ${rules.membersOnly(network, community)}
    AND ${rules.member(network, community, viewerSql(viewer))})`;
}

/** SQL: the label of the thread's community (null for a thread of none). */
export function threadCommunityLabel(alias: string): RawBuilder<{ name: string; slug: string } | null> {
  const { network, community } = columns(alias);
  if (!rules) return sql`NULL::json`;
  return sql`CASE WHEN ${community} IS NULL THEN NULL ELSE ${rules.label(network, community)} END`;
}

/** What one person may do with one thread as far as its community goes (a thread of none: everything). */
export async function communityAccess(
  db: Executor,
  networkId: string,
  threadId: string,
  viewer: string | null,
): Promise<{ read: boolean; write: boolean; vouched: boolean }> {
  const row = await db
    .selectFrom('discussion_thread as t')
    .select([
      threadReadable('t', viewer).as('read'),
      threadWritable('t', viewer).as('write'),
      threadVouched('t', viewer).as('vouched'),
    ])
    .where('t.network_id', '=', networkId)
    .where('t.id', '=', threadId)
    .executeTakeFirst();
  return { read: row?.read === true, write: row?.write === true, vouched: row?.vouched === true };
}

/** Whether a new thread may be started in the community by `accountId` (and whether they are vouched for there). */
export async function communityStartAccess(
  db: Executor,
  networkId: string,
  communityId: string,
  accountId: string,
): Promise<{ write: boolean; vouched: boolean }> {
  if (!rules) return { write: false, vouched: false };
  const network = sql`${networkId}::uuid`;
  const community = sql`${communityId}::uuid`;
  const account = viewerSql(accountId);
  const r = await sql<{ write: boolean; vouched: boolean }>`SELECT
      (${rules.active(network, community)} AND ${rules.member(network, community, account)}) AS write,
      (${rules.membersOnly(network, community)} AND ${rules.member(network, community, account)}) AS vouched`.execute(
    db,
  );
  const row = r.rows[0];
  return { write: row?.write === true, vouched: row?.vouched === true };
}

/** Whether the community's threads are for its members only (then they stay out of the search). */
export async function communityMembersOnly(
  db: Executor,
  networkId: string,
  communityId: string,
): Promise<boolean> {
  if (!rules) return true;
  const r = await sql<{ only: boolean }>`SELECT ${rules.membersOnly(
    sql`${networkId}::uuid`,
    sql`${communityId}::uuid`,
  )} AS only`.execute(db);
  return r.rows[0]?.only !== false;
}
