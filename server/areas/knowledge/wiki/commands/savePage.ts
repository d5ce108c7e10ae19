import type { SearchVisibility } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { plainText, wikiLinkTargets } from '../../../../platform/markdown.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { indexDocument, removeDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { followersOf } from '../../digests/repositories/follows.ts';
import { resolveLinks } from '../links.ts';
import { wikiPagePolicy } from '../policies/wikiPage.ts';
import {
  displayName,
  findRevision,
  insertPage,
  insertRevision,
  lockPage,
  mayOwn,
  pagesLinkingTo,
  type RevisionFields,
  replaceLinks,
  sameTitle,
  setArchived,
  slugsLike,
  updatePageSettings,
} from '../repositories/pages.ts';
import { slugify } from '../slug.ts';

/**
 * Writing the wiki. Every write is one transaction with its audit row, its search entry and its
 * links. Guarantees:
 * - revisions are numbered without gaps and never change (append-only table); a save or restore
 *   based on an older revision than the current one is refused with an EditConflict (409) that
 *   carries the current revision and what the caller sent — never a silent overwrite. The page row
 *   is locked while the number is checked and taken, so of any number of saves against the same
 *   base exactly one succeeds;
 * - a page's title is unique in its wiki (any case): `[[links]]` name pages by title;
 * - `wiki_link` holds the links of each page's current revision, and a new page picks up the links
 *   already written to its title;
 * - the search holds the page as its visibility allows, and nothing of an archived page.
 */

export const defaultReviewIntervalDays = 180;

export interface PageSettings {
  visibility: SearchVisibility;
  ownerId?: string | null;
  reviewIntervalDays?: number;
}

export interface NewPageFields extends RevisionFields, PageSettings {
  organisationId: string | null;
}

/** A save against an older revision: the current one, and what the caller sent. */
export class EditConflict extends Problem {
  readonly current: NonNullable<Awaited<ReturnType<typeof findRevision>>>;
  readonly yours: RevisionFields & { baseRevision: number };
  constructor(current: EditConflict['current'], yours: EditConflict['yours']) {
    super(409, 'wiki.edit_conflict', { params: { current: current.revision } });
    this.current = current;
    this.yours = yours;
  }
}

const invalid = (
  field: string,
  code: 'wiki.title_taken' | 'wiki.members_need_organisation' | 'wiki.owner_not_editor',
  params = {},
) => new Problem(422, code, { params, fields: [{ field: `/${field}`, code, params }] });

async function index(
  db: Executor,
  networkId: string,
  page: { id: string; organisation_id: string | null; visibility: SearchVisibility },
  f: RevisionFields,
) {
  await indexDocument(db, {
    networkId,
    type: 'wiki_page',
    entityType: 'wiki_page',
    entityId: page.id,
    title: f.title,
    body: plainText(f.body),
    keywords: f.summary,
    link: webPaths.wikiPage(page.id),
    visibility: page.visibility,
    organisationId: page.organisation_id,
  });
}

async function linksOf(
  db: Executor,
  networkId: string,
  page: { id: string; organisation_id: string | null },
  body: string,
) {
  const links = await resolveLinks(db, networkId, page.organisation_id, body);
  await replaceLinks(
    db,
    networkId,
    page.id,
    [...links.values()].map((l) => l.id),
  );
}

/** Pages already linking to a new page's title now lead to it. */
async function adoptLinks(
  db: Executor,
  networkId: string,
  page: { id: string; organisation_id: string | null },
  title: string,
) {
  const slug = slugify(title);
  for (const other of await pagesLinkingTo(db, networkId, page.organisation_id, title)) {
    if (other.id === page.id) continue;
    if (
      !wikiLinkTargets(other.body).some((t) => slugify(t) === slug || t.toLowerCase() === title.toLowerCase())
    )
      continue;
    // resolve again: the linking page's own wiki may have a page of that name that wins
    const links = await resolveLinks(db, networkId, other.organisation_id, other.body);
    await replaceLinks(
      db,
      networkId,
      other.id,
      [...links.values()].map((l) => l.id),
    );
  }
}

/** A title of spaces only would pass the schema's length and fail the table's: say so at the field. */
function checkTitle(title: string) {
  if ([...title.trim()].length < 2)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/title', code: 'field.too_short', params: { limit: 2 } }],
    });
}

function checkVisibility(organisationId: string | null, visibility: SearchVisibility) {
  if (visibility === 'members' && organisationId === null)
    throw invalid('visibility', 'wiki.members_need_organisation');
}

async function checkOwner(db: Executor, networkId: string, organisationId: string | null, ownerId: string) {
  if (!(await mayOwn(db, networkId, organisationId, ownerId)))
    throw invalid('ownerId', 'wiki.owner_not_editor');
}

async function freeSlug(db: Executor, networkId: string, organisationId: string | null, title: string) {
  const base = slugify(title).slice(0, 110).replace(/-+$/, '');
  const taken = await slugsLike(db, networkId, organisationId, base);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Starts a page with its first revision; its owner is the creator unless named. */
export async function createPage(
  db: Executor,
  ctx: CommandContext,
  f: NewPageFields,
  opts: { reviewedAt?: Date } = {},
): Promise<string> {
  if (!wikiPagePolicy.create(ctx.actor, f.organisationId)) throw forbidden();
  checkVisibility(f.organisationId, f.visibility);
  checkTitle(f.title);
  return executeTx(db, async (tx) => {
    if (await sameTitle(tx, ctx.networkId, f.organisationId, f.title))
      throw invalid('title', 'wiki.title_taken', { title: f.title });
    const ownerId = f.ownerId ?? ctx.actorId;
    if (ownerId !== ctx.actorId) await checkOwner(tx, ctx.networkId, f.organisationId, ownerId);
    const id = await insertPage(tx, ctx.networkId, {
      organisationId: f.organisationId,
      slug: await freeSlug(tx, ctx.networkId, f.organisationId, f.title),
      title: f.title,
      visibility: f.visibility,
      ownerId,
      reviewIntervalDays: f.reviewIntervalDays ?? defaultReviewIntervalDays,
      createdBy: ctx.actorId,
      reviewedAt: opts.reviewedAt,
    });
    const page = { id, organisation_id: f.organisationId, visibility: f.visibility };
    await insertRevision(tx, ctx.networkId, id, 1, ctx.actorId, f);
    await linksOf(tx, ctx.networkId, page, f.body);
    await adoptLinks(tx, ctx.networkId, page, f.title);
    await index(tx, ctx.networkId, page, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'wiki.page_created',
      entityType: 'wiki_page',
      entityId: id,
      details: { organisationId: f.organisationId, visibility: f.visibility },
      ip: ctx.ip,
    });
    return id;
  });
}

/** The page locked for a change by an editor (404 for whom may not see it, 403 for a reader). */
async function lockForEdit(tx: Executor, ctx: CommandContext, pageId: string) {
  const page = await lockPage(tx, ctx.networkId, pageId);
  if (!page || !wikiPagePolicy.view(ctx.actor, page)) throw notFound();
  if (!wikiPagePolicy.edit(ctx.actor, page)) throw forbidden();
  return page;
}

/** Appends a revision to a locked page: links, search, followers, the interaction, the audit row. */
async function appendRevision(
  tx: Executor,
  ctx: CommandContext,
  page: Awaited<ReturnType<typeof lockForEdit>>,
  f: RevisionFields,
  action: 'wiki.page_saved' | 'wiki.page_restored',
): Promise<number> {
  const revision = page.current_revision + 1;
  await insertRevision(tx, ctx.networkId, page.id, revision, ctx.actorId, f);
  await linksOf(tx, ctx.networkId, page, f.body);
  if (page.title.toLowerCase() !== f.title.toLowerCase()) await adoptLinks(tx, ctx.networkId, page, f.title);
  if (!page.archived_at) await index(tx, ctx.networkId, page, f);
  await audit(tx, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action,
    entityType: 'wiki_page',
    entityId: page.id,
    details: { revision, ...(f.restoredFrom ? { restoredFrom: f.restoredFrom } : {}) },
    ip: ctx.ip,
  });
  // an edit of a page someone else started: the editor worked with its organisation (or its author)
  if (page.created_by && page.created_by !== ctx.actorId)
    await recordInteraction(tx, {
      networkId: ctx.networkId,
      area: 'knowledge',
      kind: 'wiki_edit',
      mode: 'online',
      a: { type: 'person', id: ctx.actorId },
      b: page.organisation_id
        ? { type: 'organisation', id: page.organisation_id }
        : { type: 'person', id: page.created_by },
      source: { type: 'wiki_revision', id: `${page.id}/${revision}` },
    });
  if (!page.archived_at) {
    let followers = (await followersOf(tx, ctx.networkId, 'wiki_page', page.id)).filter(
      (id) => id !== ctx.actorId,
    );
    if (page.visibility === 'members' && page.organisation_id && followers.length > 0) {
      const members = await tx
        .selectFrom('membership')
        .select('account_id')
        .where('network_id', '=', ctx.networkId)
        .where('organisation_id', '=', page.organisation_id)
        .where('account_id', 'in', followers)
        .execute();
      const still = new Set(members.map((m) => m.account_id));
      followers = followers.filter((id) => still.has(id));
    }
    if (followers.length > 0) {
      const name = await displayName(tx, ctx.networkId, ctx.actorId);
      await notificationInsert(
        tx,
        followers.map((accountId) => ({
          networkId: ctx.networkId,
          accountId,
          kind: 'wiki.page_changed' as const,
          params: { title: f.title, name },
          link: webPaths.wikiPage(page.id),
        })),
      )?.execute();
    }
  }
  return revision;
}

/**
 * Saves a new revision. A save based on an older revision than the current one is an EditConflict:
 * the caller gets the current revision and their own text back.
 */
export async function savePage(
  db: Executor,
  ctx: CommandContext,
  pageId: string,
  baseRevision: number,
  f: RevisionFields,
): Promise<number> {
  checkTitle(f.title);
  return executeTx(db, async (tx) => {
    const page = await lockForEdit(tx, ctx, pageId);
    if (page.current_revision !== baseRevision) {
      const current = await findRevision(tx, ctx.networkId, pageId, page.current_revision);
      throw new EditConflict(current!, { ...f, baseRevision });
    }
    if (await sameTitle(tx, ctx.networkId, page.organisation_id, f.title, page.id))
      throw invalid('title', 'wiki.title_taken', { title: f.title });
    return appendRevision(tx, ctx, page, { ...f, restoredFrom: null }, 'wiki.page_saved');
  });
}

/** Brings an old revision back as a new one (restored_from names it); 409 like a save when someone saved since. */
export async function restoreRevision(
  db: Executor,
  ctx: CommandContext,
  pageId: string,
  revision: number,
  baseRevision: number,
): Promise<number> {
  return executeTx(db, async (tx) => {
    const page = await lockForEdit(tx, ctx, pageId);
    const old = await findRevision(tx, ctx.networkId, pageId, revision);
    if (!old)
      throw new Problem(422, 'wiki.no_such_revision', {
        fields: [{ field: '/revision', code: 'wiki.no_such_revision' }],
      });
    const f = { title: old.title, body: old.body, summary: '', restoredFrom: revision };
    if (page.current_revision !== baseRevision) {
      const current = await findRevision(tx, ctx.networkId, pageId, page.current_revision);
      throw new EditConflict(current!, { ...f, baseRevision });
    }
    if (revision === page.current_revision)
      throw new Problem(422, 'wiki.restore_current', {
        fields: [{ field: '/revision', code: 'wiki.restore_current' }],
      });
    if (await sameTitle(tx, ctx.networkId, page.organisation_id, f.title, page.id))
      throw invalid('title', 'wiki.title_taken', { title: f.title });
    return appendRevision(tx, ctx, page, f, 'wiki.page_restored');
  });
}

/** Archives a page (gone for readers and from search) or brings it back. */
export async function archivePage(db: Executor, ctx: CommandContext, pageId: string, archived: boolean) {
  await executeTx(db, async (tx) => {
    const page = await lockForEdit(tx, ctx, pageId);
    if (Boolean(page.archived_at) === archived) return;
    await setArchived(tx, ctx.networkId, pageId, archived);
    if (archived) await removeDocument(tx, ctx.networkId, 'wiki_page', pageId);
    else {
      const current = await findRevision(tx, ctx.networkId, pageId, page.current_revision);
      await index(tx, ctx.networkId, page, current!);
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: archived ? 'wiki.page_archived' : 'wiki.page_unarchived',
      entityType: 'wiki_page',
      entityId: pageId,
      ip: ctx.ip,
    });
  });
}

/** Who keeps the page current, how often it is checked, who reads it. */
export async function changeSettings(
  db: Executor,
  ctx: CommandContext,
  pageId: string,
  s: Partial<PageSettings>,
) {
  await executeTx(db, async (tx) => {
    const page = await lockForEdit(tx, ctx, pageId);
    if (s.visibility) checkVisibility(page.organisation_id, s.visibility);
    if (s.ownerId) await checkOwner(tx, ctx.networkId, page.organisation_id, s.ownerId);
    await updatePageSettings(tx, ctx.networkId, pageId, s);
    if (s.visibility && s.visibility !== page.visibility && !page.archived_at) {
      const current = await findRevision(tx, ctx.networkId, pageId, page.current_revision);
      await index(tx, ctx.networkId, { ...page, visibility: s.visibility }, current!);
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'wiki.page_settings_changed',
      entityType: 'wiki_page',
      entityId: pageId,
      details: { ...s },
      ip: ctx.ip,
    });
  });
}
