import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';

const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'held';

export async function listOutbox(
  db: Executor,
  networkId: string,
  f: { status?: OutboxStatus; limit: number; offset: number },
) {
  let q = db.selectFrom('outbox_email').where('network_id', '=', networkId);
  if (f.status) q = q.where('status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'to_address',
        'subject',
        'body_text',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'sent_at',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function listAuditLog(
  db: Executor,
  networkId: string,
  f: { action?: string; entityType?: string; entityId?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'l.network_id').onRef('a.id', '=', 'l.actor_id'),
    )
    .where('l.network_id', '=', networkId);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.entityType) q = q.where('l.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  const [rows, count] = await Promise.all([
    q
      .select([
        'l.id',
        'l.actor_id',
        'a.display_name as actor_name',
        'l.action',
        'l.entity_type',
        'l.entity_id',
        'l.details',
        'l.at',
      ])
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function listAccounts(
  db: Executor,
  networkId: string,
  f: { q?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('account').where('network_id', '=', networkId);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('display_name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'display_name', 'email', 'is_instance_admin', 'blocked_at', 'created_at'])
      .orderBy('display_name')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function setBlocked(
  db: Executor,
  networkId: string,
  accountId: string,
  reason: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('account')
    .set(
      reason === null
        ? { blocked_at: null, blocked_reason: null }
        : { blocked_at: sql`now()`, blocked_reason: reason },
    )
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
