import type { InteractionStatus, PartyType } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/** The name of a person (not blocked) or an organisation, or undefined if there is none. */
export async function partyName(
  db: Executor,
  networkId: string,
  party: { type: PartyType; id: string },
): Promise<string | undefined> {
  if (party.type === 'person') {
    const a = await db
      .selectFrom('account')
      .select('display_name')
      .where('network_id', '=', networkId)
      .where('id', '=', party.id)
      .where('blocked_at', 'is', null)
      .executeTakeFirst();
    return a?.display_name;
  }
  const o = await db
    .selectFrom('organisation')
    .select('name')
    .where('network_id', '=', networkId)
    .where('id', '=', party.id)
    .executeTakeFirst();
  return o?.name;
}

const columns = [
  'i.id',
  'i.area',
  'i.kind',
  'i.mode',
  'i.a_type',
  'i.a_id',
  'i.b_type',
  'i.b_id',
  'i.occurred_at',
  'i.source_type',
  'i.status',
] as const;

export type InteractionRow = NonNullable<Awaited<ReturnType<typeof findInteraction>>>;

export async function findInteraction(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('interaction as i')
    .select(columns)
    .where('i.network_id', '=', networkId)
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** The person confirms an interaction logged with them; false when it is no longer pending. */
export async function confirmInteraction(db: Executor, networkId: string, id: string, accountId: string) {
  const r = await db
    .updateTable('interaction')
    .set({ status: 'confirmed', confirmed_at: new Date() })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('b_type', '=', 'person')
    .where('b_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteInteraction(db: Executor, networkId: string, id: string) {
  const r = await db
    .deleteFrom('interaction')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Interactions a person took part in, newest first, each with the other party and its name: the
 * confirmed ones and those logged by hand that wait for confirmation (by them or by the other
 * person; `status` narrows it).
 */
export async function listInteractionsOf(
  db: Executor,
  networkId: string,
  accountId: string,
  f: {
    limit: number;
    offset: number;
    sourceId?: string;
    status?: InteractionStatus;
    id?: string;
    /** leave out support circles' (a care task done), for a session in which circles stay closed */
    withoutCircles?: boolean;
  },
) {
  let q = db
    .selectFrom('interaction as i')
    .where('i.network_id', '=', networkId)
    .where((eb) =>
      eb.or([
        eb.and([eb('i.a_type', '=', 'person'), eb('i.a_id', '=', accountId)]),
        eb.and([eb('i.b_type', '=', 'person'), eb('i.b_id', '=', accountId)]),
      ]),
    );
  if (f.sourceId) q = q.where('i.source_id', '=', f.sourceId);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.id) q = q.where('i.id', '=', f.id);
  if (f.withoutCircles) q = q.where('i.area', '!=', 'support');
  const [rows, count] = await Promise.all([
    q
      .select(columns)
      .orderBy('i.occurred_at', 'desc')
      .orderBy('i.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const other = (r: (typeof rows)[number]) =>
    r.a_type === 'person' && r.a_id === accountId
      ? { type: r.b_type, id: r.b_id }
      : { type: r.a_type, id: r.a_id };
  const names = await partyNames(db, networkId, rows.map(other));
  return {
    total: count.n,
    rows: rows.map((r) => {
      const w = other(r);
      return { ...r, with_type: w.type, with_id: w.id, with_name: names.get(`${w.type}:${w.id}`) ?? '' };
    }),
  };
}

async function partyNames(db: Executor, networkId: string, parties: { type: PartyType; id: string }[]) {
  const ids = (type: PartyType) => [...new Set(parties.filter((p) => p.type === type).map((p) => p.id))];
  const people = ids('person');
  const orgs = ids('organisation');
  const names = new Map<string, string>();
  if (people.length > 0) {
    const rows = await db
      .selectFrom('account')
      .select(['id', 'display_name'])
      .where('network_id', '=', networkId)
      .where('id', 'in', people)
      .execute();
    for (const r of rows) names.set(`person:${r.id}`, r.display_name);
  }
  if (orgs.length > 0) {
    const rows = await db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('network_id', '=', networkId)
      .where('id', 'in', orgs)
      .execute();
    for (const r of rows) names.set(`organisation:${r.id}`, r.name);
  }
  return names;
}
