import { sql } from 'kysely';
import type { FlagReason } from '../db/schema.ts';
import { type Executor, insertTogether } from '../db/tx.ts';
import { notFound, Problem } from '../http/problem.ts';
import { audit, auditInsert } from './audit.ts';
import { notificationInsert } from './notifications.ts';

/**
 * Moderation: anyone signed in flags content; instance admins hide it or dismiss the flag.
 * Hidden content stays in its area's tables (so hiding can be undone and audited) but every area
 * filters it with isHidden / hiddenIds, and search stops finding it. Whoever reported it hears of
 * the outcome (not who decided, nor the moderator's reason).
 */

export interface FlagInput {
  networkId: string;
  reporterId: string;
  entityType: string;
  entityId: string;
  reason: FlagReason;
  note?: string;
  ip?: string | null;
}

/**
 * Entity types whose existence this module can check; other areas' types are taken on trust. What
 * arrived by ActivityPub (interop/activitypub: 'remote_event', 'remote_post') has no search entry,
 * so it is named and linked from its own row here.
 */
const knownTables = {
  person: 'account',
  organisation: 'organisation',
  district: 'district',
  remote_event: 'remote_event',
  remote_post: 'remote_post',
} as const;

/** The column that names a thing of each known type. */
const nameColumns = {
  account: 'display_name',
  organisation: 'name',
  district: 'name',
  remote_event: 'title',
  remote_post: 'title',
} as const;

async function exists(db: Executor, networkId: string, entityType: string, entityId: string) {
  const table = knownTables[entityType as keyof typeof knownTables];
  if (!table) return true;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', entityId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a flag. A person has at most one open flag on a thing (a unique index holds this under
 * concurrency too); a second one is a 409. Nothing of a support circle can be reported (422).
 */
export async function createFlag(db: Executor, f: FlagInput): Promise<string> {
  // The moderation queue is the instance admins', and circles are invisible to them: a circle's
  // content is dealt with by its coordinators, and a report would name the circle and its member.
  if (f.entityType === 'circle' || f.entityType.startsWith('circle_')) {
    throw new Problem(422, 'flag.circle', {
      fields: [{ field: '/entityType', code: 'flag.circle' }],
    });
  }
  if (!(await exists(db, f.networkId, f.entityType, f.entityId))) throw notFound();
  const open = await db
    .selectFrom('flag')
    .select('id')
    .where('network_id', '=', f.networkId)
    .where('entity_type', '=', f.entityType)
    .where('entity_id', '=', f.entityId)
    .where('reporter_id', '=', f.reporterId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) throw new Problem(409, 'duplicate');
  const { id } = await db
    .insertInto('flag')
    .values({
      network_id: f.networkId,
      entity_type: f.entityType,
      entity_id: f.entityId,
      reporter_id: f.reporterId,
      reason: f.reason,
      note: f.note?.trim() ?? '',
      resolved_by: null,
      resolved_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, {
    networkId: f.networkId,
    actorId: f.reporterId,
    action: 'flag.created',
    entityType: f.entityType,
    entityId: f.entityId,
    details: { flagId: id, reason: f.reason },
    ip: f.ip,
  });
  return id;
}

export type FlagStatus = 'open' | 'hidden' | 'dismissed';

/**
 * The moderation queue: each flag with its reporter and what was reported — its title and link from
 * its search entry (kept, marked hidden, when the thing is hidden), else the name of a person,
 * organisation or district, or a remote event's or post's title with where it is from
 * (`… (@group@other.town)`) and its original's address as the link. Never anything of a support
 * circle: those cannot be reported, and a row that names one (from before that rule) is left out.
 */
export async function listFlags(
  db: Executor,
  networkId: string,
  opts: { status?: FlagStatus; limit: number; offset: number },
) {
  let q = db
    .selectFrom('flag as f')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'f.network_id').onRef('a.id', '=', 'f.reporter_id'),
    )
    .leftJoin('search_document as s', (j) =>
      j
        .onRef('s.network_id', '=', 'f.network_id')
        .onRef('s.entity_type', '=', 'f.entity_type')
        .onRef('s.entity_id', '=', 'f.entity_id'),
    )
    .leftJoin('account as rp', (j) =>
      j
        .onRef('rp.network_id', '=', 'f.network_id')
        .onRef('rp.id', '=', 'f.entity_id')
        .on('f.entity_type', '=', 'person'),
    )
    .leftJoin('organisation as ro', (j) =>
      j
        .onRef('ro.network_id', '=', 'f.network_id')
        .onRef('ro.id', '=', 'f.entity_id')
        .on('f.entity_type', '=', 'organisation'),
    )
    .leftJoin('district as rd', (j) =>
      j
        .onRef('rd.network_id', '=', 'f.network_id')
        .onRef('rd.id', '=', 'f.entity_id')
        .on('f.entity_type', '=', 'district'),
    )
    .leftJoin('remote_event as rev', (j) =>
      j
        .onRef('rev.network_id', '=', 'f.network_id')
        .onRef('rev.id', '=', 'f.entity_id')
        .on('f.entity_type', '=', 'remote_event'),
    )
    .leftJoin('remote_post as rpo', (j) =>
      j
        .onRef('rpo.network_id', '=', 'f.network_id')
        .onRef('rpo.id', '=', 'f.entity_id')
        .on('f.entity_type', '=', 'remote_post'),
    )
    .leftJoin('remote_actor as rac', (j) =>
      j
        .onRef('rac.network_id', '=', 'f.network_id')
        .on((eb) =>
          eb.or([
            eb('rac.id', '=', eb.ref('rev.remote_actor_id')),
            eb('rac.id', '=', eb.ref('rpo.remote_actor_id')),
          ]),
        ),
    )
    .where('f.network_id', '=', networkId)
    .where('f.entity_type', 'not like', 'circle%');
  if (opts.status) q = q.where('f.status', '=', opts.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'f.id',
        'f.entity_type',
        'f.entity_id',
        'f.reason',
        'f.note',
        'f.status',
        'f.created_at',
        'a.display_name as reporter_name',
        // a remote thing's original: its url (an http(s) address by the inbox), else its id if it is one
        sql<string | null>`coalesce(s.link, rev.url, rpo.url,
          CASE WHEN coalesce(rev.uri, rpo.uri) ~* '^https?://' THEN coalesce(rev.uri, rpo.uri) END)`.as(
          'link',
        ),
        sql<string>`coalesce(s.title, rp.display_name, ro.name, rd.name,
          coalesce(rev.title, rpo.title) || ' (' || coalesce(nullif(rac.handle, ''), rac.domain) || ')', '')`.as(
          'title',
        ),
      ])
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

async function openFlag(db: Executor, networkId: string, flagId: string) {
  const flag = await db
    .selectFrom('flag')
    .select(['id', 'entity_type', 'entity_id', 'status', 'reporter_id', 'created_at'])
    .where('network_id', '=', networkId)
    .where('id', '=', flagId)
    .forUpdate()
    .executeTakeFirst();
  if (!flag) throw notFound();
  if (flag.status !== 'open') throw new Problem(409, 'flag.resolved');
  return flag;
}

/**
 * What a reported thing was called where the reporter saw it: its search entry's title, else its
 * own name for the types this module knows; empty when it has none.
 */
async function reportedName(db: Executor, networkId: string, entityType: string, entityId: string) {
  const doc = await db
    .selectFrom('search_document')
    .select('title')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  if (doc) return doc.title;
  const table = knownTables[entityType as keyof typeof knownTables];
  if (!table) return '';
  const row = await db
    .selectFrom(table)
    .select(sql<string>`${sql.ref(nameColumns[table])}`.as('name'))
    .where('network_id', '=', networkId)
    .where('id', '=', entityId)
    .executeTakeFirst();
  return row?.name ?? '';
}

/** Tells the reporters of resolved flags the outcome, leaving out the moderator's own report. */
async function reportersTold(
  db: Executor,
  networkId: string,
  actorId: string,
  flag: { entity_type: string; entity_id: string },
  kind: 'flag.hidden' | 'flag.dismissed',
  reports: { reporter_id: string; created_at: Date }[],
) {
  const others = reports.filter((r) => r.reporter_id !== actorId);
  if (others.length === 0) return null;
  const reported = await reportedName(db, networkId, flag.entity_type, flag.entity_id);
  return notificationInsert(
    db,
    others.map((r) => ({
      networkId,
      accountId: r.reporter_id,
      kind,
      params: { reported, reportedAt: r.created_at.toISOString() },
      link: null,
    })),
  );
}

/**
 * Hides the flagged thing: records it in hidden_content, takes it out of search, and resolves
 * every open flag on it (not only this one), all in the caller's transaction with the audit entry
 * and a notification to each of their reporters.
 */
export async function hideFlagged(
  db: Executor,
  h: { networkId: string; flagId: string; actorId: string; reason: string; ip?: string | null },
): Promise<void> {
  const flag = await openFlag(db, h.networkId, h.flagId);
  await db
    .insertInto('hidden_content')
    .values({
      network_id: h.networkId,
      entity_type: flag.entity_type,
      entity_id: flag.entity_id,
      hidden_by: h.actorId,
      reason: h.reason,
    })
    .onConflict((oc) => oc.columns(['network_id', 'entity_type', 'entity_id']).doNothing())
    .execute();
  await db
    .updateTable('search_document')
    .set({ hidden: true })
    .where('network_id', '=', h.networkId)
    .where('entity_type', '=', flag.entity_type)
    .where('entity_id', '=', flag.entity_id)
    .execute();
  const resolved = await db
    .updateTable('flag')
    .set({ status: 'hidden', resolved_by: h.actorId, resolved_at: sql`now()` })
    .where('network_id', '=', h.networkId)
    .where('entity_type', '=', flag.entity_type)
    .where('entity_id', '=', flag.entity_id)
    .where('status', '=', 'open')
    .returning(['reporter_id', 'created_at'])
    .execute();
  await insertTogether(db, [
    auditInsert(db, {
      networkId: h.networkId,
      actorId: h.actorId,
      action: 'content.hidden',
      entityType: flag.entity_type,
      entityId: flag.entity_id,
      details: { flagId: flag.id, reason: h.reason, flagsResolved: resolved.length },
      ip: h.ip,
    }),
    await reportersTold(db, h.networkId, h.actorId, flag, 'flag.hidden', resolved),
  ]);
}

/** Closes one flag without action, and tells its reporter. */
export async function dismissFlag(
  db: Executor,
  d: { networkId: string; flagId: string; actorId: string; ip?: string | null },
): Promise<void> {
  const flag = await openFlag(db, d.networkId, d.flagId);
  await db
    .updateTable('flag')
    .set({ status: 'dismissed', resolved_by: d.actorId, resolved_at: sql`now()` })
    .where('network_id', '=', d.networkId)
    .where('id', '=', flag.id)
    .execute();
  await insertTogether(db, [
    auditInsert(db, {
      networkId: d.networkId,
      actorId: d.actorId,
      action: 'flag.dismissed',
      entityType: flag.entity_type,
      entityId: flag.entity_id,
      details: { flagId: flag.id },
      ip: d.ip,
    }),
    await reportersTold(db, d.networkId, d.actorId, flag, 'flag.dismissed', [flag]),
  ]);
}

/**
 * Whether a moderator hid the row of `alias` (a thing of `entityType`), as an SQL condition: for
 * queries that filter or mark hidden rows in the same statement. `alias` is a table alias of ours,
 * never input.
 */
export function hiddenSql(entityType: string, alias: string) {
  const t = sql.raw(alias);
  return sql<boolean>`EXISTS (SELECT 1 FROM hidden_content h WHERE h.network_id = ${t}.network_id
    AND h.entity_type = ${entityType} AND h.entity_id = ${t}.id)`;
}

/** Whether a moderator hid this thing. Areas answer 404 for hidden content to everyone but moderators. */
export async function isHidden(
  db: Executor,
  networkId: string,
  entityType: string,
  entityId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('hidden_content')
    .select('entity_id')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The subset of `ids` that is hidden, for filtering a list in one query. */
export async function hiddenIds(
  db: Executor,
  networkId: string,
  entityType: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('hidden_content')
    .select('entity_id')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.entity_id));
}
