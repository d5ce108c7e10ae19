import { sql } from 'kysely';
import type { PartyType } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

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

/** Interactions a person took part in, newest first, each with the other party and its name. */
export async function listInteractionsOf(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { limit: number; offset: number; sourceId?: string },
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
  const [rows, count] = await Promise.all([
    q
      .select([
        'i.id',
        'i.area',
        'i.kind',
        'i.mode',
        'i.occurred_at',
        sql<PartyType>`CASE WHEN i.a_type = 'person' AND i.a_id = ${accountId} THEN i.b_type ELSE i.a_type END`.as(
          'with_type',
        ),
        sql<string>`CASE WHEN i.a_type = 'person' AND i.a_id = ${accountId} THEN i.b_id ELSE i.a_id END`.as(
          'with_id',
        ),
      ])
      .orderBy('i.occurred_at', 'desc')
      .orderBy('i.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await partyNames(
    db,
    networkId,
    rows.map((r) => ({ type: r.with_type, id: r.with_id })),
  );
  return {
    total: count.n,
    rows: rows.map((r) => ({ ...r, with_name: names.get(`${r.with_type}:${r.with_id}`) ?? '' })),
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
