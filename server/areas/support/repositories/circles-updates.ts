import type { CircleVisibility } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

function updatesQuery(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_update as u')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'u.network_id').onRef('a.id', '=', 'u.author_id'),
    )
    .selectAll('u')
    .select('a.display_name as author_name')
    .where('u.network_id', '=', networkId)
    .where('u.circle_id', '=', circleId);
}

export async function listUpdates(db: Executor, networkId: string, circleId: string) {
  return updatesQuery(db, networkId, circleId)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id')
    .limit(2000)
    .execute();
}

export async function findUpdate(db: Executor, networkId: string, circleId: string, id: string) {
  return updatesQuery(db, networkId, circleId).where('u.id', '=', id).executeTakeFirst();
}

export async function insertUpdate(
  db: Executor,
  networkId: string,
  circleId: string,
  authorId: string,
  u: { body: string; visibility: CircleVisibility },
) {
  const { id } = await db
    .insertInto('circle_update')
    .values({
      network_id: networkId,
      circle_id: circleId,
      author_id: authorId,
      body: u.body,
      visibility: u.visibility,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await findUpdate(db, networkId, circleId, id);
  if (!row) throw new Error('update vanished');
  return row;
}

export async function deleteUpdate(db: Executor, networkId: string, circleId: string, id: string) {
  await db
    .deleteFrom('circle_update')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', id)
    .execute();
}

export async function listComments(db: Executor, networkId: string, updateIds: string[]) {
  if (updateIds.length === 0) return [];
  return db
    .selectFrom('circle_comment as c')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'c.network_id').onRef('a.id', '=', 'c.author_id'),
    )
    .selectAll('c')
    .select('a.display_name as author_name')
    .where('c.network_id', '=', networkId)
    .where('c.update_id', 'in', updateIds)
    .orderBy('c.created_at')
    .execute();
}

export async function findComment(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  id: string,
) {
  return db
    .selectFrom('circle_comment')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('update_id', '=', updateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertComment(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  authorId: string,
  c: { body: string; visibility: CircleVisibility },
) {
  return db
    .insertInto('circle_comment')
    .values({
      network_id: networkId,
      circle_id: circleId,
      update_id: updateId,
      author_id: authorId,
      body: c.body,
      visibility: c.visibility,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function deleteComment(db: Executor, networkId: string, circleId: string, id: string) {
  await db
    .deleteFrom('circle_comment')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', id)
    .execute();
}

// attachments of updates (the bytes are read only by the download)

const attachmentMeta = [
  'id',
  'update_id',
  'kind',
  'name',
  'alt',
  'content_type',
  'size',
  'width',
  'height',
  'created_by',
  'created_at',
] as const;

export async function listAttachments(db: Executor, networkId: string, updateIds: string[]) {
  if (updateIds.length === 0) return [];
  return db
    .selectFrom('circle_attachment')
    .select(attachmentMeta)
    .where('network_id', '=', networkId)
    .where('update_id', 'in', updateIds)
    .orderBy('update_id')
    .orderBy('position')
    .execute();
}

export async function findAttachment(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  id: string,
) {
  return db
    .selectFrom('circle_attachment')
    .select(attachmentMeta)
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('update_id', '=', updateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The stored file, or its thumbnail (images only; null for a PDF). */
export async function attachmentData(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  id: string,
  thumb: boolean,
) {
  return db
    .selectFrom('circle_attachment')
    .select(['kind', 'name', 'content_type', thumb ? 'thumb as data' : 'bytes as data'])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('update_id', '=', updateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Locks the update against concurrent uploads and answers which of the positions 0 … max-1 are free.
 * Called in the transaction that inserts, so two uploads at once cannot both take the last place.
 */
export async function freeAttachmentPositions(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  max: number,
) {
  await db
    .selectFrom('circle_update')
    .select('id')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', updateId)
    .forUpdate()
    .executeTakeFirst();
  const taken = new Set(
    (
      await db
        .selectFrom('circle_attachment')
        .select('position')
        .where('network_id', '=', networkId)
        .where('update_id', '=', updateId)
        .execute()
    ).map((r) => r.position),
  );
  return Array.from({ length: max }, (_, i) => i).filter((p) => !taken.has(p));
}

export type AttachmentFile =
  | { kind: 'image'; name: string; alt: string; bytes: Buffer; thumb: Buffer; width: number; height: number }
  | { kind: 'pdf'; name: string; bytes: Buffer };

export async function insertAttachment(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  createdBy: string,
  position: number,
  f: AttachmentFile,
) {
  return db
    .insertInto('circle_attachment')
    .values({
      network_id: networkId,
      circle_id: circleId,
      update_id: updateId,
      position,
      kind: f.kind,
      name: f.name,
      size: f.bytes.length,
      bytes: f.bytes,
      created_by: createdBy,
      ...(f.kind === 'image'
        ? {
            content_type: 'image/webp' as const,
            alt: f.alt,
            width: f.width,
            height: f.height,
            thumb: f.thumb,
          }
        : { content_type: 'application/pdf' as const, width: null, height: null, thumb: null }),
    })
    .returning(attachmentMeta)
    .executeTakeFirstOrThrow();
}

export async function deleteAttachment(
  db: Executor,
  networkId: string,
  circleId: string,
  updateId: string,
  id: string,
) {
  const r = await db
    .deleteFrom('circle_attachment')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('update_id', '=', updateId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// the team of professionals

export interface TeamFields {
  name?: string;
  organisationName?: string;
  organisationId?: string | null;
  roleTitle?: string;
  contact?: string;
  accountId?: string | null;
}

const teamSet = (f: TeamFields) => ({
  ...(f.name !== undefined ? { name: f.name } : {}),
  ...(f.organisationName !== undefined ? { organisation_name: f.organisationName } : {}),
  ...(f.organisationId !== undefined ? { organisation_id: f.organisationId } : {}),
  ...(f.roleTitle !== undefined ? { role_title: f.roleTitle } : {}),
  ...(f.contact !== undefined ? { contact: f.contact } : {}),
  ...(f.accountId !== undefined ? { account_id: f.accountId } : {}),
});

export async function listTeam(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_team_member')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .orderBy('created_at')
    .execute();
}

export async function insertTeamMember(
  db: Executor,
  networkId: string,
  circleId: string,
  createdBy: string,
  f: TeamFields & { name: string },
) {
  return db
    .insertInto('circle_team_member')
    .values({
      network_id: networkId,
      circle_id: circleId,
      created_by: createdBy,
      organisation_id: null,
      account_id: null,
      ...teamSet(f),
      name: f.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTeamMember(
  db: Executor,
  networkId: string,
  circleId: string,
  id: string,
  f: TeamFields,
) {
  return db
    .updateTable('circle_team_member')
    .set(teamSet(f))
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTeamMember(db: Executor, networkId: string, circleId: string, id: string) {
  const r = await db
    .deleteFrom('circle_team_member')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
