import { type ExpressionBuilder, sql } from 'kysely';
import type { CircleInvitationRole, CircleRole, ConsentScope, DB } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { isLive } from '../policies/circle.ts';

/** A query that reads the circle as `c`. */
type WithCircle = ExpressionBuilder<DB & { c: DB['circle'] }, 'c'>;

/**
 * The circle's latest consent record: the one with the highest version counts, whatever came before
 * (versions are only appended, see appendConsent). The one place that says which record is current;
 * select its parts with latestConsentKind and latestConsentScope.
 */
const latestConsent = (eb: WithCircle) =>
  eb
    .selectFrom('circle_consent as k')
    .whereRef('k.network_id', '=', 'c.network_id')
    .whereRef('k.circle_id', '=', 'c.id')
    .orderBy('k.version', 'desc')
    .limit(1);

/** Selects `consent_kind`: the kind of the latest consent record of `c`, null when it has none. */
export const latestConsentKind = (eb: WithCircle) => latestConsent(eb).select('k.kind').as('consent_kind');

/** Selects `consent_scope`: the parts the latest consent record of `c` covers, null when it has none. */
export const latestConsentScope = (eb: WithCircle) => latestConsent(eb).select('k.scope').as('consent_scope');

/**
 * Selects `has_owner`: whether anyone owns `c` — the person at the centre or their representative. A
 * circle a professional opened for someone nobody has taken over yet has none: it is being prepared.
 */
export const hasOwner = (eb: WithCircle) =>
  eb
    .exists(
      eb
        .selectFrom('circle_member as o')
        .select('o.account_id')
        .whereRef('o.network_id', '=', 'c.network_id')
        .whereRef('o.circle_id', '=', 'c.id')
        .where('o.role', '=', 'owner'),
    )
    .as('has_owner');

/** A circle as its members see it, with the actor's membership and the latest consent record. */
export async function findCircleFor(db: Executor, networkId: string, circleId: string, accountId: string) {
  return db
    .selectFrom('circle as c')
    .innerJoin('circle_member as m', (j) =>
      j
        .onRef('m.network_id', '=', 'c.network_id')
        .onRef('m.circle_id', '=', 'c.id')
        .on('m.account_id', '=', accountId),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'c.network_id').onRef('o.id', '=', 'c.organisation_id'),
    )
    .selectAll('c')
    .select([
      'm.role',
      'm.notify_needs',
      'm.notify_updates',
      'm.notify_reminders',
      'm.notify_email',
      'm.reminder_hours',
      'o.name as organisation_name',
      latestConsentKind,
      latestConsentScope,
      hasOwner,
    ])
    .where('c.network_id', '=', networkId)
    .where('c.id', '=', circleId)
    .executeTakeFirst();
}
export type CircleForMember = NonNullable<Awaited<ReturnType<typeof findCircleFor>>>;

/** The circles the account belongs to; frozen ones only where it is an owner. */
export async function listCirclesOf(db: Executor, networkId: string, accountId: string) {
  const rows = await db
    .selectFrom('circle as c')
    .innerJoin('circle_member as m', (j) =>
      j
        .onRef('m.network_id', '=', 'c.network_id')
        .onRef('m.circle_id', '=', 'c.id')
        .on('m.account_id', '=', accountId),
    )
    .select([
      'c.id',
      'c.person_label',
      'c.status',
      'c.created_at',
      'm.role',
      latestConsentKind,
      hasOwner,
      (eb) =>
        eb
          .selectFrom('circle_need as n')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('n.network_id', '=', 'c.network_id')
          .whereRef('n.circle_id', '=', 'c.id')
          .where('n.claimed_by', 'is', null)
          .where('n.starts_at', '>', sql<Date>`now()`)
          .where('n.starts_at', '<', sql<Date>`now() + interval '7 days'`)
          .as('unclaimed_this_week'),
    ])
    .where('c.network_id', '=', networkId)
    .orderBy('c.created_at', 'desc')
    .execute();
  return rows.filter((r) => r.role === 'owner' || isLive(r));
}

/** What decides whether the circle is live (isLive in policies/circle.ts); undefined when there is no such circle. */
export async function findCircleState(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle as c')
    .select(['c.status', latestConsentKind])
    .where('c.network_id', '=', networkId)
    .where('c.id', '=', circleId)
    .executeTakeFirst();
}

export async function insertCircle(
  db: Executor,
  networkId: string,
  c: {
    personLabel: string;
    personEmail: string | null;
    personAccountId: string | null;
    organisationId: string | null;
    createdBy: string;
    alertHours?: number;
  },
) {
  return db
    .insertInto('circle')
    .values({
      network_id: networkId,
      person_label: c.personLabel,
      person_email: c.personEmail,
      person_account_id: c.personAccountId,
      organisation_id: c.organisationId,
      created_by: c.createdBy,
      deletion_requested_at: null,
      purge_after: null,
      ...(c.alertHours ? { alert_hours: c.alertHours } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ConsentInput {
  kind: 'granted' | 'withdrawn';
  givenBy: 'person' | 'legal_guardian';
  guardianName: string | null;
  method: 'in_person' | 'written' | 'digital';
  scope: ConsentScope[];
  givenAt: Date;
  note: string;
  organisationId: string | null;
  legalBasis: string | null;
  recordedBy: string;
}

/**
 * Appends the next consent version. The version is the successor of the latest one; two recordings at
 * once collide on the unique (circle, version) key rather than both winning.
 */
export async function appendConsent(db: Executor, networkId: string, circleId: string, k: ConsentInput) {
  const last = await db
    .selectFrom('circle_consent')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .executeTakeFirst();
  return db
    .insertInto('circle_consent')
    .values({
      network_id: networkId,
      circle_id: circleId,
      version: Number(last?.v ?? 0) + 1,
      kind: k.kind,
      given_by: k.givenBy,
      guardian_name: k.guardianName,
      method: k.method,
      scope: k.scope,
      given_at: k.givenAt,
      note: k.note,
      organisation_id: k.organisationId,
      legal_basis: k.legalBasis,
      recorded_by: k.recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listConsents(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_consent as k')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'k.network_id').onRef('a.id', '=', 'k.recorded_by'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'k.network_id').onRef('o.id', '=', 'k.organisation_id'),
    )
    .selectAll('k')
    .select(['a.display_name as recorded_by_name', 'o.name as organisation_name'])
    .where('k.network_id', '=', networkId)
    .where('k.circle_id', '=', circleId)
    .orderBy('k.version', 'desc')
    .execute();
}

export async function updateCircle(
  db: Executor,
  networkId: string,
  circleId: string,
  f: { personLabel?: string; personEmail?: string | null; alertHours?: number },
) {
  await db
    .updateTable('circle')
    .set({
      ...(f.personLabel !== undefined ? { person_label: f.personLabel } : {}),
      ...(f.personEmail !== undefined ? { person_email: f.personEmail } : {}),
      ...(f.alertHours !== undefined ? { alert_hours: f.alertHours } : {}),
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', circleId)
    .execute();
}

// members

export async function addMember(
  db: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  role: CircleRole,
) {
  // joining again never demotes an owner; a new invitation may change any other role
  await db
    .insertInto('circle_member')
    .values({ network_id: networkId, circle_id: circleId, account_id: accountId, role })
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'circle_id', 'account_id'])
        .doUpdateSet({ role })
        .where('circle_member.role', '<>', 'owner'),
    )
    .execute();
}

export async function listMembers(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_member as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['m.account_id', 'm.role', 'm.joined_at', 'a.display_name', 'a.email'])
    .where('m.network_id', '=', networkId)
    .where('m.circle_id', '=', circleId)
    .orderBy('m.joined_at')
    .execute();
}

export async function findMember(db: Executor, networkId: string, circleId: string, accountId: string) {
  return db
    .selectFrom('circle_member')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function setMemberRole(
  db: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  role: Exclude<CircleRole, 'owner'>,
) {
  const r = await db
    .updateTable('circle_member')
    .set({ role })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('account_id', '=', accountId)
    .where('role', '<>', 'owner')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Removes a member with everything that only made sense as a member: open claims and the calendar feed.
 * An owner is removed only when `owner` says so (the person at the centre removing a proxy).
 */
export async function removeMember(
  db: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  owner = false,
) {
  await db
    .updateTable('circle_need')
    .set({ claimed_by: null, claimed_at: null })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('claimed_by', '=', accountId)
    .where('done_at', 'is', null)
    .execute();
  const r = await db
    .deleteFrom('circle_member')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('account_id', '=', accountId)
    .where('role', owner ? '=' : '<>', 'owner')
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function updateSettings(
  db: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  s: {
    notifyNeeds?: boolean;
    notifyUpdates?: boolean;
    notifyReminders?: boolean;
    notifyEmail?: boolean;
    reminderHours?: number;
  },
) {
  return db
    .updateTable('circle_member')
    .set({
      ...(s.notifyNeeds !== undefined ? { notify_needs: s.notifyNeeds } : {}),
      ...(s.notifyUpdates !== undefined ? { notify_updates: s.notifyUpdates } : {}),
      ...(s.notifyReminders !== undefined ? { notify_reminders: s.notifyReminders } : {}),
      ...(s.notifyEmail !== undefined ? { notify_email: s.notifyEmail } : {}),
      ...(s.reminderHours !== undefined ? { reminder_hours: s.reminderHours } : {}),
    })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Members (with account details) who should hear about something, by role and setting. */
export async function membersToNotify(
  db: Executor,
  networkId: string,
  circleId: string,
  roles: CircleRole[],
  setting: 'notify_needs' | 'notify_updates' | 'notify_reminders',
) {
  return db
    .selectFrom('circle_member as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['m.account_id', 'm.role', 'm.notify_email', 'a.email', 'a.locale', 'a.display_name'])
    .where('m.network_id', '=', networkId)
    .where('m.circle_id', '=', circleId)
    .where('m.role', 'in', roles)
    .where(`m.${setting}`, '=', true)
    .where('a.blocked_at', 'is', null)
    .execute();
}

// invitations

export async function insertInvitation(
  db: Executor,
  networkId: string,
  i: {
    circleId: string;
    tokenHash: string;
    role: CircleInvitationRole;
    email: string | null;
    createdBy: string;
    days: number;
  },
) {
  return db
    .insertInto('circle_invitation')
    .values({
      network_id: networkId,
      circle_id: i.circleId,
      token_hash: i.tokenHash,
      role: i.role,
      email: i.email,
      created_by: i.createdBy,
      expires_at: sql<Date>`now() + make_interval(days => ${i.days})`,
      used_at: null,
      used_by: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listOpenInvitations(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_invitation')
    .select(['id', 'role', 'email', 'created_at', 'expires_at', 'created_by'])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeInvitation(db: Executor, networkId: string, circleId: string, id: string) {
  const r = await db
    .updateTable('circle_invitation')
    .set({ revoked_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** An invitation that can still be used, with the circle it is for (only live circles accept members). */
export async function findUsableInvitation(db: Executor, networkId: string, tokenHash: string, lock = false) {
  let q = db
    .selectFrom('circle_invitation as i')
    .innerJoin('circle as c', (j) =>
      j.onRef('c.network_id', '=', 'i.network_id').onRef('c.id', '=', 'i.circle_id'),
    )
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'i.network_id').onRef('a.id', '=', 'i.created_by'),
    )
    .select([
      'i.id',
      'i.circle_id',
      'i.role',
      'i.email',
      'i.expires_at',
      'i.created_by',
      'c.created_by as circle_created_by',
      'c.person_label',
      'c.person_account_id',
      'c.status',
      'a.display_name as inviter_name',
      latestConsentKind,
    ])
    .where('i.network_id', '=', networkId)
    .where('i.token_hash', '=', tokenHash)
    .where('i.used_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`);
  if (lock) q = q.forUpdate('i');
  const inv = await q.executeTakeFirst();
  if (!inv || !isLive(inv)) return undefined;
  return inv;
}

/** Marks an invitation used; false when someone else used it first. */
export async function useInvitation(db: Executor, networkId: string, id: string, accountId: string) {
  const r = await db
    .updateTable('circle_invitation')
    .set({ used_at: sql`now()`, used_by: accountId })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setPersonAccount(db: Executor, networkId: string, circleId: string, accountId: string) {
  await db
    .updateTable('circle')
    .set({ person_account_id: accountId, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', circleId)
    .execute();
}

// access log and deletion

/** Reads of the same part by the same person with at most this gap are one visit in the access log. */
export const visitGapMinutes = 30;

export interface AccessLogRow {
  id: string;
  action: string;
  what: string;
  at: Date;
  /** When the visit began; equals `at` for a single entry */
  first_at: Date;
  /** How many reads the visit holds (1 for anything else) */
  count: number;
  actor_id: string | null;
  actor_name: string | null;
}

/**
 * Who read or changed what in the circle, newest first. With `visits`, the reads of one part of the
 * circle by one person, each within visitGapMinutes of the one before, are one entry with their
 * count and first time — a professional who opens the updates sees one line, not one per photo.
 * Changes are always single entries. Without it, every row of the log (for the owner's export).
 */
export async function accessLog(
  db: Executor,
  networkId: string,
  circleId: string,
  limit: number,
  offset: number,
  { visits = true } = {},
): Promise<{ items: AccessLogRow[]; total: number }> {
  const rows = await sql<AccessLogRow & { total: number }>`
    WITH l AS (
      SELECT id, action, coalesce(details->>'what', '') AS what, at, actor_id
      FROM audit_log
      WHERE network_id = ${networkId} AND entity_type = 'circle' AND entity_id = ${circleId}
    ), starts AS (
      SELECT *, CASE
          WHEN ${visits} AND action = 'circle.read'
            AND at - lag(at) OVER w <= make_interval(mins => ${visitGapMinutes}) THEN 0
          ELSE 1 END AS starts
      FROM l
      WINDOW w AS (PARTITION BY action, actor_id, what ORDER BY at, id)
    ), numbered AS (
      SELECT *, sum(starts) OVER (PARTITION BY action, actor_id, what ORDER BY at, id) AS visit
      FROM starts
    ), grouped AS (
      SELECT max(id) AS id, action, what, max(at) AS at, min(at) AS first_at, count(*)::int AS count, actor_id
      FROM numbered
      GROUP BY action, actor_id, what, visit
    )
    SELECT g.id::text AS id, g.action, g.what, g.at, g.first_at, g.count, g.actor_id,
      a.display_name AS actor_name, count(*) OVER ()::int AS total
    FROM grouped g
    LEFT JOIN account a ON a.network_id = ${networkId} AND a.id = g.actor_id
    ORDER BY g.at DESC, g.id DESC
    LIMIT ${limit} OFFSET ${offset}
  `.execute(db);
  const total =
    rows.rows[0]?.total ?? (offset > 0 ? await accessLogCount(db, networkId, circleId, visits) : 0);
  return { items: rows.rows.map(({ total: _, ...r }) => r), total };
}

async function accessLogCount(db: Executor, networkId: string, circleId: string, visits: boolean) {
  return (await accessLog(db, networkId, circleId, 1, 0, { visits })).total;
}

export async function setDeletionRequested(
  db: Executor,
  networkId: string,
  circleId: string,
  graceDays: number,
) {
  return db
    .updateTable('circle')
    .set({
      status: 'deletion_requested',
      deletion_requested_at: sql`now()`,
      purge_after: sql`now() + make_interval(days => ${graceDays})`,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', circleId)
    .where('status', '=', 'active')
    .returning(['purge_after'])
    .executeTakeFirst();
}

export async function cancelDeletion(db: Executor, networkId: string, circleId: string) {
  const r = await db
    .updateTable('circle')
    .set({ status: 'active', deletion_requested_at: null, purge_after: null, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', circleId)
    .where('status', '=', 'deletion_requested')
    .where('purge_after', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
