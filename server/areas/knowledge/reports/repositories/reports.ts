import { sql } from 'kysely';
import { containsPattern } from '../../../../db/like.ts';
import type { MapReportCategory, MapReportKind, MapReportStatus } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { hiddenSql } from '../../../../platform/moderation.ts';
import { freshnessColumns } from '../../freshness/state.ts';

/** All SQL of the map's reports, their "me too" and their status history. */

export interface ReportFields {
  kind: MapReportKind;
  category: MapReportCategory;
  title: string;
  body: string;
  lat: number;
  lng: number;
  address: string | null;
  districtId: string | null;
}

/** The area of a map view, in degrees. */
export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface ReportFilter {
  kind?: MapReportKind;
  category?: MapReportCategory;
  status?: MapReportStatus;
  districtId?: string;
  q?: string;
  bbox?: Bbox;
}

const listColumns = [
  'r.id',
  'r.kind',
  'r.category',
  'r.title',
  'r.body',
  'r.lat',
  'r.lng',
  'r.address',
  'r.district_id',
  'd.name as district_name',
  'r.status',
  'r.author_id',
  'a.display_name as author_name',
  'r.owner_id',
  'r.review_interval_days',
  'r.reviewed_at',
  'r.support_count',
  'r.created_at',
  'r.updated_at',
] as const;

/**
 * What a report's list item and page show beyond its own columns and names, read in the same statement
 * (for a page's rows only): its freshness's columns and its one photo (map_report_photo is unique per
 * report). A map view was three statements (the page, the freshness, the photos); each round trip cost
 * the server and PostgreSQL more than these lookups (docs/PERFORMANCE.md, "The map view in one statement").
 */
function shownColumns(networkId: string) {
  return [
    ...freshnessColumns(networkId, 'map_report', 'r'),
    sql<{ id: string; alt: string } | null>`(SELECT json_build_object('id', ph.id, 'alt', ph.alt)
      FROM map_report_photo ph WHERE ph.network_id = ${networkId} AND ph.report_id = r.id)`.as('photo'),
  ] as const;
}

/** Reports with their district and author joined (left joins on keys: dropped by the planner when unused). */
function joined(db: Executor) {
  return db
    .selectFrom('map_report as r')
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'r.network_id').onRef('d.id', '=', 'r.district_id'),
    )
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.author_id'),
    );
}

/** Not hidden by a moderator (search and every list leave hidden reports out). */
const notHidden = sql<boolean>`NOT ${hiddenSql('map_report', 'r')}`;

/**
 * The filter of a list. `boxByIndex: false` states the map view's box in a form the GiST index
 * map_report_point cannot use (the same test on `lng + 0`), so the planner walks the reports newest
 * first instead (map_report_newest) and stops after the page — see listReports.
 */
function matching(db: Executor, networkId: string, f: ReportFilter, boxByIndex = true) {
  // without district and author: the planner kept those left joins for every report in view
  let q = db.selectFrom('map_report as r').where('r.network_id', '=', networkId).where(notHidden);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.districtId) q = q.where('r.district_id', '=', f.districtId);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('r.title', 'ilike', like), eb('r.address', 'ilike', like), eb('r.body', 'ilike', like)]),
    );
  }
  if (f.bbox) {
    // the expression of map_report_point (a box in two dimensions; its edges belong to it)
    const b = f.bbox;
    const lng = boxByIndex ? sql`r.lng` : sql`r.lng + 0`;
    q = q.where(
      sql<boolean>`point(${lng}, r.lat) <@ box(point(${b.west}, ${b.south}), point(${b.east}, ${b.north}))`,
    );
  }
  return q;
}

/**
 * How many reports a list counts at most past its page's start: beyond, its `total` is that figure and
 * `moreThanCounted` says there are more (as search answers them). A map view of the whole town costs
 * then what one of a few streets does. 200 is ten of the web client's pages, more than anyone pages
 * through on a map ("more than 200 reports in this view" says as much as "more than 1 000"); counting
 * to 1 000 read five times the index entries, a third of the map view's work in PostgreSQL.
 */
export const countCap = 200;

/** A report as lists and its page show it: its columns, names, freshness and photo (findShownReport). */
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findShownReport>>>;

/**
 * One page of reports, newest first, with the names of their district and author, and how many match
 * — counted up to `countCap` (at least to the page's end), one statement in all. Its cost does not
 * grow with the reports a map view holds (5 000 in the bench's view at size M, docs/PERFORMANCE.md):
 *
 * - the count reads at most cap + 1 of them;
 * - a view with at most that many takes its page from the GiST index (all its reports, sorted); one
 *   with more walks the network's reports newest first and keeps those in the box, which stops after
 *   the page — the one-time filters on the count run one of the two ways only. The prepared statement's
 *   generic plan cannot see the box's size, so the count decides, not the planner;
 * - only the page's ids are joined to district and author (the generic plan, guessing one report in
 *   view, had joined all of them before sorting).
 */
export async function listReports(
  db: Executor,
  networkId: string,
  f: ReportFilter & { limit: number; offset: number },
) {
  const cap = Math.max(countCap, f.offset + f.limit);
  const newestFirst = <Q extends ReturnType<typeof matching>>(q: Q) =>
    q
      .select(['r.id', 'r.created_at'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(f.limit)
      .offset(f.offset);
  const rows = await db
    .with('counted', () =>
      db
        .selectFrom(
          matching(db, networkId, f)
            .select('r.id')
            .limit(cap + 1)
            .as('c'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n')),
    )
    .with('page', () => {
      const few = sql<boolean>`(SELECT n FROM counted) <= ${cap}`;
      if (!f.bbox) return newestFirst(matching(db, networkId, f));
      return db
        .selectFrom(newestFirst(matching(db, networkId, f).where(few)).as('few'))
        .selectAll()
        .unionAll(
          db
            .selectFrom(
              newestFirst(matching(db, networkId, f, false).where(sql<boolean>`NOT ${few}`)).as('many'),
            )
            .selectAll(),
        );
    })
    .selectFrom('counted')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('page as p')
          .innerJoin('map_report as r', (j) =>
            j.on('r.network_id', '=', networkId).onRef('r.id', '=', 'p.id'),
          )
          .leftJoin('district as d', (j) =>
            j.onRef('d.network_id', '=', 'r.network_id').onRef('d.id', '=', 'r.district_id'),
          )
          .leftJoin('account as a', (j) =>
            j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.author_id'),
          )
          .select(listColumns)
          .select(shownColumns(networkId))
          .as('x'),
      (j) => j.onTrue(),
    )
    .selectAll('x')
    .select('counted.n')
    .orderBy('x.created_at', 'desc')
    .orderBy('x.id')
    .execute();
  const n = Number(rows[0]?.n ?? 0);
  // the left join's nulls stand for "no report on this page" only: a row with an id is a whole report
  const items = rows.flatMap(({ n: _, ...r }) => (r.id === null ? [] : [r as ReportRow]));
  return { items, total: Math.min(n, cap), moreThanCounted: n > cap };
}

/**
 * The reports of a map view (or of the whole network) for GeoJSON: the narrow columns only, the most
 * supported first, at most `limit`; `truncated` says more were left out.
 */
export async function reportsInView(db: Executor, networkId: string, f: ReportFilter, limit: number) {
  const rows = await matching(db, networkId, f)
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'r.network_id').onRef('d.id', '=', 'r.district_id'),
    )
    .select([
      'r.id',
      'r.kind',
      'r.category',
      'r.title',
      'r.lat',
      'r.lng',
      'r.address',
      'd.name as district_name',
      'r.status',
      'r.support_count',
      'r.created_at',
      'r.updated_at',
    ])
    .orderBy('r.support_count', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

/**
 * Reports within `metres` of a point (the duplicate check before filing), nearest first: the GiST
 * index map_report_earth finds the box, the exact distance sorts and cuts.
 */
export async function reportsNear(
  db: Executor,
  networkId: string,
  p: { lat: number; lng: number; kind?: MapReportKind; metres: number; limit: number },
) {
  const distance = sql<number>`earth_distance(ll_to_earth(${p.lat}, ${p.lng}), ll_to_earth(r.lat, r.lng))`;
  let q = joined(db)
    .where('r.network_id', '=', networkId)
    .where(notHidden)
    .where(sql<boolean>`earth_box(ll_to_earth(${p.lat}, ${p.lng}), ${p.metres}) @> ll_to_earth(r.lat, r.lng)`)
    .where(distance, '<=', p.metres);
  if (p.kind) q = q.where('r.kind', '=', p.kind);
  return q
    .select([...listColumns, sql<number>`round(${distance})::integer`.as('distance')])
    .select(shownColumns(networkId))
    .orderBy('distance')
    .orderBy('r.created_at', 'desc')
    .limit(p.limit)
    .execute();
}

/** One report with its names, or undefined. */
export async function findReport(db: Executor, networkId: string, id: string) {
  return joined(db)
    .select(listColumns)
    .where('r.network_id', '=', networkId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The report with what its page shows beyond it (shownColumns); findReport for a check before a write. */
export async function findShownReport(db: Executor, networkId: string, id: string) {
  return joined(db)
    .select(listColumns)
    .select(shownColumns(networkId))
    .where('r.network_id', '=', networkId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Locks the report's row for the rest of the transaction (a change of its status or text). */
export async function lockReport(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('map_report')
    .select(['id', 'title', 'status', 'author_id', 'kind'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertReport(db: Executor, networkId: string, authorId: string, f: ReportFields) {
  const row = await db
    .insertInto('map_report')
    .values({
      network_id: networkId,
      kind: f.kind,
      category: f.category,
      title: f.title,
      body: f.body,
      lat: f.lat,
      lng: f.lng,
      address: f.address,
      district_id: f.districtId,
      author_id: authorId,
      owner_id: authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReport(db: Executor, networkId: string, id: string, f: ReportFields) {
  await db
    .updateTable('map_report')
    .set({
      kind: f.kind,
      category: f.category,
      title: f.title,
      body: f.body,
      lat: f.lat,
      lng: f.lng,
      address: f.address,
      district_id: f.districtId,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function deleteReport(db: Executor, networkId: string, id: string) {
  await db.deleteFrom('map_report').where('network_id', '=', networkId).where('id', '=', id).execute();
  // what people followed of it goes with it (the follow table names any kind of thing, without a key)
  await db
    .deleteFrom('knowledge_follow')
    .where('network_id', '=', networkId)
    .where('target_type', '=', 'map_report')
    .where('target_id', '=', id)
    .execute();
}

export async function setReportStatus(db: Executor, networkId: string, id: string, status: MapReportStatus) {
  await db
    .updateTable('map_report')
    .set({ status, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

// ---- "me too" ------------------------------------------------------------------------------

/**
 * Adds the person's "me too" and counts it, in the caller's transaction: the row and the count change
 * together or not at all. Two people at once each add one (the UPDATE takes the row lock in turn); the
 * same person twice at once adds one row (the primary key), and only the insert that wrote it counts.
 * Whether it was new.
 */
export async function addSupport(db: Executor, networkId: string, reportId: string, accountId: string) {
  const inserted = await db
    .insertInto('map_report_support')
    .values({ network_id: networkId, report_id: reportId, account_id: accountId })
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await db
    .updateTable('map_report')
    .set({ support_count: sql`support_count + 1` })
    .where('network_id', '=', networkId)
    .where('id', '=', reportId)
    .execute();
  return true;
}

/** Takes the person's "me too" back and uncounts it (only when there was one). Whether there was. */
export async function removeSupport(db: Executor, networkId: string, reportId: string, accountId: string) {
  const deleted = await db
    .deleteFrom('map_report_support')
    .where('network_id', '=', networkId)
    .where('report_id', '=', reportId)
    .where('account_id', '=', accountId)
    .returning('account_id')
    .executeTakeFirst();
  if (!deleted) return false;
  await db
    .updateTable('map_report')
    .set({ support_count: sql`support_count - 1` })
    .where('network_id', '=', networkId)
    .where('id', '=', reportId)
    .execute();
  return true;
}

/** Which of the reports the person said "me too" to. */
export async function supportedAmong(
  db: Executor,
  networkId: string,
  accountId: string | null,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!accountId || ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('map_report_support')
    .select('report_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('report_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.report_id));
}

/** The first few who said "me too", earliest first (shown to people signed in). */
export async function supportersOf(db: Executor, networkId: string, reportId: string, limit: number) {
  return db
    .selectFrom('map_report_support as s')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 's.network_id').onRef('a.id', '=', 's.account_id'),
    )
    .select(['a.id', 'a.display_name as name'])
    .where('s.network_id', '=', networkId)
    .where('s.report_id', '=', reportId)
    .where('a.blocked_at', 'is', null)
    .orderBy('s.created_at')
    .limit(limit)
    .execute();
}

// ---- status history -------------------------------------------------------------------------

export async function insertStatusChange(
  db: Executor,
  networkId: string,
  c: {
    reportId: string;
    from: MapReportStatus;
    to: MapReportStatus;
    reason: string;
    actorId: string;
    organisationId: string | null;
  },
) {
  await db
    .insertInto('map_report_status_change')
    .values({
      network_id: networkId,
      report_id: c.reportId,
      from_status: c.from,
      to_status: c.to,
      reason: c.reason,
      actor_id: c.actorId,
      organisation_id: c.organisationId,
    })
    .execute();
}

/** Every change of the report's status, oldest first, with who decided and for whom. */
export async function statusHistory(db: Executor, networkId: string, reportId: string) {
  return db
    .selectFrom('map_report_status_change as c')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'c.network_id').onRef('a.id', '=', 'c.actor_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'c.network_id').onRef('o.id', '=', 'c.organisation_id'),
    )
    .select([
      'c.id',
      'c.from_status',
      'c.to_status',
      'c.reason',
      'c.created_at',
      'a.display_name as actor_name',
      'o.name as organisation_name',
    ])
    .where('c.network_id', '=', networkId)
    .where('c.report_id', '=', reportId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

// ---- who decides -------------------------------------------------------------------------------

/** Which of the organisations are public bodies (their staff and admins set a report's status). */
export async function publicBodiesAmong(db: Executor, networkId: string, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', networkId)
    .where('kind', '=', 'public_body')
    .where('id', 'in', [...organisationIds])
    .orderBy('name')
    .execute();
  return rows.map((r) => r.id);
}

// ---- the coordinator's queue, the front page ------------------------------------------------------

/** Reports still waiting for a first status, oldest first. */
export async function waitingReports(db: Executor, networkId: string, limit: number) {
  const q = db
    .selectFrom('map_report as r')
    .where('r.network_id', '=', networkId)
    .where('r.status', '=', 'new')
    .where(notHidden);
  const [items, total] = await Promise.all([
    q
      .select(['r.id', 'r.title', 'r.created_at', 'r.support_count'])
      .orderBy('r.created_at')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** How many reports were filed in the period, and by how many people. */
export async function filedBetween(db: Executor, networkId: string, from: Date, to: Date) {
  const row = await db
    .selectFrom('map_report')
    .select([(eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(DISTINCT author_id)`.as('people')])
    .where('network_id', '=', networkId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirstOrThrow();
  return { value: Number(row.n), people: Number(row.people) };
}
