import { sql } from 'kysely';
import type { FreshnessTarget } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';
import type { FreshnessSubject } from '../policies/freshness.ts';

/**
 * All SQL of freshness: the wiki page or map report a note or check is about, readers' notes
 * (knowledge_outdated), the coordinator's list of stale content, and the reminders' sweep
 * (knowledge_review_reminder). Every function takes the executor (db or tx).
 */

export interface SubjectRow extends FreshnessSubject {
  id: string;
  title: string;
  /** the wiki page's slug (null for a map report) */
  slug: string | null;
  organisationName: string | null;
  organisationSlug: string | null;
  owner_id: string | null;
  review_interval_days: number;
  reviewed_at: Date;
}

/** The thing as freshness sees it; `lock` holds its row until the transaction ends. */
export async function findSubject(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SubjectRow | undefined> {
  if (type === 'wiki_page') {
    let q = db
      .selectFrom('wiki_page as p')
      .leftJoin('organisation as o', (j) =>
        j.onRef('o.network_id', '=', 'p.network_id').onRef('o.id', '=', 'p.organisation_id'),
      )
      .select([
        'p.id',
        'p.title',
        'p.slug',
        'p.organisation_id',
        'p.visibility',
        'p.archived_at',
        'p.owner_id',
        'p.created_by',
        'p.review_interval_days',
        'p.reviewed_at',
        'o.name as organisation_name',
        'o.slug as organisation_slug',
      ])
      .where('p.network_id', '=', networkId)
      .where('p.id', '=', id);
    if (opts.lock) q = q.forUpdate('p');
    const r = await q.executeTakeFirst();
    return (
      r && {
        type,
        id: r.id,
        title: r.title,
        slug: r.slug,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        organisationSlug: r.organisation_slug,
        visibility: r.visibility,
        archived: r.archived_at !== null,
        ownerId: r.owner_id,
        authorId: r.created_by,
        owner_id: r.owner_id,
        review_interval_days: r.review_interval_days,
        reviewed_at: r.reviewed_at,
      }
    );
  }
  let q = db
    .selectFrom('map_report')
    .select(['id', 'title', 'owner_id', 'author_id', 'review_interval_days', 'reviewed_at'])
    .where('network_id', '=', networkId)
    .where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return (
    r && {
      type,
      id: r.id,
      title: r.title,
      slug: null,
      organisationId: null,
      organisationName: null,
      organisationSlug: null,
      visibility: 'public',
      archived: false,
      ownerId: r.owner_id,
      authorId: r.author_id,
      owner_id: r.owner_id,
      review_interval_days: r.review_interval_days,
      reviewed_at: r.reviewed_at,
    }
  );
}

/** How many people an owner is chosen from at most (the form's list). */
export const candidateLimit = 200;

/**
 * The people who may own the thing — its editors (policies/freshness.ts `edit`) — by name: the
 * staff and admins of the page's organisation (of any organisation for a network page) and the
 * instance admins; for a map report its author and the instance admins. Blocked accounts are left out.
 */
export async function ownerCandidates(db: Executor, networkId: string, s: FreshnessSubject) {
  let q = db
    .selectFrom('account as a')
    .select(['a.id', 'a.display_name as name'])
    .where('a.network_id', '=', networkId)
    .where('a.blocked_at', 'is', null);
  if (s.type === 'map_report') {
    q = q.where((eb) =>
      eb.or([eb('a.is_instance_admin', '=', true), ...(s.authorId ? [eb('a.id', '=', s.authorId)] : [])]),
    );
  } else {
    const orgId = s.organisationId;
    q = q.where((eb) =>
      eb.or([
        // an instance admin sees a members-only page only as one of its members
        s.visibility === 'members' && orgId
          ? eb.and([
              eb('a.is_instance_admin', '=', true),
              eb.exists(
                eb
                  .selectFrom('membership as m')
                  .select('m.account_id')
                  .whereRef('m.network_id', '=', 'a.network_id')
                  .whereRef('m.account_id', '=', 'a.id')
                  .where('m.organisation_id', '=', orgId),
              ),
            ])
          : eb('a.is_instance_admin', '=', true),
        eb.exists(
          eb
            .selectFrom('membership as m')
            .select('m.account_id')
            .whereRef('m.network_id', '=', 'a.network_id')
            .whereRef('m.account_id', '=', 'a.id')
            .where('m.role', 'in', ['staff', 'admin'])
            .$if(orgId !== null, (w) => w.where('m.organisation_id', '=', orgId as string)),
        ),
      ]),
    );
  }
  return q.orderBy('a.display_name').orderBy('a.id').limit(candidateLimit).execute();
}

/** Readers' notes still open on a thing, oldest first, with who wrote them. */
export async function openNotes(db: Executor, networkId: string, type: FreshnessTarget, id: string) {
  return db
    .selectFrom('knowledge_outdated as n')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'n.network_id').onRef('a.id', '=', 'n.reporter_id'),
    )
    .select(['n.id', 'n.note', 'n.reporter_id', 'a.display_name as reporter_name', 'n.created_at'])
    .where('n.network_id', '=', networkId)
    .where('n.target_type', '=', type)
    .where('n.target_id', '=', id)
    .where('n.resolved_at', 'is', null)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

/** Whether the person has an open note on the thing. */
export async function hasOpenNote(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  reporterId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('knowledge_outdated')
    .select('id')
    .where('network_id', '=', networkId)
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('reporter_id', '=', reporterId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertNote(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  reporterId: string,
  note: string,
): Promise<string> {
  const row = await db
    .insertInto('knowledge_outdated')
    .values({ network_id: networkId, target_type: type, target_id: id, reporter_id: reporterId, note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Closes every open note on the thing; returns who had written them. */
export async function resolveNotes(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  by: string,
): Promise<(string | null)[]> {
  const rows = await db
    .updateTable('knowledge_outdated')
    .set({ resolved_at: new Date(), resolved_by: by })
    .where('network_id', '=', networkId)
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('resolved_at', 'is', null)
    .returning('reporter_id')
    .execute();
  return rows.map((r) => r.reporter_id);
}

export async function markReviewed(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable(type)
    .set({ reviewed_at: at })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function setOwnership(
  db: Executor,
  networkId: string,
  type: FreshnessTarget,
  id: string,
  f: { ownerId: string | null; reviewIntervalDays: number },
): Promise<void> {
  await db
    .updateTable(type)
    .set({ owner_id: f.ownerId, review_interval_days: f.reviewIntervalDays })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export interface StaleRow {
  target_type: FreshnessTarget;
  id: string;
  title: string;
  slug: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_slug: string | null;
  owner_id: string | null;
  review_interval_days: number;
  reviewed_at: Date;
  due_at: Date;
}

const dueOf = (alias: string) =>
  sql.raw(`(${alias}.reviewed_at + ${alias}.review_interval_days * interval '1 day')`);

/** A map report that is done or rejected is closed: nobody is asked to check it any more. */
const closedReport = sql`('done', 'rejected')`;

/**
 * Stale things — the check is overdue or a reader's note is open — the actor may see and is asked
 * to check, most overdue first. `scope` says which: `confirmable` everything the actor may confirm
 * (policies/freshness.ts `confirm`: an instance admin all, staff their organisations' pages and the
 * network's pages, anyone what they own or wrote as a map report), `owned` only what they own.
 */
export async function listStale(
  db: Executor,
  networkId: string,
  actor: Actor & { accountId: string },
  opts: { scope: 'confirmable' | 'owned'; limit: number; offset: number; now: Date },
): Promise<{ items: StaleRow[]; total: number }> {
  const me = actor.accountId;
  const memberOrgs = [...actor.roles.keys()];
  const staffOrgs = memberOrgs.filter((o) => actsFor(actor, o));
  const admin = actor.isInstanceAdmin && opts.scope === 'confirmable';
  const all = opts.scope === 'confirmable';
  const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
  const openNote = (type: FreshnessTarget, alias: string) =>
    sql`EXISTS (SELECT 1 FROM knowledge_outdated n WHERE n.network_id = ${sql.raw(alias)}.network_id
        AND n.target_type = ${type} AND n.target_id = ${sql.raw(alias)}.id AND n.resolved_at IS NULL)`;
  const wikiScope = all
    ? sql`(${admin} OR p.owner_id = ${me} OR p.organisation_id = ANY(${uuids(staffOrgs)})
          OR (p.organisation_id IS NULL AND ${staffOrgs.length > 0}))`
    : sql`p.owner_id = ${me}`;
  const reportScope = all
    ? sql`(${admin} OR r.owner_id = ${me} OR r.author_id = ${me})`
    : sql`r.owner_id = ${me}`;
  const stale = sql`
    SELECT 'wiki_page'::text AS target_type, p.id, p.title, p.slug, p.organisation_id,
           o.name AS organisation_name, o.slug AS organisation_slug, p.owner_id,
           p.review_interval_days, p.reviewed_at, ${dueOf('p')} AS due_at
      FROM wiki_page p
      LEFT JOIN organisation o ON o.network_id = p.network_id AND o.id = p.organisation_id
     WHERE p.network_id = ${networkId} AND p.archived_at IS NULL
       AND (p.visibility = 'public' OR (p.visibility = 'signed_in' AND ${isSignedIn(actor)})
            OR (p.visibility = 'members' AND p.organisation_id = ANY(${uuids(memberOrgs)})))
       AND ${wikiScope}
       AND (${dueOf('p')} <= ${opts.now} OR ${openNote('wiki_page', 'p')})
    UNION ALL
    SELECT 'map_report'::text, r.id, r.title, NULL, NULL::uuid, NULL, NULL, r.owner_id, r.review_interval_days, r.reviewed_at, ${dueOf('r')}
      FROM map_report r
     WHERE r.network_id = ${networkId} AND r.status NOT IN ${closedReport}
       AND ${reportScope}
       AND (${dueOf('r')} <= ${opts.now} OR ${openNote('map_report', 'r')})`;
  const [items, count] = await Promise.all([
    sql<StaleRow>`SELECT * FROM (${stale}) s ORDER BY due_at, title, id LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(
      db,
    ),
    sql<{ n: string }>`SELECT count(*) AS n FROM (${stale}) s`.execute(db),
  ]);
  return {
    items: items.rows.map((r) => ({
      ...r,
      reviewed_at: new Date(r.reviewed_at),
      due_at: new Date(r.due_at),
    })),
    total: Number(count.rows[0]?.n ?? 0),
  };
}

export interface DueReminder {
  target_type: FreshnessTarget;
  target_id: string;
  owner_id: string;
  due_at: Date;
  title: string;
}

/**
 * The sweep: every thing whose check is due and whose owner has not been asked for this due date
 * yet gets its reminder row — the primary key (thing, due date) lets only one sweep write it — and
 * the rows written are returned, to notify exactly those. Archived pages, closed map reports, blocked
 * owners and owners who can no longer see a members-only page are left out.
 */
export async function claimDueReminders(db: Executor, networkId: string, now: Date): Promise<DueReminder[]> {
  const r = await sql<DueReminder>`
    WITH due AS (
      SELECT 'wiki_page'::text AS target_type, p.id, p.owner_id, ${dueOf('p')} AS due_at, p.title
        FROM wiki_page p
        JOIN account a ON a.network_id = p.network_id AND a.id = p.owner_id AND a.blocked_at IS NULL
       WHERE p.network_id = ${networkId} AND p.archived_at IS NULL AND ${dueOf('p')} <= ${now}
         AND (p.visibility <> 'members' OR EXISTS (SELECT 1 FROM membership m WHERE m.network_id = p.network_id
              AND m.account_id = p.owner_id AND m.organisation_id = p.organisation_id))
      UNION ALL
      SELECT 'map_report'::text, r.id, r.owner_id, ${dueOf('r')}, r.title
        FROM map_report r
        JOIN account a ON a.network_id = r.network_id AND a.id = r.owner_id AND a.blocked_at IS NULL
       WHERE r.network_id = ${networkId} AND r.status NOT IN ${closedReport} AND ${dueOf('r')} <= ${now}
    ), claimed AS (
      INSERT INTO knowledge_review_reminder (network_id, target_type, target_id, due_at, owner_id)
      SELECT ${networkId}, target_type, id, due_at, owner_id FROM due
      ON CONFLICT DO NOTHING
      RETURNING target_type, target_id, due_at, owner_id
    )
    SELECT c.target_type, c.target_id, c.owner_id, c.due_at, d.title
      FROM claimed c JOIN due d ON d.target_type = c.target_type AND d.id = c.target_id
     ORDER BY c.due_at, c.target_id`.execute(db);
  return r.rows.map((x) => ({ ...x, due_at: new Date(x.due_at) }));
}
