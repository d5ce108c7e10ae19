import { type Expression, type SqlBool, sql } from 'kysely';
import { pageAndCount } from '../../../db/pageAndCount.ts';
import {
  type LadderLevel,
  ladderLevels,
  type OpportunityMode,
  type OpportunityStatus,
} from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { matchesTyped } from '../../../db/typedText.ts';
import { networkTimeZone } from '../../../platform/localTime.ts';

export interface RunningOrganisation {
  id: string;
  name: string;
  isLead: boolean;
}

export interface InvitedOrganisation {
  id: string;
  name: string;
  /** ISO timestamp (from json_build_object) */
  invitedAt: string;
}

const columns = [
  'op.id',
  'op.level',
  'op.title',
  'op.description',
  'op.mode',
  'op.district_id',
  'op.place',
  'op.lat',
  'op.lng',
  'op.skills',
  'op.languages',
  'op.accessibility',
  'op.min_age',
  'op.needs_police_clearance',
  'op.effort_minutes',
  'op.status',
  'op.created_at',
  'op.updated_at',
] as const;

/** The organisations that run it: the lead and the partners that accepted. Invitations never count. */
const organisationsJson = sql<RunningOrganisation[]>`coalesce((
  SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'isLead', oo.is_lead)
                  ORDER BY oo.is_lead DESC, o.name)
  FROM opportunity_organisation oo
  JOIN organisation o ON o.network_id = oo.network_id AND o.id = oo.organisation_id
  WHERE oo.network_id = op.network_id AND oo.opportunity_id = op.id AND oo.status = 'accepted'), '[]'::json)`;

/** Organisations invited to run it that have not answered yet (they do not run it). */
const invitedJson = sql<InvitedOrganisation[]>`coalesce((
  SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'invitedAt', oo.added_at) ORDER BY o.name)
  FROM opportunity_organisation oo
  JOIN organisation o ON o.network_id = oo.network_id AND o.id = oo.organisation_id
  WHERE oo.network_id = op.network_id AND oo.opportunity_id = op.id AND oo.status = 'invited'), '[]'::json)`;

const nextShiftAt = sql<Date | null>`(
  SELECT min(s.starts_at) FROM shift s
  WHERE s.network_id = op.network_id AND s.opportunity_id = op.id AND s.ends_at > now())`;

const selection = [
  ...columns,
  organisationsJson.as('organisations'),
  invitedJson.as('invited'),
  nextShiftAt.as('next_shift_at'),
] as const;

function base(db: Executor, networkId: string) {
  return db.selectFrom('opportunity as op').where('op.network_id', '=', networkId).select(selection);
}

export type OpportunityRow = NonNullable<Awaited<ReturnType<typeof findOpportunity>>>;

export async function findOpportunity(db: Executor, networkId: string, id: string) {
  return base(db, networkId).where('op.id', '=', id).executeTakeFirst();
}

export interface OpportunityFields {
  level: LadderLevel;
  title: string;
  description?: string;
  mode: OpportunityMode;
  districtId?: string | null;
  place?: string;
  lat?: number | null;
  lng?: number | null;
  skills?: string[];
  languages?: string[];
  accessibility?: string;
  minAge?: number | null;
  needsPoliceClearance?: boolean;
  effortMinutes?: number | null;
}

function row(f: Partial<OpportunityFields>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  if (f.level !== undefined) r.level = f.level;
  if (f.title !== undefined) r.title = f.title.trim();
  if (f.description !== undefined) r.description = f.description;
  if (f.mode !== undefined) r.mode = f.mode;
  if (f.districtId !== undefined) r.district_id = f.districtId;
  if (f.place !== undefined) r.place = f.place;
  if (f.lat !== undefined) r.lat = f.lat;
  if (f.lng !== undefined) r.lng = f.lng;
  if (f.skills !== undefined) r.skills = f.skills.map((s) => s.trim());
  if (f.languages !== undefined) r.languages = f.languages;
  if (f.accessibility !== undefined) r.accessibility = f.accessibility;
  if (f.minAge !== undefined) r.min_age = f.minAge;
  if (f.needsPoliceClearance !== undefined) r.needs_police_clearance = f.needsPoliceClearance;
  if (f.effortMinutes !== undefined) r.effort_minutes = f.effortMinutes;
  return r;
}

export async function insertOpportunity(
  db: Executor,
  networkId: string,
  createdBy: string,
  f: OpportunityFields,
): Promise<string> {
  const r = await db
    .insertInto('opportunity')
    .values({
      ...row(f),
      network_id: networkId,
      level: f.level,
      title: f.title.trim(),
      mode: f.mode,
      created_by: createdBy,
      lat: f.lat ?? null,
      lng: f.lng ?? null,
      district_id: f.districtId ?? null,
      min_age: f.minAge ?? null,
      effort_minutes: f.effortMinutes ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOpportunity(
  db: Executor,
  networkId: string,
  id: string,
  f: Partial<OpportunityFields> & { status?: OpportunityStatus },
) {
  const set = row(f);
  if (f.status !== undefined) set.status = f.status;
  await db
    .updateTable('opportunity')
    .set({ ...set, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** The lead: it runs the opportunity from the start (the database refuses a lead that is not accepted). */
export async function addLead(
  db: Executor,
  networkId: string,
  opportunityId: string,
  organisationId: string,
) {
  await db
    .insertInto('opportunity_organisation')
    .values({
      network_id: networkId,
      opportunity_id: opportunityId,
      organisation_id: organisationId,
      is_lead: true,
      status: 'accepted',
    })
    .execute();
}

/** Invites organisations to run it with the lead; those already named are left as they are. Returns the new ones. */
export async function invitePartners(
  db: Executor,
  networkId: string,
  opportunityId: string,
  organisationIds: readonly string[],
): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .insertInto('opportunity_organisation')
    .values(
      organisationIds.map((organisationId) => ({
        network_id: networkId,
        opportunity_id: opportunityId,
        organisation_id: organisationId,
        is_lead: false,
        status: 'invited' as const,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

export type PartnerRow = NonNullable<Awaited<ReturnType<typeof findPartner>>>;

/** One organisation's place on an opportunity (lead, partner or invited), locked for the deciding write. */
export async function findPartner(
  db: Executor,
  networkId: string,
  opportunityId: string,
  organisationId: string,
  lock = false,
) {
  let q = db
    .selectFrom('opportunity_organisation as oo')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'oo.network_id').onRef('o.id', '=', 'oo.organisation_id'),
    )
    .select(['oo.organisation_id', 'o.name', 'oo.is_lead', 'oo.status', 'oo.added_at'])
    .where('oo.network_id', '=', networkId)
    .where('oo.opportunity_id', '=', opportunityId)
    .where('oo.organisation_id', '=', organisationId);
  if (lock) q = q.forUpdate('oo');
  return q.executeTakeFirst();
}

/** An invitation becomes a running organisation. False if it was no (longer an) invitation. */
export async function acceptPartner(
  db: Executor,
  networkId: string,
  opportunityId: string,
  organisationId: string,
): Promise<boolean> {
  const r = await db
    .updateTable('opportunity_organisation')
    .set({ status: 'accepted' })
    .where('network_id', '=', networkId)
    .where('opportunity_id', '=', opportunityId)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Takes partners or invitations off the opportunity; the lead is never among them. */
export async function removePartners(
  db: Executor,
  networkId: string,
  opportunityId: string,
  organisationIds: readonly string[],
): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .deleteFrom('opportunity_organisation')
    .where('network_id', '=', networkId)
    .where('opportunity_id', '=', opportunityId)
    .where('organisation_id', 'in', organisationIds)
    .where('is_lead', '=', false)
    .returning('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** Invitations waiting for an answer from these organisations, oldest first, with what they are about. */
export async function pendingInvitations(
  db: Executor,
  networkId: string,
  organisationIds: readonly string[],
  page: { limit: number; offset: number },
) {
  if (organisationIds.length === 0) return { items: [], total: 0 };
  const q = db
    .selectFrom('opportunity_organisation as oo')
    .innerJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 'oo.network_id').onRef('op.id', '=', 'oo.opportunity_id'),
    )
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'oo.network_id').onRef('o.id', '=', 'oo.organisation_id'),
    )
    .innerJoin('opportunity_organisation as lo', (j) =>
      j
        .onRef('lo.network_id', '=', 'oo.network_id')
        .onRef('lo.opportunity_id', '=', 'oo.opportunity_id')
        .on('lo.is_lead', '=', true),
    )
    .innerJoin('organisation as l', (j) =>
      j.onRef('l.network_id', '=', 'lo.network_id').onRef('l.id', '=', 'lo.organisation_id'),
    )
    .where('oo.network_id', '=', networkId)
    .where('oo.status', '=', 'invited')
    .where('oo.organisation_id', 'in', organisationIds);
  const [items, total] = await Promise.all([
    q
      .select([
        'oo.organisation_id',
        'o.name as organisation_name',
        'oo.added_at',
        'op.id as opportunity_id',
        'op.title',
        'op.level',
        'op.mode',
        'op.status',
        'op.description',
        'l.id as lead_id',
        'l.name as lead_name',
      ])
      .orderBy('oo.added_at')
      .orderBy('op.id')
      .orderBy('oo.organisation_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function existingOrganisations(db: Executor, networkId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .where('id', 'in', ids)
    .execute();
}

export const timesOfDay = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof timesOfDay)[number];

/** Local start hour → part of the day: before 12 morning, before 17 afternoon, else evening. */
export function partOfDay(localMinutes: number): TimeOfDay {
  if (localMinutes < 12 * 60) return 'morning';
  if (localMinutes < 17 * 60) return 'afternoon';
  return 'evening';
}

const localStart = sql`(s.starts_at AT TIME ZONE ${sql.lit(networkTimeZone)})`;

function hourRange(part: TimeOfDay) {
  if (part === 'morning') return sql<SqlBool>`extract(hour from ${localStart}) < 12`;
  if (part === 'afternoon')
    return sql<SqlBool>`extract(hour from ${localStart}) >= 12 AND extract(hour from ${localStart}) < 17`;
  return sql<SqlBool>`extract(hour from ${localStart}) >= 17`;
}

export interface OpportunityFilter {
  level?: LadderLevel;
  /** local dates, inclusive: an opportunity with a shift starting on one of these days */
  from?: string;
  to?: string;
  timeOfDay?: TimeOfDay;
  /** true: can be done online (online or hybrid); false: on site (on site or hybrid) */
  online?: boolean;
  districtId?: string;
  skill?: string;
  language?: string;
  q?: string;
  /** the opportunities this organisation runs (lead or accepted partner; an invitation is not enough) */
  organisationId?: string;
  /** all statuses (the organisation's coordinators); otherwise only published ones */
  includeUnpublished?: boolean;
  limit: number;
  offset: number;
}

function filtered(db: Executor, networkId: string, f: Omit<OpportunityFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('opportunity as op').where('op.network_id', '=', networkId);
  if (!f.includeUnpublished) q = q.where('op.status', '=', 'published');
  if (f.organisationId) {
    const orgId = f.organisationId;
    q = q.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM opportunity_organisation oo WHERE oo.network_id = op.network_id
        AND oo.opportunity_id = op.id AND oo.organisation_id = ${orgId} AND oo.status = 'accepted')`,
    );
  }
  if (f.level) q = q.where('op.level', '=', f.level);
  if (f.online === true) q = q.where('op.mode', 'in', ['online', 'hybrid']);
  if (f.online === false) q = q.where('op.mode', 'in', ['on_site', 'hybrid']);
  if (f.districtId) q = q.where('op.district_id', '=', f.districtId);
  if (f.skill) {
    const skill = f.skill.trim().toLowerCase();
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(op.skills) k WHERE lower(k) = ${skill})`);
  }
  if (f.language) q = q.where(sql<SqlBool>`${f.language} = ANY(op.languages)`);
  if (f.from || f.to || f.timeOfDay) {
    const conds: Expression<SqlBool>[] = [sql<SqlBool>`s.ends_at > now()`];
    if (f.from) conds.push(sql<SqlBool>`${localStart}::date >= ${f.from}::date`);
    if (f.to) conds.push(sql<SqlBool>`${localStart}::date <= ${f.to}::date`);
    if (f.timeOfDay) conds.push(hourRange(f.timeOfDay));
    q = q.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id
        AND ${sql.join(conds, sql` AND `)})`,
    );
  }
  if (f.q) q = q.where(matchesTyped('op', f.q));
  return q;
}

export async function listOpportunities(db: Executor, networkId: string, f: OpportunityFilter) {
  return pageAndCount(db, ['opportunities', networkId, f], () => {
    const q = filtered(db, networkId, f);
    return {
      page: q
        .select(selection)
        .orderBy(sql`${nextShiftAt} ASC NULLS LAST`)
        .orderBy('op.created_at', 'desc')
        .orderBy('op.id')
        .limit(f.limit)
        .offset(f.offset),
      count: q.select((eb) => eb.fn.countAll<number>().as('n')),
    };
  });
}

/** Published opportunities with a place inside the bounding box (at most `limit`). */
export async function opportunitiesInBox(
  db: Executor,
  networkId: string,
  box: { south: number; west: number; north: number; east: number },
  f: Omit<OpportunityFilter, 'limit' | 'offset'>,
  limit: number,
) {
  return filtered(db, networkId, f)
    .select(selection)
    .where('op.lat', '>=', box.south)
    .where('op.lat', '<=', box.north)
    .where('op.lng', '>=', box.west)
    .where('op.lng', '<=', box.east)
    .orderBy('op.id')
    .limit(limit)
    .execute();
}

/**
 * Published opportunities with a place, for the map layer (GeoJSON): the list's filters, the next
 * date first (those without one last), at most `limit`.
 */
export async function opportunitiesOnMap(
  db: Executor,
  networkId: string,
  f: Omit<OpportunityFilter, 'limit' | 'offset' | 'includeUnpublished' | 'organisationId'>,
  limit: number,
) {
  return filtered(db, networkId, f)
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'op.network_id').onRef('d.id', '=', 'op.district_id'),
    )
    .select([...selection, 'd.name as district_name'])
    .where('op.lat', 'is not', null)
    .where('op.lng', 'is not', null)
    .orderBy(sql`next_shift_at asc nulls last`)
    .orderBy('op.title')
    .orderBy('op.id')
    .limit(limit)
    .execute();
}

/**
 * Published opportunities someone could still take up, with the local start of their upcoming shifts
 * (next 90 days), for suggestions. Leaves out those the person is already signed up for.
 */
export async function suggestionCandidates(
  db: Executor,
  networkId: string,
  accountId: string,
  limit: number,
) {
  return (
    base(db, networkId)
      .select(
        sql<{ weekday: number; minutes: number }[]>`coalesce((
        SELECT json_agg(json_build_object(
          'weekday', extract(isodow from ${localStart})::int,
          'minutes', (extract(hour from ${localStart}) * 60 + extract(minute from ${localStart}))::int))
        FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id
          AND s.ends_at > now() AND s.starts_at < now() + interval '90 days'), '[]'::json)`.as('upcoming'),
      )
      .where('op.status', '=', 'published')
      // an opportunity whose dates are all past cannot be taken up any more
      .where(
        sql<SqlBool>`(NOT EXISTS (SELECT 1 FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id)
        OR EXISTS (SELECT 1 FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id AND s.ends_at > now()))`,
      )
      .where(
        sql<SqlBool>`NOT EXISTS (SELECT 1 FROM shift s JOIN shift_signup su
        ON su.network_id = s.network_id AND su.shift_id = s.id
        WHERE s.network_id = op.network_id AND s.opportunity_id = op.id AND su.account_id = ${accountId}
          AND su.status <> 'withdrawn' AND s.ends_at > now())`,
      )
      .orderBy(sql`${nextShiftAt} ASC NULLS LAST`)
      .limit(limit)
      .execute()
  );
}

/** The ladder levels at which the person has confirmed hours. */
export async function confirmedLevels(db: Executor, networkId: string, accountId: string) {
  const rows = await db
    .selectFrom('hours_entry as h')
    .innerJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 'h.network_id').onRef('op.id', '=', 'h.opportunity_id'),
    )
    .select('op.level')
    .distinct()
    .where('h.network_id', '=', networkId)
    .where('h.account_id', '=', accountId)
    .where('h.status', '=', 'confirmed')
    .execute();
  return rows.map((r) => r.level);
}

export interface LevelMonth {
  month: string;
  level: LadderLevel;
  signups: number;
  /** distinct people who took a place or had time confirmed in this cell: the people behind its figures */
  volunteers: number;
  confirmedMinutes: number;
}

/**
 * Per month (local time) and ladder level: places taken on shifts (sign-ups that hold a place), distinct
 * volunteers (with a place or with confirmed time), and confirmed minutes — for one organisation's
 * opportunities, or the whole network. Raw counts: what may be shown of them is for `protectCell`.
 */
export async function countsPerLevel(
  db: Executor,
  networkId: string,
  f: { organisationId: string | null; from: string; to: string },
): Promise<LevelMonth[]> {
  const runBy = (alias: string) =>
    f.organisationId === null
      ? sql<SqlBool>`true`
      : sql<SqlBool>`EXISTS (SELECT 1 FROM opportunity_organisation oo WHERE oo.network_id = ${sql.ref(`${alias}.network_id`)}
          AND oo.opportunity_id = ${sql.ref(`${alias}.id`)} AND oo.organisation_id = ${f.organisationId}
          AND oo.status = 'accepted')`;
  // one row per place taken and per confirmed hours entry, so the people are counted across both
  const { rows } = await sql<LevelMonth>`
    SELECT month, level, sum(place)::int AS signups, count(DISTINCT account_id)::int AS volunteers,
      sum(minutes)::int AS "confirmedMinutes"
    FROM (
      SELECT to_char(${localStart}, 'YYYY-MM') AS month, op.level, su.account_id, 1 AS place, 0 AS minutes
      FROM shift_signup su
      JOIN shift s ON s.network_id = su.network_id AND s.id = su.shift_id
      JOIN opportunity op ON op.network_id = s.network_id AND op.id = s.opportunity_id
      WHERE su.network_id = ${networkId} AND su.status IN ('signed_up', 'checked_in', 'no_show')
        AND ${localStart}::date BETWEEN ${f.from}::date AND ${f.to}::date AND ${runBy('op')}
      UNION ALL
      SELECT to_char(h.occurred_on, 'YYYY-MM'), op.level, h.account_id, 0, h.minutes
      FROM hours_entry h
      JOIN opportunity op ON op.network_id = h.network_id AND op.id = h.opportunity_id
      WHERE h.network_id = ${networkId} AND h.status = 'confirmed'
        AND h.occurred_on BETWEEN ${f.from}::date AND ${f.to}::date
        AND ${f.organisationId === null ? sql`true` : sql`h.organisation_id = ${f.organisationId}`}
    ) cell
    GROUP BY 1, 2`.execute(db);
  return rows.sort(
    (a, b) => a.month.localeCompare(b.month) || ladderLevels.indexOf(a.level) - ladderLevels.indexOf(b.level),
  );
}
