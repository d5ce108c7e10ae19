import type { Executor } from '../db/tx.ts';

export interface AuditEntry {
  networkId: string;
  actorId: string | null;
  /** verb in the past tense, dotted: 'organisation.updated', 'circle.read' */
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit log inside the caller's transaction: the record and its audit commit together. */
export async function audit(db: Executor, e: AuditEntry): Promise<void> {
  await auditInsert(db, e).execute();
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An entity id as the database spells it. Routes accept a uuid in any case and PostgreSQL compares
 * uuids regardless, but the log keeps ids as text: a read sent with the id in capitals was stored
 * under an id that the owner's access log and a circle's purge never match.
 */
const canonicalId = (id: string | null | undefined) =>
  id && uuid.test(id) ? id.toLowerCase() : (id ?? null);

/** The audit row as a query, to write with others in one statement (see insertTogether). */
export function auditInsert(db: Executor, e: AuditEntry) {
  return db.insertInto('audit_log').values({
    network_id: e.networkId,
    actor_id: e.actorId,
    action: e.action,
    entity_type: e.entityType,
    entity_id: canonicalId(e.entityId),
    details: JSON.stringify(e.details ?? {}),
    ip: e.ip ?? null,
  });
}
