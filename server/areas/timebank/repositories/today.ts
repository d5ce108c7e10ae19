import { sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';

/**
 * Requests for credits that wait for a payer this person acts for — their own account, their
 * organisations' (`organisationIds`), the pool (`pool`, instance admins) — oldest first, with both
 * sides' owners and names (areas/timebank/today.ts).
 */
export async function requestsToConfirm(
  db: Executor,
  networkId: string,
  payer: { personId: string; organisationIds: string[]; pool: boolean },
  limit: number,
) {
  const q = db
    .selectFrom('timebank_transfer as t')
    .innerJoin('timebank_account as pa', (j) =>
      j.onRef('pa.network_id', '=', 't.network_id').onRef('pa.id', '=', 't.payer_account_id'),
    )
    .innerJoin('timebank_account as ra', (j) =>
      j.onRef('ra.network_id', '=', 't.network_id').onRef('ra.id', '=', 't.payee_account_id'),
    )
    .leftJoin('account as rp', (j) =>
      j.onRef('rp.network_id', '=', 'ra.network_id').onRef('rp.id', '=', 'ra.person_id'),
    )
    .leftJoin('organisation as ro', (j) =>
      j.onRef('ro.network_id', '=', 'ra.network_id').onRef('ro.id', '=', 'ra.organisation_id'),
    )
    .leftJoin('organisation as po', (j) =>
      j.onRef('po.network_id', '=', 'pa.network_id').onRef('po.id', '=', 'pa.organisation_id'),
    )
    .where('t.network_id', '=', networkId)
    .where('t.status', '=', 'requested')
    .where((eb) =>
      eb.or([
        eb('pa.person_id', '=', payer.personId),
        ...(payer.organisationIds.length > 0 ? [eb('pa.organisation_id', 'in', payer.organisationIds)] : []),
        ...(payer.pool ? [eb('pa.owner_type', '=', 'pool')] : []),
      ]),
    );
  const [items, total] = await Promise.all([
    q
      .select([
        't.id',
        't.minutes',
        't.memo',
        't.status',
        't.created_at',
        'pa.owner_type as payer_type',
        'pa.person_id as payer_person_id',
        'pa.organisation_id as payer_organisation_id',
        'po.name as payer_name',
        'ra.owner_type as payee_type',
        'ra.person_id as payee_person_id',
        'ra.organisation_id as payee_organisation_id',
        sql<string | null>`coalesce(rp.display_name, ro.name)`.as('payee_name'),
      ])
      .orderBy('t.created_at')
      .orderBy('t.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type RequestToConfirm = Awaited<ReturnType<typeof requestsToConfirm>>['items'][number];
