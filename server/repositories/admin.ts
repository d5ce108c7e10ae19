import { sql } from 'kysely';
import { containsPattern } from '../db/like.ts';
import type { Executor } from '../db/tx.ts';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'held';

/**
 * The outbox as an instance admin sees it: the shown text (secrets redacted), never the delivered
 * one; a support circle's mails are left out and only counted (`confidential`), across every status.
 */
export async function listOutbox(
  db: Executor,
  networkId: string,
  f: { status?: OutboxStatus; limit: number; offset: number },
) {
  let q = db.selectFrom('outbox_email').where('network_id', '=', networkId);
  if (f.status) q = q.where('status', '=', f.status);
  const listed = q.where('confidential', '=', false);
  const [rows, count] = await Promise.all([
    listed
      .select([
        'id',
        'to_address',
        'subject',
        'body_shown',
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
    q
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('confidential', '=', false).as('n'),
        eb.fn.countAll<number>().filterWhere('confidential', '=', true).as('confidential'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n, confidential: count.confidential };
}

/**
 * Audit rows about support circles belong to the circle's owner (its access log): an instance admin's
 * view leaves them out, whatever the filter, and counts them — so nobody learns from who created,
 * read or changed which circle when that a named person has one.
 */
export const confidentialEntityTypes = ['circle'] as const;

export async function listAuditLog(
  db: Executor,
  networkId: string,
  f: {
    action?: string;
    entityType?: string;
    entityId?: string;
    actorId?: string;
    limit: number;
    offset: number;
  },
) {
  const base = db
    .selectFrom('audit_log as l')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'l.network_id').onRef('a.id', '=', 'l.actor_id'),
    )
    .where('l.network_id', '=', networkId);
  let q = base.where('l.entity_type', 'not in', confidentialEntityTypes);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.entityType) q = q.where('l.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('l.actor_id', '=', f.actorId);
  const [rows, count, confidential] = await Promise.all([
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
    base
      .where('l.entity_type', 'in', confidentialEntityTypes)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n, confidential: confidential.n };
}

/**
 * What the audit log can be filtered by: the actions, entity types and actors that occur in it, so an
 * admin picks from a list instead of typing a code. Like the log itself it leaves out every row about
 * a support circle, so no choice betrays that one exists.
 */
export async function auditFilterChoices(db: Executor, networkId: string) {
  const rows = db
    .selectFrom('audit_log as l')
    .where('l.network_id', '=', networkId)
    .where('l.entity_type', 'not in', confidentialEntityTypes);
  const [actions, entityTypes, actors] = await Promise.all([
    rows.select('l.action').distinct().orderBy('l.action').execute(),
    rows.select('l.entity_type').distinct().orderBy('l.entity_type').execute(),
    rows
      .innerJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'l.network_id').onRef('a.id', '=', 'l.actor_id'),
      )
      .select(['a.id', 'a.display_name'])
      .distinct()
      .orderBy('a.display_name')
      .orderBy('a.id')
      .execute(),
  ]);
  return {
    actions: actions.map((r) => r.action),
    entityTypes: entityTypes.map((r) => r.entity_type),
    actors: actors.map((r) => ({ id: r.id, name: r.display_name })),
  };
}

export async function listAccounts(
  db: Executor,
  networkId: string,
  f: { q?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('account').where('network_id', '=', networkId);
  if (f.q) {
    const like = containsPattern(f.q);
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
