import { sql } from 'kysely';
import type { CircleVisibility, NeedKind } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

export interface NeedFields {
  kind: NeedKind;
  title: string;
  start: Date;
  end: Date;
  place: string;
  notes: string;
  visibility: CircleVisibility;
}

function needsQuery(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_need as n')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'n.network_id').onRef('a.id', '=', 'n.claimed_by'),
    )
    .leftJoin('timebank_transfer as ct', (j) =>
      j.onRef('ct.network_id', '=', 'n.network_id').onRef('ct.id', '=', 'n.credit_transfer_id'),
    )
    .selectAll('n')
    .select([
      'a.display_name as claimed_by_name',
      'ct.minutes as credit_minutes',
      'ct.status as credit_status',
    ])
    .where('n.network_id', '=', networkId)
    .where('n.circle_id', '=', circleId);
}
export type NeedRow = Awaited<ReturnType<ReturnType<typeof needsQuery>['executeTakeFirstOrThrow']>>;

export async function listNeeds(
  db: Executor,
  networkId: string,
  circleId: string,
  f: { from: Date; to: Date; unclaimed?: boolean },
) {
  let q = needsQuery(db, networkId, circleId)
    .where('n.ends_at', '>', f.from)
    .where('n.starts_at', '<', f.to)
    .orderBy('n.starts_at')
    .limit(1000);
  if (f.unclaimed) q = q.where('n.claimed_by', 'is', null);
  return q.execute();
}

/** Every need of the circle, earliest first, whatever its visibility (the owner's export). */
export async function listAllNeeds(db: Executor, networkId: string, circleId: string) {
  return needsQuery(db, networkId, circleId).orderBy('n.starts_at').execute();
}

export async function findNeed(db: Executor, networkId: string, circleId: string, needId: string) {
  return needsQuery(db, networkId, circleId).where('n.id', '=', needId).executeTakeFirst();
}

export async function insertNeeds(
  db: Executor,
  networkId: string,
  circleId: string,
  createdBy: string,
  seriesId: string | null,
  items: NeedFields[],
) {
  if (items.length === 0) return [];
  return db
    .insertInto('circle_need')
    .values(
      items.map((n) => ({
        network_id: networkId,
        circle_id: circleId,
        series_id: seriesId,
        kind: n.kind,
        title: n.title,
        starts_at: n.start,
        ends_at: n.end,
        place: n.place,
        notes: n.notes,
        visibility: n.visibility,
        claimed_by: null,
        claimed_at: null,
        done_at: null,
        done_by: null,
        created_by: createdBy,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'starts_at'])
    .execute();
}

export async function updateNeed(
  db: Executor,
  networkId: string,
  circleId: string,
  needId: string,
  f: Partial<NeedFields>,
) {
  await db
    .updateTable('circle_need')
    .set({
      ...(f.kind !== undefined ? { kind: f.kind } : {}),
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.start !== undefined ? { starts_at: f.start } : {}),
      ...(f.end !== undefined ? { ends_at: f.end } : {}),
      ...(f.place !== undefined ? { place: f.place } : {}),
      ...(f.notes !== undefined ? { notes: f.notes } : {}),
      ...(f.visibility !== undefined ? { visibility: f.visibility } : {}),
    })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', needId)
    .execute();
}

export async function deleteNeeds(
  db: Executor,
  networkId: string,
  circleId: string,
  need: { id: string; series_id: string | null; starts_at: Date },
  following: boolean,
) {
  let q = db.deleteFrom('circle_need').where('network_id', '=', networkId).where('circle_id', '=', circleId);
  if (following && need.series_id) {
    q = q
      .where('series_id', '=', need.series_id)
      .where('starts_at', '>=', need.starts_at)
      .where('done_at', 'is', null);
    // no new occurrences after this one
    await db
      .updateTable('circle_need_series')
      .set({ until_date: sql<string>`(${need.starts_at}::timestamptz - interval '1 day')::date` })
      .where('network_id', '=', networkId)
      .where('id', '=', need.series_id)
      .execute();
  } else {
    q = q.where('id', '=', need.id);
  }
  await q.execute();
}

/**
 * Claims a need for one helper. The conditional UPDATE (… WHERE claimed_by IS NULL) is the whole
 * guarantee: of two helpers claiming at once exactly one row update succeeds, the other sees 0 rows.
 */
export async function claimNeed(
  db: Executor,
  networkId: string,
  circleId: string,
  needId: string,
  accountId: string,
) {
  return db
    .updateTable('circle_need')
    .set({ claimed_by: accountId, claimed_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', needId)
    .where('claimed_by', 'is', null)
    .where('done_at', 'is', null)
    .returning(['id', 'starts_at'])
    .executeTakeFirst();
}

export async function unclaimNeed(
  db: Executor,
  networkId: string,
  circleId: string,
  needId: string,
  claimant: string | null,
) {
  let q = db
    .updateTable('circle_need')
    .set({ claimed_by: null, claimed_at: null })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', needId)
    .where('claimed_by', 'is not', null)
    .where('done_at', 'is', null);
  if (claimant) q = q.where('claimed_by', '=', claimant);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markDone(
  db: Executor,
  networkId: string,
  circleId: string,
  needId: string,
  doneBy: string,
  thanks: string,
) {
  return db
    .updateTable('circle_need')
    .set({ done_at: sql`now()`, done_by: doneBy, thanks })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', needId)
    .where('claimed_by', 'is not', null)
    .where('done_at', 'is', null)
    .returning(['id', 'claimed_by', 'title', 'starts_at', 'ends_at'])
    .executeTakeFirst();
}

/** Ties the time credit paid for a done need to it (the unique key allows one need per transfer). */
export async function setNeedCredit(
  db: Executor,
  networkId: string,
  circleId: string,
  needId: string,
  transferId: string,
) {
  const r = await db
    .updateTable('circle_need')
    .set({ credit_transfer_id: transferId })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', needId)
    .where('done_at', 'is not', null)
    .where('credit_transfer_id', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error('the need was not done or already had a credit');
}

/** Needs each helper took on (claimed or done) that started in the last `weeks` weeks. */
export async function loadPerHelper(db: Executor, networkId: string, circleId: string, weeks: number) {
  return db
    .selectFrom('circle_need as n')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'n.network_id').onRef('a.id', '=', 'n.claimed_by'),
    )
    .select([
      'n.claimed_by as account_id',
      'a.display_name as name',
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('n.network_id', '=', networkId)
    .where('n.circle_id', '=', circleId)
    .where('n.claimed_by', 'is not', null)
    .where('n.starts_at', '>=', sql<Date>`now() - make_interval(weeks => ${weeks})`)
    .where('n.starts_at', '<=', sql<Date>`now()`)
    .groupBy(['n.claimed_by', 'a.display_name'])
    .orderBy('count', 'desc')
    .execute();
}

export async function countUnclaimed(db: Executor, networkId: string, circleId: string, days: number) {
  const r = await db
    .selectFrom('circle_need')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('claimed_by', 'is', null)
    .where('starts_at', '>', sql<Date>`now()`)
    .where('starts_at', '<', sql<Date>`now() + make_interval(days => ${days})`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// series

export async function insertSeries(
  db: Executor,
  networkId: string,
  s: {
    circleId: string;
    firstStart: Date;
    durationMinutes: number;
    untilDate: string | null;
    materialisedUntil: Date;
  },
) {
  return db
    .insertInto('circle_need_series')
    .values({
      network_id: networkId,
      circle_id: s.circleId,
      first_start: s.firstStart,
      duration_minutes: s.durationMinutes,
      until_date: s.untilDate,
      materialised_until: s.materialisedUntil,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Series whose occurrences have not yet been written up to `horizon`, in live circles only. */
export async function seriesToExtend(db: Executor, networkId: string, horizon: Date) {
  return db
    .selectFrom('circle_need_series as s')
    .innerJoin('circle as c', (j) =>
      j.onRef('c.network_id', '=', 's.network_id').onRef('c.id', '=', 's.circle_id'),
    )
    .selectAll('s')
    .where('s.network_id', '=', networkId)
    .where('c.status', '=', 'active')
    .where('s.materialised_until', '<', horizon)
    .where((eb) =>
      eb.or([eb('s.until_date', 'is', null), eb('s.until_date', '>=', sql<string>`current_date`)]),
    )
    .forUpdate('s')
    .skipLocked()
    .execute();
}

/** The latest occurrence of a series: the template for the next ones. */
export async function lastOccurrence(db: Executor, networkId: string, seriesId: string) {
  return db
    .selectFrom('circle_need')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('series_id', '=', seriesId)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function setMaterialisedUntil(db: Executor, networkId: string, seriesId: string, until: Date) {
  await db
    .updateTable('circle_need_series')
    .set({ materialised_until: until })
    .where('network_id', '=', networkId)
    .where('id', '=', seriesId)
    .execute();
}

// calendar feeds

export async function replaceFeed(
  db: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  tokenHash: string,
) {
  await revokeFeed(db, networkId, circleId, accountId);
  await db
    .insertInto('circle_feed')
    .values({
      network_id: networkId,
      token_hash: tokenHash,
      circle_id: circleId,
      account_id: accountId,
      revoked_at: null,
    })
    .execute();
}

export async function revokeFeed(db: Executor, networkId: string, circleId: string, accountId: string) {
  await db
    .updateTable('circle_feed')
    .set({ revoked_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function findFeed(db: Executor, networkId: string, tokenHash: string) {
  return db
    .selectFrom('circle_feed')
    .select(['circle_id', 'account_id'])
    .where('network_id', '=', networkId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
