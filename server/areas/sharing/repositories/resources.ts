import { type RawBuilder, sql } from 'kysely';
import type { ResourceKind } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { matchesTyped } from '../../../db/typedText.ts';
import { localWindow, timeOfMinutes } from '../commands/availability.ts';

/** About 300 m: a private person's address is stored exactly but shown and searched on this grid. */
const gridMetres = 300;

export function publicPoint(lat: number, lng: number, approximate: boolean): { lat: number; lng: number } {
  if (!approximate) return { lat, lng };
  const latStep = gridMetres / 111_320;
  const lngStep = gridMetres / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const round = (v: number, step: number) => Number((Math.round(v / step) * step).toFixed(6));
  return { lat: round(lat, latStep), lng: round(lng, lngStep) };
}

const columns = [
  'r.id',
  'r.kind',
  'r.owner_type',
  'r.organisation_id',
  'r.person_id',
  'r.title',
  'r.description',
  'r.district_id',
  'r.address',
  'r.lat',
  'r.lng',
  'r.approximate',
  'r.public_lat',
  'r.public_lng',
  'r.who_may_borrow',
  'r.deposit_cents',
  'r.fee_cents',
  'r.fee_note',
  'r.rules',
  'r.accessibility',
  'r.capacity',
  'r.auto_approve',
  'r.buffer_minutes',
  'r.active',
  'r.created_at',
  'r.updated_at',
] as const;

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('resource as r')
    .leftJoin('account as p', (j) =>
      j.onRef('p.network_id', '=', 'r.network_id').onRef('p.id', '=', 'r.person_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'r.network_id').onRef('o.id', '=', 'r.organisation_id'),
    )
    .where('r.network_id', '=', networkId);
}

const ownerName = sql<string>`coalesce(o.name, p.display_name, '')`.as('owner_name');

export type ResourceRow = NonNullable<Awaited<ReturnType<typeof findResource>>>;

export async function findResource(db: Executor, networkId: string, id: string) {
  return resourceQuery(db, networkId, id).executeTakeFirst();
}

/** findResource's query, for a caller that selects more along with it (findResourceForBooking). */
export function resourceQuery(db: Executor, networkId: string, id: string) {
  return base(db, networkId)
    .select([...columns, ownerName, sql<number | null>`NULL::float8`.as('distance_km')])
    .where('r.id', '=', id);
}

/** The ids of the resources a person offers as themself (withdrawn ones too). */
export async function resourceIdsOfPerson(
  db: Executor,
  networkId: string,
  personId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('resource')
    .select('id')
    .where('network_id', '=', networkId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.id);
}

export interface ResourceFields {
  kind: ResourceKind;
  title: string;
  description?: string;
  districtId?: string | null;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  approximate?: boolean;
  whoMayBorrow?: 'members' | 'everyone';
  depositCents?: number;
  feeCents?: number;
  feeNote?: string;
  rules?: string;
  accessibility?: string;
  capacity?: number | null;
  autoApprove?: boolean;
  bufferMinutes?: number;
  active?: boolean;
}

function locationColumns(lat: number | null, lng: number | null, approximate: boolean) {
  if (lat === null || lng === null) return { lat: null, lng: null, public_lat: null, public_lng: null };
  const p = publicPoint(lat, lng, approximate);
  return { lat, lng, public_lat: p.lat, public_lng: p.lng };
}

export async function insertResource(
  db: Executor,
  networkId: string,
  owner: { type: 'organisation' | 'person'; id: string },
  f: ResourceFields,
  createdBy: string,
) {
  // a private person's address is approximate unless they say otherwise
  const approximate = f.approximate ?? owner.type === 'person';
  return db
    .insertInto('resource')
    .values({
      network_id: networkId,
      kind: f.kind,
      owner_type: owner.type,
      organisation_id: owner.type === 'organisation' ? owner.id : null,
      person_id: owner.type === 'person' ? owner.id : null,
      title: f.title,
      description: f.description ?? '',
      district_id: f.districtId ?? null,
      address: f.address ?? '',
      approximate,
      ...locationColumns(f.lat ?? null, f.lng ?? null, approximate),
      who_may_borrow: f.whoMayBorrow ?? 'members',
      deposit_cents: f.depositCents ?? 0,
      fee_cents: f.feeCents ?? 0,
      fee_note: f.feeNote ?? '',
      rules: f.rules ?? '',
      accessibility: f.accessibility ?? '',
      capacity: f.capacity ?? null,
      auto_approve: f.autoApprove ?? false,
      buffer_minutes: f.bufferMinutes ?? 0,
      active: f.active ?? true,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateResource(
  db: Executor,
  networkId: string,
  current: ResourceRow,
  f: Partial<ResourceFields>,
) {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  const map: [keyof ResourceFields, string][] = [
    ['kind', 'kind'],
    ['title', 'title'],
    ['description', 'description'],
    ['districtId', 'district_id'],
    ['address', 'address'],
    ['whoMayBorrow', 'who_may_borrow'],
    ['depositCents', 'deposit_cents'],
    ['feeCents', 'fee_cents'],
    ['feeNote', 'fee_note'],
    ['rules', 'rules'],
    ['accessibility', 'accessibility'],
    ['capacity', 'capacity'],
    ['autoApprove', 'auto_approve'],
    ['bufferMinutes', 'buffer_minutes'],
    ['active', 'active'],
  ];
  for (const [k, col] of map) if (f[k] !== undefined) set[col] = f[k];
  if (f.lat !== undefined || f.lng !== undefined || f.approximate !== undefined) {
    const approximate = f.approximate ?? current.approximate;
    set.approximate = approximate;
    Object.assign(
      set,
      locationColumns(
        f.lat !== undefined ? f.lat : current.lat,
        f.lng !== undefined ? f.lng : current.lng,
        approximate,
      ),
    );
  }
  await db
    .updateTable('resource')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', current.id)
    .execute();
}

export interface ResourceFilter {
  kind?: ResourceKind;
  districtId?: string;
  organisationId?: string;
  personId?: string;
  q?: string;
  near?: { lat: number; lng: number; radiusKm: number };
  bbox?: { minLat: number; minLng: number; maxLat: number; maxLng: number };
  freeFrom?: Date;
  freeTo?: Date;
  includeInactive?: boolean;
  limit: number;
  offset: number;
}

/** The resources matching a filter, without joins: the one WHERE the list, the map and GeoJSON share. */
function matching(db: Executor, networkId: string, f: Omit<ResourceFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('resource as r').where('r.network_id', '=', networkId);
  if (!f.includeInactive) q = q.where('r.active', '=', true);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.districtId) q = q.where('r.district_id', '=', f.districtId);
  if (f.organisationId) q = q.where('r.organisation_id', '=', f.organisationId);
  if (f.personId) q = q.where('r.person_id', '=', f.personId);
  if (f.q) q = q.where(matchesTyped('r', f.q));
  if (f.bbox) {
    // the same expression as the GiST index resource_point, so the box is an index search
    const b = f.bbox;
    q = q
      .where('r.public_lat', 'is not', null)
      .where(
        sql<boolean>`point(r.public_lng, r.public_lat) <@ box(point(${b.minLng}, ${b.minLat}), point(${b.maxLng}, ${b.maxLat}))`,
      );
  }
  const near = f.near;
  if (near) {
    const metres = near.radiusKm * 1000;
    q = q
      .where(
        sql<boolean>`earth_box(ll_to_earth(${near.lat}, ${near.lng}), ${metres}) @> ll_to_earth(r.public_lat, r.public_lng)`,
      )
      .where(
        sql<boolean>`earth_distance(ll_to_earth(${near.lat}, ${near.lng}), ll_to_earth(r.public_lat, r.public_lng)) <= ${metres}`,
      );
  }
  if (f.freeFrom && f.freeTo) {
    const range = sql`tstzrange(${f.freeFrom}, ${f.freeTo}, '[)')`;
    // Open in the window by its weekly rules (none = always open), as bookResource checks it.
    const w = localWindow(f.freeFrom, f.freeTo);
    const rules = sql`SELECT 1 FROM resource_availability a WHERE a.network_id = r.network_id AND a.resource_id = r.id`;
    q = q.where(
      w
        ? sql<boolean>`(NOT EXISTS (${rules}) OR EXISTS (${rules} AND a.weekday = ${w.weekday}
            AND a.start_time <= ${timeOfMinutes(w.startMinutes)}::time
            AND a.end_time >= ${timeOfMinutes(w.endMinutes)}::time))`
        : sql<boolean>`NOT EXISTS (${rules})`,
    );
    q = q
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('booking as b')
              .select('b.id')
              .whereRef('b.network_id', '=', 'r.network_id')
              .whereRef('b.resource_id', '=', 'r.id')
              .where('b.status', 'in', ['approved', 'handed_over'])
              .where(sql<boolean>`b.buffered_period && ${range}`),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('resource_blocked_period as bp')
              .select('bp.id')
              .whereRef('bp.network_id', '=', 'r.network_id')
              .whereRef('bp.resource_id', '=', 'r.id')
              .where(sql<boolean>`bp.period && ${range}`),
          ),
        ),
      );
  }
  return q;
}

/**
 * One page of the catalogue. Ordered by distance when searching near a point, by nearness to the
 * middle of the map when a bounding box is given (the list beside the map shows what is in view,
 * centre first), otherwise by title. The page's ids are chosen first over the narrow resource rows
 * and only those get their owners joined, so a dense map view sorts ids, not whole rows.
 */
export async function listResources(db: Executor, networkId: string, f: ResourceFilter) {
  const q = matching(db, networkId, f);
  const near = f.near;
  const box = f.bbox;
  // Spatial orders sort by distance alone (ties by id), so the page is chosen from the index on
  // the point without touching the table; the catalogue's own order is the (title, id) index.
  const distance = near
    ? sql<number>`earth_distance(ll_to_earth(${near.lat}, ${near.lng}), ll_to_earth(r.public_lat, r.public_lng))`
    : box
      ? sql<number>`point(r.public_lng, r.public_lat) <-> point(${(box.minLng + box.maxLng) / 2}, ${(box.minLat + box.maxLat) / 2})`
      : null;
  const sortKey: RawBuilder<number | string> = distance ?? sql<string>`r.title`;
  const page = q
    .select(['r.id', sortKey.as('sort_key')])
    .orderBy('sort_key')
    .orderBy('r.id')
    .limit(f.limit)
    .offset(f.offset);
  const distanceKm = near
    ? sql<number | null>`round((pg.sort_key::float8 / 1000)::numeric, 2)::float8`
    : sql<number | null>`NULL::float8`;
  const [items, total] = await Promise.all([
    db
      .selectFrom(page.as('pg'))
      .innerJoin('resource as r', (j) => j.on('r.network_id', '=', networkId).onRef('r.id', '=', 'pg.id'))
      .leftJoin('account as p', (j) =>
        j.onRef('p.network_id', '=', 'r.network_id').onRef('p.id', '=', 'r.person_id'),
      )
      .leftJoin('organisation as o', (j) =>
        j.onRef('o.network_id', '=', 'r.network_id').onRef('o.id', '=', 'r.organisation_id'),
      )
      .select([...columns, ownerName, distanceKm.as('distance_km')])
      .orderBy('pg.sort_key')
      .orderBy('pg.id')
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** At most this many map cells in one answer: more than a screen can show at ~80 px a cell. */
export const maxClusterCells = 600;

/**
 * The zoom level of the map summary's base grid (migration 20261127_0900, resource_map_base_zoom()):
 * views at this zoom or below, without filters, add up its cells instead of the points in view.
 */
export const mapBaseZoom = 15;

type ClusterFilter = Omit<ResourceFilter, 'limit' | 'offset' | 'bbox'> & {
  bbox: NonNullable<ResourceFilter['bbox']>;
};

/** Whether `matching` would narrow the map beyond its view: the summary holds only the unfiltered map. */
function narrows(f: ClusterFilter) {
  return Boolean(
    f.kind ||
      f.districtId ||
      f.organisationId ||
      f.personId ||
      f.q ||
      f.near ||
      (f.freeFrom && f.freeTo) ||
      f.includeInactive,
  );
}

/**
 * The map grid at `zoom` for this network (cell sizes cx, cy in degrees: map_cell_lng and
 * map_lat_factor) and the range of its cells a view touches, as a one-row table. OFFSET 0 keeps it
 * a table of its own, computed once: folded into the scan, the factor was worked out from the
 * network's settings for every point (5× the time of a zoom-15 view).
 */
function gridView(networkId: string, zoom: number, b: ClusterFilter['bbox']) {
  return sql<{ cx: number; cy: number; x0: number; x1: number; y0: number; y1: number }>`(
    SELECT cx, cy, map_cell(${b.minLng}::float8, cx) AS x0, map_cell(${b.maxLng}::float8, cx) AS x1,
           map_cell(${b.minLat}::float8, cy) AS y0, map_cell(${b.maxLat}::float8, cy) AS y1
    FROM (SELECT map_cell_lng(${zoom}::int) AS cx, map_cell_lng(${zoom}::int) * map_lat_factor(settings) AS cy
          FROM network WHERE id = ${networkId}) AS s
    OFFSET 0)`.as('g');
}

/**
 * The map: resources grouped on a grid of cells of about 80 × 80 px at the zoom level (map_cell_lng,
 * map_lat_factor); per occupied cell its count and the mean position of its resources, and for a
 * cell of one the resource itself. A cell the view touches counts whole, so a cluster keeps its
 * count and place while the map pans.
 *
 * Two ways to the same answer (a property test holds them equal): without filters and at zoom ≤
 * mapBaseZoom, the base cells of the summary resource_map_cell are added up — cell (x, y) at zoom z
 * holds base cells (x·2^k … x·2^k + 2^k − 1, likewise y) with k = base − z — so a view of the whole
 * town reads a few hundred rows; otherwise the points in view are grouped live, from the GiST index
 * resource_point. Positions are means of whole millionths of a degree (map_e6) in both.
 */
export async function clusterResources(
  db: Executor,
  networkId: string,
  f: ClusterFilter,
  zoom: number,
  /** live: group the points even where the summary could answer (the test comparing the two) */
  opts: { live?: boolean } = {},
) {
  const g = gridView(networkId, zoom, f.bbox);
  const k = mapBaseZoom - zoom;
  const perCell =
    !opts.live && !narrows(f) && k >= 0
      ? db
          .selectFrom('resource_map_cell as c')
          .innerJoin(g, (j) => j.onTrue())
          .where('c.network_id', '=', networkId)
          .where(sql<boolean>`c.gx BETWEEN g.x0 << ${k}::int AND ((g.x1 + 1) << ${k}::int) - 1`)
          .where(sql<boolean>`c.gy BETWEEN g.y0 << ${k}::int AND ((g.y1 + 1) << ${k}::int) - 1`)
          .select([
            sql<number>`c.gx >> ${k}::int`.as('gx'),
            sql<number>`c.gy >> ${k}::int`.as('gy'),
            sql<number>`sum(c.n)::int`.as('n'),
            sql<number>`sum(c.sum_lat_e6)`.as('sum_lat_e6'),
            sql<number>`sum(c.sum_lng_e6)`.as('sum_lng_e6'),
            sql<string>`min(c.one_id::text)`.as('one'),
          ])
          .groupBy([sql`1`, sql`2`])
          .as('cell')
      : matching(db, networkId, { ...f, bbox: undefined })
          .innerJoin(g, (j) => j.onTrue())
          .where('r.public_lat', 'is not', null)
          // the cells' box for the index (a hair wider than the cells), then the cells exactly
          .where(
            sql<boolean>`point(r.public_lng, r.public_lat) <@ box(point(g.x0 * g.cx - 1e-9, g.y0 * g.cy - 1e-9),
              point((g.x1 + 1) * g.cx + 1e-9, (g.y1 + 1) * g.cy + 1e-9))`,
          )
          .where(sql<boolean>`map_cell(r.public_lng, g.cx) BETWEEN g.x0 AND g.x1`)
          .where(sql<boolean>`map_cell(r.public_lat, g.cy) BETWEEN g.y0 AND g.y1`)
          .select([
            sql<number>`map_cell(r.public_lng, g.cx)`.as('gx'),
            sql<number>`map_cell(r.public_lat, g.cy)`.as('gy'),
            sql<number>`count(*)::int`.as('n'),
            sql<number>`sum(map_e6(r.public_lat))`.as('sum_lat_e6'),
            sql<number>`sum(map_e6(r.public_lng))`.as('sum_lng_e6'),
            sql<string>`min(r.id::text)`.as('one'),
          ])
          .groupBy([sql`1`, sql`2`])
          .as('cell');
  const cells = await db
    .selectFrom(perCell)
    .selectAll()
    .orderBy('n', 'desc')
    .orderBy('gy')
    .orderBy('gx')
    .limit(maxClusterCells + 1)
    .execute();
  const capped = cells.length > maxClusterCells;
  const shown = cells.slice(0, maxClusterCells);
  const singles = shown.filter((c) => Number(c.n) === 1).map((c) => c.one);
  const details =
    singles.length === 0
      ? []
      : await db
          .selectFrom('resource')
          .select(['id', 'title', 'kind', 'approximate'])
          .where('network_id', '=', networkId)
          .where('id', 'in', singles)
          .execute();
  const byId = new Map(details.map((d) => [d.id, d]));
  let total = 0;
  const out = shown.map((c) => {
    const count = Number(c.n);
    total += count;
    const one = count === 1 ? byId.get(c.one) : undefined;
    return {
      lat: Math.round(Number(c.sum_lat_e6) / count) / 1e6,
      lng: Math.round(Number(c.sum_lng_e6) / count) / 1e6,
      count,
      resource: one ? { id: one.id, title: one.title, kind: one.kind, approximate: one.approximate } : null,
    };
  });
  return { cells: out, total, capped };
}

/**
 * Cells of the map summary that differ from a fresh count of the network's resources
 * (resource_map_cells_of): 0 when its triggers kept it exact.
 */
export async function mapCellHealth(db: Executor, networkId: string) {
  const r = await sql<{ cells: number; mismatched: number }>`
    SELECT count(s.gx)::int AS cells,
           count(*) FILTER (WHERE s.gx IS NULL OR f.gx IS NULL
             OR (s.n, s.sum_lat_e6, s.sum_lng_e6, s.one_id) IS DISTINCT FROM (f.n, f.sum_lat_e6, f.sum_lng_e6, f.one_id))::int
             AS mismatched
    FROM (SELECT * FROM resource_map_cell WHERE network_id = ${networkId}) AS s
    FULL JOIN resource_map_cells_of(${networkId}) AS f ON f.gx = s.gx AND f.gy = s.gy`.execute(db);
  return r.rows[0] ?? { cells: 0, mismatched: 0 };
}

/** A resource's weekly opening rules (none = always open), by weekday and time. */
export function availabilityRulesQuery(db: Executor, networkId: string, resourceId: string) {
  return db
    .selectFrom('resource_availability')
    .select([
      'id',
      'weekday',
      sql<string>`to_char(start_time, 'HH24:MI')`.as('start_time'),
      // a window to midnight is stored as 23:59:59.999999 and shown as 24:00
      sql<string>`CASE WHEN end_time = '23:59:59.999999' THEN '24:00' ELSE to_char(end_time, 'HH24:MI') END`.as(
        'end_time',
      ),
    ])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .orderBy('weekday')
    .orderBy('start_time');
}

export async function availabilityRules(db: Executor, networkId: string, resourceId: string) {
  return availabilityRulesQuery(db, networkId, resourceId).execute();
}

export async function replaceAvailability(
  db: Executor,
  networkId: string,
  resourceId: string,
  rules: { weekday: number; start: string; end: string }[],
) {
  await db
    .deleteFrom('resource_availability')
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .execute();
  if (rules.length === 0) return;
  await db
    .insertInto('resource_availability')
    .values(
      rules.map((r) => ({
        network_id: networkId,
        resource_id: resourceId,
        weekday: r.weekday,
        start_time: r.start,
        end_time: r.end,
      })),
    )
    .execute();
}

export async function blockedPeriods(db: Executor, networkId: string, resourceId: string) {
  return db
    .selectFrom('resource_blocked_period')
    .select([
      'id',
      'reason',
      sql<Date>`lower(period)`.as('starts_at'),
      sql<Date>`upper(period)`.as('ends_at'),
    ])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .orderBy(sql`lower(period)`)
    .execute();
}

export async function addBlockedPeriod(
  db: Executor,
  networkId: string,
  resourceId: string,
  b: { start: Date; end: Date; reason: string },
) {
  return db
    .insertInto('resource_blocked_period')
    .values({
      network_id: networkId,
      resource_id: resourceId,
      period: sql<string>`tstzrange(${b.start}, ${b.end}, '[)')`,
      reason: b.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function removeBlockedPeriod(db: Executor, networkId: string, resourceId: string, id: string) {
  const r = await db
    .deleteFrom('resource_blocked_period')
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The first blocked period that overlaps [start, end), if any. */
/** The first blocked period of the resource that overlaps [start, end). */
export function blockedOverlapQuery(
  db: Executor,
  networkId: string,
  resourceId: string,
  start: Date,
  end: Date,
) {
  return db
    .selectFrom('resource_blocked_period')
    .select(['reason', sql<Date>`lower(period)`.as('starts_at'), sql<Date>`upper(period)`.as('ends_at')])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where(sql<boolean>`period && tstzrange(${start}, ${end}, '[)')`)
    .orderBy(sql`lower(period)`)
    .limit(1);
}

export async function blockedOverlap(
  db: Executor,
  networkId: string,
  resourceId: string,
  start: Date,
  end: Date,
) {
  return blockedOverlapQuery(db, networkId, resourceId, start, end).executeTakeFirst();
}

/** Booked vs available hours of resources in [from, to): the figures behind "idle resources". */
export async function utilisation(
  db: Executor,
  networkId: string,
  f: { resourceIds?: string[]; organisationId?: string; from: Date; to: Date },
) {
  let q = db.selectFrom('resource as r').where('r.network_id', '=', networkId).where('r.active', '=', true);
  if (f.resourceIds)
    q = q.where(
      'r.id',
      'in',
      f.resourceIds.length > 0 ? f.resourceIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.organisationId) q = q.where('r.organisation_id', '=', f.organisationId);
  const window = sql`tstzrange(${f.from}, ${f.to}, '[)')`;
  return q
    .select([
      'r.id',
      'r.title',
      'r.kind',
      sql<number>`coalesce((
        SELECT sum(extract(epoch FROM (least(upper(b.period), ${f.to}::timestamptz) - greatest(lower(b.period), ${f.from}::timestamptz))) / 3600)
        FROM booking b
        WHERE b.network_id = r.network_id AND b.resource_id = r.id
          AND b.status IN ('approved', 'handed_over', 'returned') AND b.period && ${window}
      ), 0)::float8`.as('booked_hours'),
      // weekly rules summed over each day of the window; no rules = the whole window
      sql<number>`CASE WHEN EXISTS (SELECT 1 FROM resource_availability a WHERE a.network_id = r.network_id AND a.resource_id = r.id)
        THEN coalesce((
          SELECT sum(extract(epoch FROM (a.end_time - a.start_time)) / 3600)
          FROM generate_series(${f.from}::timestamptz, ${f.to}::timestamptz - interval '1 second', interval '1 day') AS d(day)
          JOIN resource_availability a ON a.network_id = r.network_id AND a.resource_id = r.id
            AND a.weekday = extract(isodow FROM d.day AT TIME ZONE 'Europe/Berlin')
        ), 0)
        ELSE extract(epoch FROM (${f.to}::timestamptz - ${f.from}::timestamptz)) / 3600 END::float8`.as(
        'available_hours',
      ),
    ])
    .orderBy('r.title')
    .execute();
}
