import { type RawBuilder, sql } from 'kysely';
import { containsPattern } from '../../../../db/like.ts';
import type { DossierItemType, DossierStatus, DossierStep } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { Paging } from '../../../../http/paging.ts';
import { hiddenSql } from '../../../../platform/moderation.ts';
import { threadReadable } from '../../discussions/scope.ts';

/** A day as YYYY-MM-DD, whichever way the driver hands a `date` column back. */
export const isoDay = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

const dossierColumns = [
  'd.id',
  'd.organisation_id',
  'd.title',
  'd.summary',
  'd.status',
  'd.recipient_organisation_id',
  'd.recipient_email',
  'd.recipient_name',
  'd.committee',
  'd.agenda_date',
  'd.answer',
  'd.sent_at',
  'd.answered_at',
  'd.created_by',
  'd.created_at',
  'd.updated_at',
  'o.name as organisation_name',
  'ro.name as recipient_organisation_name',
] as const;

function dossiers(db: Executor, networkId: string) {
  return db
    .selectFrom('dossier as d')
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'd.network_id').onRef('o.id', '=', 'd.organisation_id'),
    )
    .leftJoin('organisation as ro', (j) =>
      j.onRef('ro.network_id', '=', 'd.network_id').onRef('ro.id', '=', 'd.recipient_organisation_id'),
    )
    .where('d.network_id', '=', networkId);
}

export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

export async function findDossier(db: Executor, networkId: string, id: string) {
  return dossiers(db, networkId).select(dossierColumns).where('d.id', '=', id).executeTakeFirst();
}

/** Locks the dossier row for a change of it (its items, its sending, a step of its handling). */
export async function lockDossier(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('dossier')
    .select([
      'id',
      'organisation_id',
      'title',
      'status',
      'recipient_organisation_id',
      'recipient_email',
      'recipient_name',
    ])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

const matching = (q: string | undefined) => (q ? containsPattern(q) : null);

/** Sent dossiers, the public record: newest first, by words of the title or summary, or by status. */
export async function listPublic(
  db: Executor,
  networkId: string,
  f: { q?: string; status?: DossierStatus; recipientOrganisationId?: string } & Paging,
) {
  let base = dossiers(db, networkId).where('d.status', '<>', 'draft');
  const like = matching(f.q);
  if (like) base = base.where((eb) => eb.or([eb('d.title', 'ilike', like), eb('d.summary', 'ilike', like)]));
  if (f.status) base = base.where('d.status', '=', f.status);
  if (f.recipientOrganisationId)
    base = base.where('d.recipient_organisation_id', '=', f.recipientOrganisationId);
  const [items, count] = await Promise.all([
    base
      .select(dossierColumns)
      .orderBy('d.sent_at', 'desc')
      .orderBy('d.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Drafts the person may compile: the network's (instance admins) and those of their organisations. */
export async function listDrafts(
  db: Executor,
  networkId: string,
  who: { instanceAdmin: boolean; organisationIds: string[] },
  page: Paging,
) {
  let base = dossiers(db, networkId).where('d.status', '=', 'draft');
  if (!who.instanceAdmin) {
    if (who.organisationIds.length === 0) return { items: [], total: 0 };
    base = base.where('d.organisation_id', 'in', who.organisationIds);
  }
  const [items, count] = await Promise.all([
    base
      .select(dossierColumns)
      .orderBy('d.updated_at', 'desc')
      .orderBy('d.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Dossiers sent to these organisations: those still waiting for their handling first, then the answered. */
export async function listInbox(db: Executor, networkId: string, organisationIds: string[], page: Paging) {
  if (organisationIds.length === 0) return { items: [], total: 0 };
  const base = dossiers(db, networkId)
    .where('d.status', '<>', 'draft')
    .where('d.recipient_organisation_id', 'in', organisationIds);
  const [items, count] = await Promise.all([
    base
      .select(dossierColumns)
      .orderBy(sql`d.status = 'answered'`)
      .orderBy('d.sent_at', 'desc')
      .orderBy('d.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Dossiers waiting for these organisations' handling (for the personal home), oldest first. */
export async function listWaiting(db: Executor, networkId: string, organisationIds: string[], limit: number) {
  if (organisationIds.length === 0) return [];
  return dossiers(db, networkId)
    .select(dossierColumns)
    .where('d.status', 'in', ['sent', 'received', 'on_agenda'])
    .where('d.recipient_organisation_id', 'in', organisationIds)
    .orderBy('d.sent_at')
    .limit(limit)
    .execute();
}

export interface DossierFields {
  title: string;
  summary: string;
}

export async function insertDossier(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  createdBy: string,
  f: DossierFields,
): Promise<string> {
  const r = await db
    .insertInto('dossier')
    .values({ network_id: networkId, organisation_id: organisationId, created_by: createdBy, ...f })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDossier(db: Executor, networkId: string, id: string, f: DossierFields) {
  await db
    .updateTable('dossier')
    .set({ ...f, updated_at: new Date() })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function deleteDossier(db: Executor, networkId: string, id: string) {
  await db.deleteFrom('dossier').where('network_id', '=', networkId).where('id', '=', id).execute();
}

export async function markSent(
  db: Executor,
  networkId: string,
  id: string,
  to: { organisationId: string | null; email: string | null; name: string },
  at = new Date(),
) {
  await db
    .updateTable('dossier')
    .set({
      status: 'sent',
      recipient_organisation_id: to.organisationId,
      recipient_email: to.email,
      recipient_name: to.name,
      sent_at: at,
      updated_at: at,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function setHandling(
  db: Executor,
  networkId: string,
  id: string,
  s:
    | { status: 'received' }
    | { status: 'on_agenda'; committee: string; agendaDate: string }
    | { status: 'answered'; answer: string },
  at = new Date(),
) {
  await db
    .updateTable('dossier')
    .set({
      status: s.status,
      updated_at: at,
      ...(s.status === 'on_agenda' ? { committee: s.committee, agenda_date: s.agendaDate } : {}),
      ...(s.status === 'answered' ? { answer: s.answer, answered_at: at } : {}),
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function insertStep(
  db: Executor,
  networkId: string,
  dossierId: string,
  step: DossierStep,
  actorId: string,
  extra: { committee?: string; agendaDate?: string; onBehalf?: boolean; at?: Date } = {},
) {
  await db
    .insertInto('dossier_step')
    .values({
      network_id: networkId,
      dossier_id: dossierId,
      step,
      actor_id: actorId,
      committee: extra.committee ?? null,
      agenda_date: extra.agendaDate ?? null,
      on_behalf: extra.onBehalf ?? false,
      // steps recorded in one transaction (the demo town's) still follow each other
      created_at: extra.at ?? sql<Date>`clock_timestamp()`,
    })
    .execute();
}

/** The handling history, oldest first, with who recorded each step and for which organisation. */
export async function listSteps(db: Executor, networkId: string, dossierId: string) {
  return db
    .selectFrom('dossier_step as s')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 's.network_id').onRef('a.id', '=', 's.actor_id'),
    )
    .select([
      's.id',
      's.step',
      's.committee',
      's.agenda_date',
      's.on_behalf',
      's.created_at',
      'a.display_name as actor_name',
    ])
    .where('s.network_id', '=', networkId)
    .where('s.dossier_id', '=', dossierId)
    .orderBy('s.created_at')
    .orderBy(sql`array_position(ARRAY['sent', 'received', 'on_agenda', 'answered'], s.step)`)
    .orderBy('s.id')
    .execute();
}

// ---- Evidence ------------------------------------------------------------------------------------

/**
 * What may be evidence, as SQL over an alias of its table: public and visible — a map report not
 * hidden by a moderator; a thread or post that passed review, is not deleted and not hidden, and that
 * anyone may read (not of a members-only community, discussions/scope.ts); a wiki
 * page that is public and not archived. The same rule picks the candidates, admits an item and
 * decides whether an item still counts once added.
 */

const visible: Record<DossierItemType, (alias: string) => RawBuilder<unknown>> = {
  map_report: (a) => sql`NOT ${hiddenSql('map_report', a)}`,
  discussion_thread: (a) =>
    sql`${sql.raw(a)}.review_status = 'visible' AND NOT ${hiddenSql('discussion_thread', a)}
      AND ${threadReadable(a, null)}`,
  discussion_post: (a) =>
    sql`${sql.raw(a)}.review_status = 'visible' AND ${sql.raw(a)}.deleted_at IS NULL AND NOT ${hiddenSql('discussion_post', a)}
      AND EXISTS (SELECT 1 FROM discussion_thread vt WHERE vt.network_id = ${sql.raw(a)}.network_id AND vt.id = ${sql.raw(a)}.thread_id
        AND vt.review_status = 'visible' AND NOT ${hiddenSql('discussion_thread', 'vt')} AND ${threadReadable('vt', null)})`,
  wiki_page: (a) =>
    sql`${sql.raw(a)}.visibility = 'public' AND ${sql.raw(a)}.archived_at IS NULL AND NOT ${hiddenSql('wiki_page', a)}`,
};

const tables: Record<DossierItemType, string> = {
  map_report: 'map_report',
  discussion_thread: 'discussion_thread',
  discussion_post: 'discussion_post',
  wiki_page: 'wiki_page',
};

/** Whether a thing exists, and whether it may be evidence. */
export async function evidenceState(
  db: Executor,
  networkId: string,
  type: DossierItemType,
  id: string,
): Promise<'missing' | 'not_public' | 'ok'> {
  const r = await sql<{ ok: boolean }>`
    SELECT (${visible[type]('x')}) AS ok FROM ${sql.table(tables[type])} x
    WHERE x.network_id = ${networkId} AND x.id = ${id}`.execute(db);
  const row = r.rows[0];
  return !row ? 'missing' : row.ok ? 'ok' : 'not_public';
}

/** One piece of evidence as shown: what it is, where, and whether it still counts. */
export interface EvidenceRow {
  item_type: DossierItemType;
  item_id: string;
  title: string;
  /** a few words of it: the post's text, the report's description */
  excerpt: string;
  district_id: string | null;
  district_name: string | null;
  /** what its link needs: a thread's id for a post, a page's slug */
  thread_id: string | null;
  position: number | null;
  slug: string | null;
  lat: number | null;
  lng: number | null;
  report_status: string | null;
  report_kind: string | null;
  report_category: string | null;
  created_at: Date;
  available: boolean;
}

/**
 * The columns of each kind of evidence, over alias x (district d) — built for each query, since who may
 * read a community's thread is a rule registered when the server starts (discussions/scope.ts).
 */
const evidenceSelect = (): Record<DossierItemType, RawBuilder<unknown>> => ({
  map_report: sql`'map_report' AS item_type, x.id AS item_id, x.title, left(x.body, 300) AS excerpt, x.district_id,
    d.name AS district_name, NULL::uuid AS thread_id, NULL::integer AS position, NULL AS slug, x.lat, x.lng,
    x.status AS report_status, x.kind AS report_kind, x.category AS report_category, x.created_at,
    (${visible.map_report('x')}) AS available
    FROM map_report x LEFT JOIN district d ON d.network_id = x.network_id AND d.id = x.district_id`,
  discussion_thread: sql`'discussion_thread' AS item_type, x.id AS item_id, x.title,
    coalesce((SELECT left(p.body, 300) FROM discussion_post p WHERE p.network_id = x.network_id AND p.thread_id = x.id
      AND p.position = 1 AND p.review_status = 'visible' AND p.deleted_at IS NULL), '') AS excerpt,
    x.district_id, d.name AS district_name, x.id AS thread_id, NULL::integer AS position, NULL AS slug,
    NULL::float8 AS lat, NULL::float8 AS lng, NULL AS report_status, NULL AS report_kind, NULL AS report_category,
    x.created_at, (${visible.discussion_thread('x')}) AS available
    FROM discussion_thread x LEFT JOIN district d ON d.network_id = x.network_id AND d.id = x.district_id`,
  discussion_post: sql`'discussion_post' AS item_type, x.id AS item_id, t.title, left(x.body, 300) AS excerpt,
    t.district_id, d.name AS district_name, x.thread_id, x.position, NULL AS slug,
    NULL::float8 AS lat, NULL::float8 AS lng, NULL AS report_status, NULL AS report_kind, NULL AS report_category,
    x.created_at, (${visible.discussion_post('x')}) AS available
    FROM discussion_post x JOIN discussion_thread t ON t.network_id = x.network_id AND t.id = x.thread_id
    LEFT JOIN district d ON d.network_id = t.network_id AND d.id = t.district_id`,
  wiki_page: sql`'wiki_page' AS item_type, x.id AS item_id, x.title,
    coalesce((SELECT left(r.body, 300) FROM wiki_revision r WHERE r.network_id = x.network_id AND r.page_id = x.id
      AND r.revision = x.current_revision), '') AS excerpt,
    NULL::uuid AS district_id, NULL AS district_name, NULL::uuid AS thread_id, NULL::integer AS position, x.slug,
    NULL::float8 AS lat, NULL::float8 AS lng, NULL AS report_status, NULL AS report_kind, NULL AS report_category,
    x.created_at, (${visible.wiki_page('x')}) AS available
    FROM wiki_page x`,
});

/** A dossier's evidence with its note, in the order it was added. */
export async function listItems(db: Executor, networkId: string, dossierId: string) {
  const select = evidenceSelect();
  const parts = (Object.keys(select) as DossierItemType[]).map(
    (type) => sql`SELECT i.note, i.added_at, e.* FROM dossier_item i
      JOIN (SELECT x.network_id AS e_network_id, ${select[type]}) e
        ON e.e_network_id = i.network_id AND e.item_id = i.item_id
      WHERE i.network_id = ${networkId} AND i.dossier_id = ${dossierId} AND i.item_type = ${type}`,
  );
  const r = await sql<EvidenceRow & { note: string; added_at: Date; e_network_id: string }>`
    ${sql.join(parts, sql` UNION ALL `)} ORDER BY added_at, item_id`.execute(db);
  return r.rows;
}

/** Candidates for evidence of one kind: public and visible, by words of the title, newest first. */
export async function searchEvidence(
  db: Executor,
  networkId: string,
  type: DossierItemType,
  f: { q?: string; dossierId?: string } & Paging,
) {
  const like = matching(f.q);
  const text =
    type === 'discussion_post'
      ? sql`(e.title ILIKE ${like} OR e.excerpt ILIKE ${like})`
      : sql`e.title ILIKE ${like}`;
  const where = sql`e.e_network_id = ${networkId} AND e.available ${like ? sql`AND ${text}` : sql``}`;
  const [rows, count] = await Promise.all([
    sql<EvidenceRow & { added: boolean }>`
      SELECT e.*, ${
        f.dossierId
          ? sql`EXISTS (SELECT 1 FROM dossier_item i WHERE i.network_id = e.e_network_id AND i.dossier_id = ${f.dossierId}
              AND i.item_type = ${type} AND i.item_id = e.item_id)`
          : sql`false`
      } AS added
      FROM (SELECT x.network_id AS e_network_id, ${evidenceSelect()[type]}) e
      WHERE ${where} ORDER BY e.created_at DESC, e.item_id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{
      n: string | number;
    }>`SELECT count(*) AS n FROM (SELECT x.network_id AS e_network_id, ${evidenceSelect()[type]}) e
      WHERE ${where}`.execute(db),
  ]);
  return { items: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
}

export async function insertItem(
  db: Executor,
  networkId: string,
  dossierId: string,
  item: { type: DossierItemType; id: string; note: string },
  addedBy: string,
): Promise<boolean> {
  const r = await db
    .insertInto('dossier_item')
    .values({
      network_id: networkId,
      dossier_id: dossierId,
      item_type: item.type,
      item_id: item.id,
      note: item.note,
      added_by: addedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteItem(
  db: Executor,
  networkId: string,
  dossierId: string,
  type: DossierItemType,
  itemId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('dossier_item')
    .where('network_id', '=', networkId)
    .where('dossier_id', '=', dossierId)
    .where('item_type', '=', type)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countItems(db: Executor, networkId: string, dossierId: string): Promise<number> {
  const r = await db
    .selectFrom('dossier_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('dossier_id', '=', dossierId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The people behind a dossier's evidence, each once: who wrote a report and who said "me too" to
 * it; who started a thread and who posted visibly in it; who wrote a post; who wrote a revision of
 * a wiki page. Only evidence that still counts (public and visible) brings its people.
 */
export async function contributors(db: Executor, networkId: string, dossierId: string): Promise<string[]> {
  const item = (type: DossierItemType) =>
    sql`SELECT i.item_id FROM dossier_item i WHERE i.network_id = ${networkId} AND i.dossier_id = ${dossierId} AND i.item_type = ${type}`;
  const r = await sql<{ account_id: string }>`
    SELECT DISTINCT account_id FROM (
      SELECT x.author_id AS account_id FROM map_report x WHERE x.network_id = ${networkId}
        AND x.id IN (${item('map_report')}) AND ${visible.map_report('x')}
      UNION SELECT s.account_id FROM map_report_support s JOIN map_report x ON x.network_id = s.network_id AND x.id = s.report_id
        WHERE s.network_id = ${networkId} AND s.report_id IN (${item('map_report')}) AND ${visible.map_report('x')}
      UNION SELECT x.author_id FROM discussion_thread x WHERE x.network_id = ${networkId}
        AND x.id IN (${item('discussion_thread')}) AND ${visible.discussion_thread('x')}
      UNION SELECT p.author_id FROM discussion_post p JOIN discussion_thread x ON x.network_id = p.network_id AND x.id = p.thread_id
        WHERE p.network_id = ${networkId} AND p.thread_id IN (${item('discussion_thread')}) AND ${visible.discussion_thread('x')}
        AND ${visible.discussion_post('p')}
      UNION SELECT x.author_id FROM discussion_post x WHERE x.network_id = ${networkId}
        AND x.id IN (${item('discussion_post')}) AND ${visible.discussion_post('x')}
      UNION SELECT r.author_id FROM wiki_revision r JOIN wiki_page x ON x.network_id = r.network_id AND x.id = r.page_id
        WHERE r.network_id = ${networkId} AND r.page_id IN (${item('wiki_page')}) AND ${visible.wiki_page('x')}
    ) people WHERE account_id IS NOT NULL`.execute(db);
  return r.rows.map((x) => x.account_id);
}

/** "Me too" on the dossier's reports that still count, all together. */
export async function supportTotal(db: Executor, networkId: string, dossierId: string): Promise<number> {
  const r = await sql<{ n: string | number }>`
    SELECT count(*) AS n FROM map_report_support s JOIN map_report x ON x.network_id = s.network_id AND x.id = s.report_id
    JOIN dossier_item i ON i.network_id = s.network_id AND i.item_type = 'map_report' AND i.item_id = s.report_id
    WHERE s.network_id = ${networkId} AND i.dossier_id = ${dossierId} AND ${visible.map_report('x')}`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Accounts with their language, to word a notification for each. */
export async function accountsWithLocale(db: Executor, networkId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('account')
    .select(['id', 'locale'])
    .where('network_id', '=', networkId)
    .where('id', 'in', ids)
    .where('blocked_at', 'is', null)
    .execute();
}

/** Staff and admins of an organisation (who act for it). */
export async function actorsFor(db: Executor, networkId: string, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('role', 'in', ['admin', 'staff'])
    .execute();
  return rows.map((r) => r.account_id);
}

/** The public bodies of the network a dossier may be sent to. */
export async function publicBodies(db: Executor, networkId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .where('kind', '=', 'public_body')
    .orderBy('name')
    .execute();
}

export async function findOrganisation(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}
