import { sql } from 'kysely';
import type { HoursStatus, LadderLevel } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

const columns = [
  'h.id',
  'h.account_id',
  'h.organisation_id',
  'h.opportunity_id',
  'h.shift_id',
  'h.activity',
  'h.occurred_on',
  'h.minutes',
  'h.source',
  'h.status',
  'h.decided_at',
  'h.decision_note',
  'h.credit_minutes',
  'h.created_at',
] as const;

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('hours_entry as h')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'h.network_id').onRef('o.id', '=', 'h.organisation_id'),
    )
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'h.network_id').onRef('a.id', '=', 'h.account_id'),
    )
    .leftJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 'h.network_id').onRef('op.id', '=', 'h.opportunity_id'),
    )
    .select([
      ...columns,
      'o.name as organisation_name',
      'a.display_name as volunteer_name',
      sql<LadderLevel | null>`op.level`.as('level'),
    ])
    .where('h.network_id', '=', networkId);
}

export type HoursRow = NonNullable<Awaited<ReturnType<typeof findHours>>>;

export async function findHours(db: Executor, networkId: string, id: string) {
  return base(db, networkId).where('h.id', '=', id).executeTakeFirst();
}

/** Locks the entry for a decision: two coordinators deciding at once see each other's result. */
export async function lockHours(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('hours_entry')
    .select(['id', 'status', 'account_id', 'organisation_id', 'minutes'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertHours(
  db: Executor,
  networkId: string,
  h: {
    accountId: string;
    organisationId: string;
    opportunityId: string | null;
    shiftId: string | null;
    signupId: string | null;
    activity: string;
    occurredOn: string;
    minutes: number;
    source: 'check_in' | 'logged';
  },
) {
  return db
    .insertInto('hours_entry')
    .values({
      network_id: networkId,
      account_id: h.accountId,
      organisation_id: h.organisationId,
      opportunity_id: h.opportunityId,
      shift_id: h.shiftId,
      signup_id: h.signupId,
      activity: h.activity,
      occurred_on: h.occurredOn,
      minutes: h.minutes,
      source: h.source,
      credit_minutes: null,
      credit_transfer_id: null,
      decided_by: null,
    })
    .onConflict((oc) => oc.columns(['network_id', 'signup_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function decideHours(
  db: Executor,
  networkId: string,
  id: string,
  d: { status: Exclude<HoursStatus, 'pending'>; decidedBy: string; note: string },
) {
  await db
    .updateTable('hours_entry')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: sql`now()`, decision_note: d.note })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function setCredit(
  db: Executor,
  networkId: string,
  id: string,
  minutes: number,
  transferId: string,
) {
  await db
    .updateTable('hours_entry')
    .set({ credit_minutes: minutes, credit_transfer_id: transferId })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export interface HoursFilter {
  accountId?: string;
  organisationId?: string;
  status?: HoursStatus;
  limit: number;
  offset: number;
}

export async function listHours(db: Executor, networkId: string, f: HoursFilter) {
  let q = base(db, networkId);
  if (f.accountId) q = q.where('h.account_id', '=', f.accountId);
  if (f.organisationId) q = q.where('h.organisation_id', '=', f.organisationId);
  if (f.status) q = q.where('h.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .orderBy('h.occurred_on', 'desc')
      .orderBy('h.created_at', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Every confirmed entry of the person, oldest first: the content of the certificate. */
export async function confirmedHoursOf(db: Executor, networkId: string, accountId: string) {
  return base(db, networkId)
    .where('h.account_id', '=', accountId)
    .where('h.status', '=', 'confirmed')
    .orderBy('h.occurred_on')
    .orderBy('h.created_at')
    .execute();
}

export async function creditRate(db: Executor, networkId: string, organisationId: string): Promise<number> {
  const r = await db
    .selectFrom('participation_settings')
    .select('credit_minutes_per_hour')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return r?.credit_minutes_per_hour ?? 0;
}

export async function setCreditRate(db: Executor, networkId: string, organisationId: string, rate: number) {
  await db
    .insertInto('participation_settings')
    .values({ network_id: networkId, organisation_id: organisationId, credit_minutes_per_hour: rate })
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'organisation_id'])
        .doUpdateSet({ credit_minutes_per_hour: rate, updated_at: sql`now()` }),
    )
    .execute();
}
